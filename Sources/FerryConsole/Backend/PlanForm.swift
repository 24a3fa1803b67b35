import Foundation

/// What the plan wizard (and `POST /api/plans`, `PUT /api/plans/{name}`) sends.
public struct PlanForm: Codable, Sendable, Hashable {
    /// The MigPlan's name.
    public var name: String?
    /// The source MigCluster.
    public var sourceCluster: String?
    /// The destination MigCluster.
    public var destinationCluster: String?
    /// The replication repository (MigStorage); required for indirect copies.
    public var storage: String?
    /// `full` (namespaces with their objects) or `state` (only volumes' data and claims).
    public var migrationType: String?
    /// The namespaces, each mapped to a destination name (the same name when empty).
    public var namespaces: [NamespaceMapping]?
    /// Choices for the persistent volumes the controller found, by PV name.
    public var persistentVolumes: [VolumeSelection]?
    /// Hooks to run.
    public var hooks: [HookEntry]?
    /// Copy images through the repository instead of registry to registry.
    public var indirectImageMigration: Bool?
    /// Copy volume data through the repository instead of rsync between the clusters.
    public var indirectVolumeMigration: Bool?

    /// Creates a form.
    public init(
        name: String? = nil, sourceCluster: String? = nil, destinationCluster: String? = nil, storage: String? = nil, migrationType: String? = nil,
        namespaces: [NamespaceMapping]? = nil, persistentVolumes: [VolumeSelection]? = nil, hooks: [HookEntry]? = nil,
        indirectImageMigration: Bool? = nil, indirectVolumeMigration: Bool? = nil
    ) {
        self.name = name
        self.sourceCluster = sourceCluster
        self.destinationCluster = destinationCluster
        self.storage = storage
        self.migrationType = migrationType
        self.namespaces = namespaces
        self.persistentVolumes = persistentVolumes
        self.hooks = hooks
        self.indirectImageMigration = indirectImageMigration
        self.indirectVolumeMigration = indirectVolumeMigration
    }

    /// A source namespace and its name on the destination.
    public struct NamespaceMapping: Codable, Sendable, Hashable {
        /// The namespace on the source.
        public var source: String?
        /// Its name on the destination; the source name when empty.
        public var destination: String?

        /// Creates a mapping.
        public init(source: String? = nil, destination: String? = nil) {
            self.source = source
            self.destination = destination
        }
    }

    /// The user's choice for one persistent volume.
    public struct VolumeSelection: Codable, Sendable, Hashable {
        /// The PV's name.
        public var name: String?
        /// `copy`, `move` or `skip`.
        public var action: String?
        /// The destination storage class.
        public var storageClass: String?
        /// The destination access mode.
        public var accessMode: String?
        /// `filesystem`, `block` or `snapshot`.
        public var copyMethod: String?
        /// Compare checksums after the copy.
        public var verify: Bool?
        /// The claim's name on the destination (state migrations may rename it).
        public var targetClaimName: String?

        /// Creates a selection.
        public init(name: String? = nil, action: String? = nil, storageClass: String? = nil, accessMode: String? = nil, copyMethod: String? = nil, verify: Bool? = nil, targetClaimName: String? = nil) {
            self.name = name
            self.action = action
            self.storageClass = storageClass
            self.accessMode = accessMode
            self.copyMethod = copyMethod
            self.verify = verify
            self.targetClaimName = targetClaimName
        }
    }

    /// A hook attached to a phase.
    public struct HookEntry: Codable, Sendable, Hashable {
        /// The MigHook's name.
        public var name: String?
        /// `PreBackup`, `PostBackup`, `PreRestore` or `PostRestore`.
        public var phase: String?
        /// Where the hook's Job runs.
        public var executionNamespace: String?
        /// The service account the Job runs as.
        public var serviceAccount: String?

        /// Creates an entry.
        public init(name: String? = nil, phase: String? = nil, executionNamespace: String? = nil, serviceAccount: String? = nil) {
            self.name = name
            self.phase = phase
            self.executionNamespace = executionNamespace
            self.serviceAccount = serviceAccount
        }
    }

    /// The migration types.
    public static let migrationTypes = ["full", "state"]
    /// The volume actions.
    public static let volumeActions = ["copy", "move", "skip"]
    /// The copy methods.
    public static let copyMethods = ["filesystem", "block", "snapshot"]
    /// The access modes.
    public static let accessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]
    /// The hook phases.
    public static let hookPhases = ["PreBackup", "PostBackup", "PreRestore", "PostRestore"]

    /// Checks every field that needs no cluster to check.
    public func validate() throws(ConsoleValidationError) {
        var checks = FieldChecks()
        checks.problemsOfForm(self)
        try checks.check()
    }
}

extension FieldChecks {
    mutating func problemsOfForm(_ form: PlanForm) {
        objectName(form.name, "name", what: "plan name")
        objectName(form.sourceCluster, "sourceCluster", what: "source cluster")
        objectName(form.destinationCluster, "destinationCluster", what: "destination cluster")
        if let storage = form.storage, !storage.isEmpty { objectName(storage, "storage", what: "replication repository") }
        oneOf(form.migrationType, PlanForm.migrationTypes, "migrationType", what: "migration type")
        let mappings = form.namespaces ?? []
        if mappings.isEmpty { add("namespaces", "choose at least one namespace") }
        var destinations = Set<String>()
        for (index, mapping) in mappings.enumerated() {
            namespaceName(mapping.source, "namespaces[\(index)].source", what: "namespace")
            if let destination = mapping.destination, !destination.isEmpty {
                namespaceName(destination, "namespaces[\(index)].destination", what: "destination namespace")
            }
            let target = (mapping.destination ?? "").isEmpty ? (mapping.source ?? "") : (mapping.destination ?? "")
            if !destinations.insert(target).inserted { add("namespaces[\(index)].destination", "two namespaces map to \(target)") }
        }
        if form.indirectImageMigration == true || form.indirectVolumeMigration == true, (form.storage ?? "").isEmpty {
            add("storage", "indirect image or volume copies need a replication repository; choose one or use direct copies")
        }
        for (index, volume) in (form.persistentVolumes ?? []).enumerated() {
            required(volume.name, "persistentVolumes[\(index)].name", what: "the volume's name")
            oneOf(volume.action, PlanForm.volumeActions, "persistentVolumes[\(index)].action", what: "action")
            oneOf(volume.copyMethod, PlanForm.copyMethods, "persistentVolumes[\(index)].copyMethod", what: "copy method")
            oneOf(volume.accessMode, PlanForm.accessModes, "persistentVolumes[\(index)].accessMode", what: "access mode")
            if let target = volume.targetClaimName, !target.isEmpty {
                objectName(target, "persistentVolumes[\(index)].targetClaimName", what: "target claim name")
            }
        }
        for (index, hook) in (form.hooks ?? []).enumerated() {
            objectName(hook.name, "hooks[\(index)].name", what: "hook")
            required(hook.phase, "hooks[\(index)].phase", what: "the hook's phase")
            oneOf(hook.phase, PlanForm.hookPhases, "hooks[\(index)].phase", what: "phase")
            if let namespace = hook.executionNamespace, !namespace.isEmpty {
                namespaceName(namespace, "hooks[\(index)].executionNamespace", what: "execution namespace")
            }
        }
    }
}
