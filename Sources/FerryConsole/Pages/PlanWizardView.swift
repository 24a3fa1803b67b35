/// The view of the `wizard` template for one step of the plan wizard.
struct PlanWizardView {
    struct StepItem { var title: String; var current: Bool; var done: Bool }
    struct NamespaceRow { var index: Int; var name: String; var selected: Bool; var target: String; var error: String? }
    struct VolumeRow {
        var index: Int
        var name: String
        var claim: String
        var capacity: String?
        var actions: [FormField.Option]
        var storageClasses: [FormField.Option]
        var accessModes: [FormField.Option]
        var verify: Bool
        var targetClaim: String
        var error: String?
    }
    struct ReviewItem { var label: String; var value: String }

    var heading: String
    var cancelHref: String
    var cancelLabel: String
    var steps: [StepItem]
    var errorSummary: String?
    var action: String
    var csrf: String
    var step: String
    var hidden: [HiddenField]
    var stepTitle: String
    var stepIntro: String?
    var fields: [FormField] = []
    var isNamespaces = false
    var namespacesError: String?
    var namespaces: [NamespaceRow] = []
    var hasNamespaces = false
    var isVolumes = false
    var stateMigration = false
    var volumes: [VolumeRow] = []
    var hasVolumes = false
    var volumesEmpty = ""
    var isReview = false
    var review: [ReviewItem] = []
    var submitLabel: String
    var canGoBack: Bool

    /// What a step's view is built from.
    struct Builder {
        var draft: PlanDraft
        var step: PlanWizardStep
        var editing: PlanView?
        var errors: [String: String]
        var csrf: String
        var clusters: [String] = []
        var storages: [String] = []
        var namespaces: [String] = []
        var volumes = WizardVolumes(volumes: [], targetStorageClasses: [], problem: nil)
        var hooks: [String] = []
        var loadProblem: String?

        init(draft: PlanDraft, step: PlanWizardStep, editing: PlanView?, errors: [String: String], csrf: String) {
            self.draft = draft
            self.step = step
            self.editing = editing
            self.errors = errors
            self.csrf = csrf
        }

        func build() -> PlanWizardView {
            let name = editing?.name
            let current = PlanWizardStep.allCases.firstIndex(of: step)!
            var view = PlanWizardView(
                heading: name.map { "Edit plan \($0)" } ?? "New migration plan", cancelHref: name.map { "/plans/\($0)" } ?? "/plans",
                cancelLabel: name.map { "Plan \($0)" } ?? "Plans",
                steps: PlanWizardStep.allCases.enumerated().map { StepItem(title: $1.title, current: $0 == current, done: $0 < current) },
                errorSummary: loadProblem ?? (errors.isEmpty ? nil : "Correct the fields marked below; nothing was saved."),
                action: name.map { "/plans/\($0)/edit" } ?? "/plans/new", csrf: csrf, step: step.rawValue,
                hidden: draft.hiddenFields(except: step, editing: editing != nil), stepTitle: step.title,
                submitLabel: step == .review ? (editing == nil ? "Create plan" : "Save plan") : "Next", canGoBack: step != .general)
            switch step {
            case .general: view.fields = generalFields()
            case .namespaces: fillNamespaces(&view)
            case .volumes: fillVolumes(&view)
            case .options: view.fields = optionFields()
            case .hooks: view.fields = hookFields()
            case .review: fillReview(&view)
            }
            view.fields = FormField.attach(errors, to: view.fields)
            return view
        }

        private func generalFields() -> [FormField] {
            let clusterChoices = [("", "Choose a cluster")] + clusters.map { ($0, $0) }
            var fields: [FormField] = []
            if editing == nil {
                fields.append(FormField("name", label: "Plan name", value: draft.name, hint: "Lowercase letters, digits and '-', such as shop-to-east.", required: true))
            }
            fields += [
                .select("sourceCluster", label: "Source cluster", choices: clusterChoices, selected: draft.sourceCluster, required: true),
                .select("destinationCluster", label: "Target cluster", choices: clusterChoices, selected: draft.destinationCluster, required: true),
                .select(
                    "migrationType", label: "Migration type",
                    choices: [("full", "Full migration: namespaces with their objects, images and data"), ("state", "State migration: only volumes' data and claims")],
                    selected: draft.migrationType),
            ]
            return fields
        }

        private func fillNamespaces(_ view: inout PlanWizardView) {
            view.isNamespaces = true
            view.stepIntro = "The namespaces of \(draft.sourceCluster) you may read. Give a target name to rename a namespace on \(draft.destinationCluster)."
            view.namespacesError = errors["namespaces"]
            let chosen = Dictionary(draft.namespaces.map { ($0.source, $0.target) }, uniquingKeysWith: { first, _ in first })
            let selectedOrder = draft.namespaces.map(\.source)
            view.namespaces = namespaces.enumerated().map { index, namespace in
                let position = selectedOrder.firstIndex(of: namespace)
                return NamespaceRow(
                    index: index, name: namespace, selected: chosen[namespace] != nil, target: chosen[namespace] ?? "",
                    error: position.flatMap { errors["namespaces[\($0)].destination"] ?? errors["namespaces[\($0)].source"] })
            }
            view.hasNamespaces = !view.namespaces.isEmpty
        }

        private func fillVolumes(_ view: inout PlanWizardView) {
            view.isVolumes = true
            view.stateMigration = draft.migrationType == "state"
            view.stepIntro = "Copy moves the data to a new volume on the target; move re-attaches the same storage (shared NFS); skip leaves the volume out."
            let ordered = draft.volumes.keys.sorted()
            view.volumes = volumes.volumes.enumerated().map { index, found in
                let choice = draft.volumes[found.volumeName]
                let position = ordered.firstIndex(of: found.volumeName)
                func options(_ values: [String], first: String, selected: String) -> [FormField.Option] {
                    [FormField.Option(value: "", label: first, selected: selected.isEmpty)]
                        + values.map { FormField.Option(value: $0, label: $0, selected: $0 == selected) }
                }
                let action = choice?.action ?? "copy"
                return VolumeRow(
                    index: index, name: found.volumeName, claim: "\(found.claimNamespace)/\(found.claimName)", capacity: found.capacity,
                    actions: PlanForm.volumeActions.map { FormField.Option(value: $0, label: $0.capitalized, selected: $0 == action) },
                    storageClasses: options(volumes.targetStorageClasses, first: "Same as source (\(found.storageClass ?? "default"))", selected: choice?.storageClass ?? ""),
                    accessModes: options(PlanForm.accessModes, first: "Same as source (\(found.accessModes.joined(separator: ", ")))", selected: choice?.accessMode ?? ""),
                    verify: choice?.verify ?? false, targetClaim: choice?.targetClaim ?? "",
                    error: position.flatMap { errors["persistentVolumes[\($0)].targetClaimName"] })
            }
            view.hasVolumes = !view.volumes.isEmpty
            view.volumesEmpty = volumes.problem ?? "The chosen namespaces have no bound persistent volume claims."
        }

        private func optionFields() -> [FormField] {
            [
                .checkbox(
                    "indirectImageMigration", label: "Copy images through the replication repository", checked: draft.indirectImageMigration,
                    hint: "Unchecked: direct image migration, registry to registry (needs each cluster's exposed registry route)."),
                .checkbox(
                    "indirectVolumeMigration", label: "Copy volume data through the replication repository", checked: draft.indirectVolumeMigration,
                    hint: "Unchecked: direct volume migration, rsync between the clusters."),
                .select("storage", label: "Replication repository", choices: [("", "None")] + storages.map { ($0, $0) }, selected: draft.storage,
                        hint: "Needed only for copies through the repository."),
            ]
        }

        private func hookFields() -> [FormField] {
            let hook = draft.hook
            return [
                .select("hook.name", label: "Hook (MigHook)", choices: [("", "No hook")] + hooks.map { ($0, $0) }, selected: hook.name ?? "",
                        hint: hooks.isEmpty ? "There are no MigHooks in the migration namespace; create one with kubectl to run it here." : nil,
                        error: errors["hooks[0].name"]),
                .select("hook.phase", label: "Runs", choices: [("", "Choose when")] + PlanForm.hookPhases.map { ($0, $0) }, selected: hook.phase ?? "",
                        error: errors["hooks[0].phase"]),
                FormField("hook.executionNamespace", label: "Execution namespace", value: hook.executionNamespace ?? "", error: errors["hooks[0].executionNamespace"]),
                FormField("hook.serviceAccount", label: "Service account", value: hook.serviceAccount ?? ""),
            ]
        }

        private func fillReview(_ view: inout PlanWizardView) {
            view.isReview = true
            let namespaces = draft.namespaces.map { $0.target.isEmpty ? $0.source : "\($0.source) → \($0.target)" }.joined(separator: ", ")
            let volumes = draft.volumes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value.action)" }.joined(separator: ", ")
            view.review = [
                ReviewItem(label: "Name", value: draft.name),
                ReviewItem(label: "Source → target", value: "\(draft.sourceCluster) → \(draft.destinationCluster)"),
                ReviewItem(label: "Type", value: draft.migrationType == "state" ? "State migration" : "Full migration"),
                ReviewItem(label: "Namespaces", value: namespaces),
                ReviewItem(label: "Volumes", value: volumes.isEmpty ? "as the controller finds them (copy)" : volumes),
                ReviewItem(label: "Images", value: draft.indirectImageMigration ? "through the repository" : "direct"),
                ReviewItem(label: "Volume data", value: draft.indirectVolumeMigration ? "through the repository" : "direct"),
                ReviewItem(label: "Repository", value: draft.storage.isEmpty ? "none" : draft.storage),
                ReviewItem(label: "Hook", value: draft.hook.name.map { "\($0) (\(draft.hook.phase ?? "?"))" } ?? "none"),
            ]
        }
    }
}
