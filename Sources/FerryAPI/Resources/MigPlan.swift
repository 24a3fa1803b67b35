public import KubeCore

/// What to migrate: namespaces from a source cluster to a destination cluster, with the
/// persistent volumes' choices, hooks and filters.
public struct MigPlan: MigrationResource {
    /// `MigPlan`.
    public static let resourceType = MigrationResourceType.migPlan

    /// The lossless object.
    public var object: KubeObject
    /// The typed spec.
    public var spec: Spec
    /// The typed status.
    public var status: Status

    /// Creates the resource from its parts.
    public init(object: KubeObject, spec: Spec, status: Status) {
        self.object = object
        self.spec = spec
        self.status = status
    }

    /// What the user asks for.
    public struct Spec: MigrationFields {
        /// The source MigCluster.
        public var srcMigClusterRef: MigrationObjectReference?
        /// The destination MigCluster.
        public var destMigClusterRef: MigrationObjectReference?
        /// The replication repository (indirect migrations).
        public var migStorageRef: MigrationObjectReference?
        /// Namespaces, each `src` or `src:dest`.
        public var namespaces: [String]?
        /// The persistent volumes found by the controller, with the user's selections.
        public var persistentVolumes: [PersistentVolume]?
        /// Hooks to run.
        public var hooks: [Hook]?
        /// A closed plan accepts no further migrations.
        public var closed: Bool?
        /// Asks the controller to validate again now.
        public var refresh: Bool?
        /// Copy images through the repository instead of registry to registry.
        public var indirectImageMigration: Bool?
        /// Copy volume data through the repository instead of rsync.
        public var indirectVolumeMigration: Bool?
        /// Only these kinds (group + kind); every kind when empty.
        public var includedResources: [GroupKindReference]?
        /// Only namespaced objects with these labels (a Kubernetes label selector).
        public var labelSelector: JSONValue?
        /// Live-migrate virtual machines.
        public var liveMigrate: Bool?

        /// Every field unset.
        public init() {}
    }

    /// A kind by group and kind name, as `includedResources` lists them.
    public struct GroupKindReference: Codable, Sendable, Hashable {
        /// The API group; empty for the core group.
        public var group: String
        /// The kind.
        public var kind: String

        /// Creates a reference.
        public init(group: String, kind: String) {
            self.group = group
            self.kind = kind
        }

        private enum CodingKeys: String, CodingKey { case group, kind }

        /// Reads a reference; a missing group is the core group.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            group = try container.decodeIfPresent(String.self, forKey: .group) ?? ""
            kind = try container.decode(String.self, forKey: .kind)
        }

        /// Writes the reference; the core group is left out, as MTC writes it.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            if !group.isEmpty { try container.encode(group, forKey: .group) }
            try container.encode(kind, forKey: .kind)
        }
    }

    /// A hook attached to a phase.
    public struct Hook: Codable, Sendable, Hashable {
        /// The MigHook.
        public var reference: MigrationObjectReference?
        /// `PreBackup`, `PostBackup`, `PreRestore` or `PostRestore`.
        public var phase: String?
        /// Where the hook's Job runs.
        public var executionNamespace: String?
        /// The service account the Job runs as.
        public var serviceAccount: String?

        /// Creates a hook entry.
        public init(reference: MigrationObjectReference? = nil, phase: String? = nil, executionNamespace: String? = nil, serviceAccount: String? = nil) {
            self.reference = reference
            self.phase = phase
            self.executionNamespace = executionNamespace
            self.serviceAccount = serviceAccount
        }
    }

    /// A storage class as the status lists it.
    public struct StorageClass: Codable, Sendable, Hashable {
        /// The class name.
        public var name: String
        /// Its provisioner.
        public var provisioner: String?
        /// Whether it is the cluster's default class.
        public var `default`: Bool?
        /// The access modes it supports.
        public var accessModes: [String]?

        /// Creates an entry.
        public init(name: String, provisioner: String? = nil, default: Bool? = nil, accessModes: [String]? = nil) {
            self.name = name
            self.provisioner = provisioner
            self.default = `default`
            self.accessModes = accessModes
        }
    }

    /// A namespace with resources the destination cannot serve.
    public struct IncompatibleNamespace: Codable, Sendable, Hashable {
        /// The namespace.
        public var name: String
        /// The kinds the destination lacks.
        public var gvks: [JSONValue]?

        /// Creates an entry.
        public init(name: String, gvks: [JSONValue]? = nil) {
            self.name = name
            self.gvks = gvks
        }
    }

    /// What the controller found.
    public struct Status: MigrationFields {
        /// `Ready`, validation problems and the migration type.
        public var conditions: [MigrationCondition]?
        /// Resources never migrated.
        public var excludedResources: [String]?
        /// Storage classes of the source cluster.
        public var srcStorageClasses: [StorageClass]?
        /// Storage classes of the destination cluster.
        public var destStorageClasses: [StorageClass]?
        /// Namespaces with kinds the destination lacks.
        public var incompatibleNamespaces: [IncompatibleNamespace]?
        /// The digest of the spec last reconciled.
        public var observedDigest: String?

        /// Every field unset.
        public init() {}
    }
}
