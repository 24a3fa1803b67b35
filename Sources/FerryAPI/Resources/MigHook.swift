public import KubeCore

/// A hook a migration runs as a Job at one of its phases: an Ansible playbook or any image.
public struct MigHook: MigrationResource {
    /// `MigHook`.
    public static let resourceType = MigrationResourceType.migHook

    /// The phases a plan may attach hooks to.
    public static let phases = ["PreBackup", "PostBackup", "PreRestore", "PostRestore"]

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

    /// What the hook runs and where.
    public struct Spec: MigrationFields {
        /// `false`: an Ansible playbook run by the hook runner image; `true`: any image.
        public var custom: Bool?
        /// The image to run.
        public var image: String?
        /// The base64-encoded playbook (when not custom).
        public var playbook: String?
        /// `source` or `destination`.
        public var targetCluster: String?
        /// The Job's deadline in seconds; 1800 when unset.
        public var activeDeadlineSeconds: Int?

        /// Every field unset.
        public init() {}
    }

    /// What the controller found.
    public struct Status: MigrationFields {
        /// `Ready` and the problems found.
        public var conditions: [MigrationCondition]?
        /// The digest of the spec last reconciled.
        public var observedDigest: String?

        /// Every field unset.
        public init() {}
    }
}
