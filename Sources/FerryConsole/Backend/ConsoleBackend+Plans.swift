import FerryAPI
import FerryCLI
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// Every MigPlan the user may list.
    public func plans(user: ConsoleUser) async throws -> [PlanView] {
        try await list(MigPlan.self, user: user).map(PlanView.init)
    }

    /// The MigPlan `name`, with its conditions.
    public func plan(_ name: String, user: ConsoleUser) async throws -> PlanView {
        PlanView(try await read(MigPlan.self, name, user: user))
    }

    /// Creates a MigPlan from the wizard's `form`; nothing is created unless every field,
    /// including the referenced clusters, repository and hooks, checks out.
    public func createPlan(_ form: PlanForm, user: ConsoleUser) async throws -> PlanView {
        try await validate(form, user: user)
        var plan = MigPlan(name: form.name ?? "", namespace: namespace, spec: MigPlan.Spec())
        plan.object.labels = ["app.kubernetes.io/managed-by": "ferry-console"]
        apply(form, to: &plan)
        let created = try await user.client.create(MigPlan.resourceType.resource, plan.encoded(), namespace: namespace)
        return PlanView(try MigPlan(object: created))
    }

    /// Replaces the user's choices in MigPlan `name` with `form`'s; the controller's findings
    /// (volumes' capacities, supported actions) stay.
    public func updatePlan(_ name: String, _ form: PlanForm, user: ConsoleUser) async throws -> PlanView {
        var form = form
        form.name = name
        try await validate(form, user: user)
        var attempt = 0
        while true {
            var plan = try await read(MigPlan.self, name, user: user)
            apply(form, to: &plan)
            plan.spec.refresh = true
            do {
                let updated = try await user.client.update(MigPlan.resourceType.resource, plan.encoded(), namespace: namespace)
                return PlanView(try MigPlan(object: updated))
            } catch let error as KubeAPIError where error.isConflict && attempt < 3 {
                // The controller wrote the plan meanwhile; apply the choices to its version.
                attempt += 1
            }
        }
    }

    /// Deletes MigPlan `name`; refused while one of its migrations runs.
    public func deletePlan(_ name: String, user: ConsoleUser) async throws {
        _ = try await host(user).deletePlan(name, force: false)
    }

    /// Checks `form`, including that its clusters, repository and hooks exist.
    public func validate(_ form: PlanForm, user: ConsoleUser) async throws {
        var checks = FieldChecks()
        checks.problemsOfForm(form)
        try checks.check()
        let clusters = Set(try await list(MigCluster.self, user: user).map(\.name))
        for (field, name) in [("sourceCluster", form.sourceCluster), ("destinationCluster", form.destinationCluster)] {
            if let name, !clusters.contains(name) { checks.add(field, "there is no cluster \(name); add it on the Clusters page first") }
        }
        if let storage = form.storage, !storage.isEmpty {
            let storages = Set(try await list(MigStorage.self, user: user).map(\.name))
            if !storages.contains(storage) { checks.add("storage", "there is no replication repository \(storage); add it first") }
        }
        if let hooks = form.hooks, !hooks.isEmpty {
            let known = Set(try await user.client.listAll(MigrationResourceType.migHook.resource, namespace: namespace).items.map(\.name))
            for (index, hook) in hooks.enumerated() where !known.contains(hook.name ?? "") {
                checks.add("hooks[\(index)].name", "there is no MigHook \(hook.name ?? "") in namespace \(namespace)")
            }
        }
        try checks.check()
    }

    private func apply(_ form: PlanForm, to plan: inout MigPlan) {
        plan.spec.srcMigClusterRef = MigrationObjectReference(name: form.sourceCluster, namespace: namespace)
        plan.spec.destMigClusterRef = MigrationObjectReference(name: form.destinationCluster, namespace: namespace)
        plan.spec.migStorageRef = (form.storage ?? "").isEmpty ? nil : MigrationObjectReference(name: form.storage, namespace: namespace)
        plan.spec.namespaces = (form.namespaces ?? []).map { mapping in
            let source = mapping.source ?? ""
            guard let destination = mapping.destination, !destination.isEmpty, destination != source else { return source }
            return "\(source):\(destination)"
        }
        plan.spec.indirectImageMigration = form.indirectImageMigration == true ? true : nil
        plan.spec.indirectVolumeMigration = form.indirectVolumeMigration == true ? true : nil
        plan.spec.hooks = (form.hooks ?? []).isEmpty ? nil : form.hooks?.map { hook in
            MigPlan.Hook(
                reference: MigrationObjectReference(name: hook.name, namespace: namespace), phase: hook.phase,
                executionNamespace: (hook.executionNamespace ?? "").isEmpty ? nil : hook.executionNamespace,
                serviceAccount: (hook.serviceAccount ?? "").isEmpty ? nil : hook.serviceAccount)
        }
        var annotations = plan.object.annotations
        annotations[PlanView.migrationTypeAnnotation] = form.migrationType == "state" ? "state" : "full"
        plan.object.annotations = annotations
        guard let selections = form.persistentVolumes else { return }
        var volumes = plan.spec.persistentVolumes ?? []
        for choice in selections {
            guard let name = choice.name else { continue }
            let index = volumes.firstIndex { $0.name == name } ?? {
                // Not found yet by the controller: kept so its discovery starts from the choice.
                volumes.append(MigPlan.PersistentVolume(name: name))
                return volumes.count - 1
            }()
            var selection = volumes[index].selection ?? MigPlan.PersistentVolume.Selection()
            if let action = choice.action, !action.isEmpty { selection.action = action }
            if let storageClass = choice.storageClass { selection.storageClass = storageClass.isEmpty ? nil : storageClass }
            if let accessMode = choice.accessMode { selection.accessMode = accessMode.isEmpty ? nil : accessMode }
            if let copyMethod = choice.copyMethod, !copyMethod.isEmpty { selection.copyMethod = copyMethod }
            if let verify = choice.verify { selection.verify = verify ? true : nil }
            volumes[index].selection = selection
            if let target = choice.targetClaimName, var claim = volumes[index].pvc {
                claim.name = target.isEmpty || target == claim.sourceName ? claim.sourceName : "\(claim.sourceName):\(target)"
                volumes[index].pvc = claim
            }
        }
        plan.spec.persistentVolumes = volumes
    }
}
