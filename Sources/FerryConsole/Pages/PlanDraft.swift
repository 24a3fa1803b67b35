/// A plan being written in the wizard. Nothing is stored on a cluster until the review
/// step's Create: between steps the draft travels in the form itself, the current step's
/// fields visible and every other step's as hidden fields with the same names.
struct PlanDraft: Sendable {
    /// The user's choice for one persistent volume.
    struct Volume: Sendable {
        var action: String
        var storageClass: String
        var accessMode: String
        var verify: Bool
        var targetClaim: String
    }

    var name = ""
    var sourceCluster = ""
    var destinationCluster = ""
    var storage = ""
    var migrationType = "full"
    /// Chosen source namespaces with their target names (empty: same name), in order.
    var namespaces: [(source: String, target: String)] = []
    /// Choices by PV name.
    var volumes: [String: Volume] = [:]
    var indirectImageMigration = false
    var indirectVolumeMigration = false
    var hook = PlanForm.HookEntry()

    init() {}

    /// The draft a posted wizard form carries.
    init(form: FormData) {
        name = form["name"]
        sourceCluster = form["sourceCluster"]
        destinationCluster = form["destinationCluster"]
        storage = form["storage"]
        migrationType = form["migrationType"].isEmpty ? "full" : form["migrationType"]
        let targets = form.values(prefixed: "nstarget.")
        namespaces = form.values(prefixed: "ns.").filter { $0.value == "true" }.keys.sorted().map { ($0, targets[$0] ?? "") }
        let actions = form.values(prefixed: "pvaction.")
        let classes = form.values(prefixed: "pvclass.")
        let modes = form.values(prefixed: "pvmode.")
        let verified = form.values(prefixed: "pvverify.")
        let claims = form.values(prefixed: "pvpvc.")
        for (volume, action) in actions {
            volumes[volume] = Volume(
                action: action, storageClass: classes[volume] ?? "", accessMode: modes[volume] ?? "", verify: verified[volume] == "true",
                targetClaim: claims[volume] ?? "")
        }
        indirectImageMigration = form.isChecked("indirectImageMigration")
        indirectVolumeMigration = form.isChecked("indirectVolumeMigration")
        hook = PlanForm.HookEntry(
            name: form.optional("hook.name"), phase: form.optional("hook.phase"), executionNamespace: form.optional("hook.executionNamespace"),
            serviceAccount: form.optional("hook.serviceAccount"))
    }

    /// The draft of an existing plan, for editing.
    init(plan: PlanView) {
        name = plan.name
        sourceCluster = plan.sourceCluster ?? ""
        destinationCluster = plan.destinationCluster ?? ""
        storage = plan.storage ?? ""
        migrationType = plan.migrationType
        namespaces = plan.namespaces.map { mapping in
            let source = mapping.source ?? ""
            let destination = mapping.destination ?? ""
            return (source, destination == source ? "" : destination)
        }
        for volume in plan.persistentVolumes {
            let selection = volume.selection
            let claim = volume.pvc
            volumes[volume.name] = Volume(
                action: selection?.action ?? "copy", storageClass: selection?.storageClass ?? "", accessMode: selection?.accessMode ?? "",
                verify: selection?.verify ?? false, targetClaim: claim.map { $0.targetName == $0.sourceName ? "" : $0.targetName } ?? "")
        }
        indirectImageMigration = plan.indirectImageMigration
        indirectVolumeMigration = plan.indirectVolumeMigration
        if let first = plan.hooks.first {
            hook = PlanForm.HookEntry(name: first.reference?.name, phase: first.phase, executionNamespace: first.executionNamespace, serviceAccount: first.serviceAccount)
        }
    }

    /// The hidden fields that carry every part of the draft except `step`'s own fields.
    func hiddenFields(except step: PlanWizardStep, editing: Bool) -> [HiddenField] {
        var fields: [HiddenField] = []
        if step != .general || editing {
            fields.append(HiddenField(name: "name", value: name))
        }
        if step != .general {
            fields += [
                HiddenField(name: "sourceCluster", value: sourceCluster), HiddenField(name: "destinationCluster", value: destinationCluster),
                HiddenField(name: "migrationType", value: migrationType),
            ]
        }
        if step != .namespaces {
            for namespace in namespaces {
                fields.append(HiddenField(name: "ns.\(namespace.source)", value: "true"))
                if !namespace.target.isEmpty { fields.append(HiddenField(name: "nstarget.\(namespace.source)", value: namespace.target)) }
            }
        }
        if step != .volumes {
            for (volume, choice) in volumes.sorted(by: { $0.key < $1.key }) {
                fields += [
                    HiddenField(name: "pvaction.\(volume)", value: choice.action), HiddenField(name: "pvclass.\(volume)", value: choice.storageClass),
                    HiddenField(name: "pvmode.\(volume)", value: choice.accessMode), HiddenField(name: "pvpvc.\(volume)", value: choice.targetClaim),
                ]
                if choice.verify { fields.append(HiddenField(name: "pvverify.\(volume)", value: "true")) }
            }
        }
        if step != .options {
            fields.append(HiddenField(name: "storage", value: storage))
            if indirectImageMigration { fields.append(HiddenField(name: "indirectImageMigration", value: "true")) }
            if indirectVolumeMigration { fields.append(HiddenField(name: "indirectVolumeMigration", value: "true")) }
        }
        if step != .hooks {
            for (key, value) in [("name", hook.name), ("phase", hook.phase), ("executionNamespace", hook.executionNamespace), ("serviceAccount", hook.serviceAccount)] {
                if let value, !value.isEmpty { fields.append(HiddenField(name: "hook.\(key)", value: value)) }
            }
        }
        return fields
    }

    /// The plan form the backend creates or updates the plan from.
    var planForm: PlanForm {
        PlanForm(
            name: name, sourceCluster: sourceCluster, destinationCluster: destinationCluster, storage: storage.isEmpty ? nil : storage,
            migrationType: migrationType,
            namespaces: namespaces.map { PlanForm.NamespaceMapping(source: $0.source, destination: $0.target.isEmpty ? nil : $0.target) },
            persistentVolumes: volumes.isEmpty ? nil : volumes.sorted(by: { $0.key < $1.key }).map { name, choice in
                PlanForm.VolumeSelection(
                    name: name, action: choice.action, storageClass: choice.storageClass, accessMode: choice.accessMode, verify: choice.verify,
                    targetClaimName: migrationType == "state" ? choice.targetClaim : nil)
            },
            hooks: (hook.name ?? "").isEmpty ? nil : [hook],
            indirectImageMigration: indirectImageMigration, indirectVolumeMigration: indirectVolumeMigration)
    }
}
