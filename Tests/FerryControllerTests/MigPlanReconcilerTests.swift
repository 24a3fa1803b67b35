import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Testing

@Suite("MigPlanReconciler")
struct MigPlanReconcilerTests {
    /// Checks both clusters, then reconciles the plan once; returns the stored plan.
    static func reconcile(_ name: String, in world: MigrationWorld, settings: ControllerSettings = ControllerSettings()) async throws -> MigPlan {
        let connector = ClusterConnector(hostClient: world.hostClient, logger: quietLogger)
        do {
            let clusters = MigClusterReconciler(client: world.hostClient, connector: connector, logger: quietLogger)
            for cluster in ["host", "source"] { _ = try await clusters.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: cluster)) }
            let plans = MigPlanReconciler(client: world.hostClient, connector: connector, settings: settings, logger: quietLogger)
            _ = try await plans.reconcile(ObjectKey(namespace: MigrationWorld.namespace, name: name))
        } catch {
            await connector.shutdown()
            throw error
        }
        await connector.shutdown()
        return try await world.plan(name)
    }

    @Test("a valid plan is Ready, typed as a namespace migration, with storage classes and discovered volumes", .timeLimit(.minutes(1)))
    func validPlan() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            try await world.createPlan("plan", namespaces: ["shop"])
            let plan = try await Self.reconcile("plan", in: world)
            let conditions = plan.status.conditions ?? []
            #expect(conditions.isTrue("Ready"), "\(conditions)")
            #expect(conditions.first(type: "MigrationTypeIdentified")?.reason == "NamespaceMigrationPlan")
            #expect(conditions.first(type: "MigrationTypeIdentified")?.category == "Advisory")
            #expect(plan.status.srcStorageClasses?.map(\.name) == ["standard"])
            #expect(plan.status.destStorageClasses?.first?.default == true)
            #expect(plan.status.excludedResources?.contains("events") == true)

            let volumes = plan.spec.persistentVolumes ?? []
            #expect(volumes.count == 2)
            let data = try #require(volumes.first { $0.pvc?.name == "data" })
            #expect(data.pvc?.namespace == "shop")
            #expect(data.pvc?.hasReference == true, "the pod mounts it")
            #expect(data.pvc?.accessModes == ["ReadWriteOnce"])
            #expect(data.capacity == "1Gi")
            #expect(data.storageClass == "standard")
            #expect(data.supported?.actions == ["copy", "move", "skip"], "hostPath volumes can also be moved")
            #expect(data.supported?.copyMethods == ["filesystem"])
            #expect(data.selection == MigPlan.PersistentVolume.Selection(action: "copy", storageClass: "standard", accessMode: "ReadWriteOnce", copyMethod: "filesystem"))
            let cache = try #require(volumes.first { $0.pvc?.name == "cache" })
            #expect(cache.pvc?.hasReference == false)

            let settled = try await Self.reconcile("plan", in: world)
            #expect(settled.object.resourceVersion == plan.object.resourceVersion, "a converged plan is not written again")
        }
    }

    @Test("a user's selection and claim rename survive re-discovery", .timeLimit(.minutes(1)))
    func keepsUserChoices() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            try await world.createPlan("plan", namespaces: ["shop"])
            var plan = try await Self.reconcile("plan", in: world)
            var volumes = try #require(plan.spec.persistentVolumes)
            let index = try #require(volumes.firstIndex { $0.pvc?.name == "data" })
            volumes[index].selection = MigPlan.PersistentVolume.Selection(action: "skip")
            volumes[index].pvc?.name = "data:data-renamed"
            plan.spec.persistentVolumes = volumes
            plan.spec.refresh = true
            _ = try await world.hostClient.update(plan.encoded())

            let again = try await Self.reconcile("plan", in: world)
            let entry = try #require(again.spec.persistentVolumes?.first { $0.name == volumes[index].name })
            #expect(entry.selection?.action == "skip")
            #expect(entry.pvc?.name == "data:data-renamed")
            #expect(entry.pvc?.targetName == "data-renamed")
            #expect(again.spec.refresh == false, "a requested refresh is done")
        }
    }

    @Test("missing namespaces, missing clusters, limits and mapping conflicts are Critical and block Ready", .timeLimit(.minutes(1)))
    func invalidPlans() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            try await world.createPlan("missing-ns", namespaces: ["shop", "ghost", "phantom"])
            var plan = try await Self.reconcile("missing-ns", in: world)
            var conditions = plan.status.conditions ?? []
            let missing = try #require(conditions.first(type: "NamespaceNotFoundInSourceCluster"))
            #expect(missing.category == "Critical")
            #expect(missing.message?.contains("ghost, phantom") == true)
            #expect(!conditions.isTrue("Ready"))

            try await world.createPlan("no-cluster", namespaces: ["shop"], source: "nowhere")
            conditions = try await Self.reconcile("no-cluster", in: world).status.conditions ?? []
            #expect(conditions.first(type: "InvalidSourceClusterRef")?.reason == "NotFound")
            #expect(!conditions.isTrue("Ready"))

            try await world.createCluster(world.sourceClusterSpec(secret: "absent"), name: "broken")
            try await world.createPlan("not-ready", namespaces: ["shop"], destination: "broken")
            conditions = try await Self.reconcile("not-ready", in: world).status.conditions ?? []
            #expect(conditions.isTrue("DestinationClusterNotReady"))

            try await world.createPlan("conflicts", namespaces: ["shop", "shop:other", "tools:other"])
            let limits = ControllerSettings(namespaceLimit: 2, podLimit: 0, persistentVolumeLimit: 1)
            plan = try await Self.reconcile("conflicts", in: world, settings: limits)
            conditions = plan.status.conditions ?? []
            for type in ["NamespaceLimitExceeded", "PodLimitExceeded", "PvLimitExceeded", "DuplicateNamespaces", "DuplicateDestinationNamespaces"] {
                #expect(conditions.first(type: type)?.category == "Critical", "\(type): \(conditions.map(\.type))")
            }
            #expect(!conditions.isTrue("Ready"))
        }
    }

    @Test("plans within one cluster are storage conversions or state migrations; closed plans say so", .timeLimit(.minutes(1)))
    func planTypesAndClosing() async throws {
        try await MigrationWorld.with { world in
            try await world.createPlan("convert", namespaces: ["shop"], source: "host", destination: "host")
            try await world.createPlan("state", namespaces: ["shop:shop-copy"], source: "host", destination: "host")
            #expect(try await Self.reconcile("convert", in: world).status.conditions?.first(type: "MigrationTypeIdentified")?.reason == "StorageConversionPlan")
            #expect(try await Self.reconcile("state", in: world).status.conditions?.first(type: "MigrationTypeIdentified")?.reason == "StateMigrationPlan")

            var plan = try await world.plan("state")
            plan.spec.closed = true
            _ = try await world.hostClient.update(plan.encoded())
            let closed = try await Self.reconcile("state", in: world).status.conditions ?? []
            #expect(closed.isTrue("PlanClosed"))
            #expect(!closed.isTrue("Ready"))
        }
    }

    @Test("hooks and the replication repository must exist, with known phases used once", .timeLimit(.minutes(1)))
    func hookAndStorageReferences() async throws {
        try await MigrationWorld.with { world in
            try await world.createApplication("shop")
            var hookSpec = MigHook.Spec()
            hookSpec.custom = true
            hookSpec.image = "busybox"
            _ = try await world.hostClient.create(MigHook(name: "present", spec: hookSpec).encoded())
            var plan = try await world.createPlan("plan", namespaces: ["shop"])
            plan.spec.hooks = [
                MigPlan.Hook(reference: MigrationObjectReference(name: "present", namespace: MigrationWorld.namespace), phase: "PreBackup"),
                MigPlan.Hook(reference: MigrationObjectReference(name: "absent", namespace: MigrationWorld.namespace), phase: "PreBackup"),
                MigPlan.Hook(reference: MigrationObjectReference(name: "present", namespace: MigrationWorld.namespace), phase: "Sometime"),
            ]
            plan.spec.indirectVolumeMigration = true
            _ = try await world.hostClient.update(plan.encoded())
            var conditions = try await Self.reconcile("plan", in: world).status.conditions ?? []
            #expect(conditions.first(type: "InvalidHookRef")?.message?.contains("absent") == true)
            #expect(conditions.first(type: "HookPhaseUnknown")?.message?.contains("Sometime") == true)
            #expect(conditions.first(type: "HookPhaseDuplicate")?.message?.contains("PreBackup") == true)
            #expect(conditions.first(type: "InvalidStorageRef")?.reason == "NotSet")
            #expect(!conditions.isTrue("Ready"))

            plan = try await world.plan("plan")
            plan.spec.hooks = [MigPlan.Hook(reference: MigrationObjectReference(name: "present", namespace: MigrationWorld.namespace), phase: "PostRestore")]
            plan.spec.indirectVolumeMigration = nil
            _ = try await world.hostClient.update(plan.encoded())
            conditions = try await Self.reconcile("plan", in: world).status.conditions ?? []
            #expect(conditions.isTrue("Ready"), "\(conditions)")
            #expect(conditions.first(type: "InvalidHookRef") == nil)
        }
    }
}
