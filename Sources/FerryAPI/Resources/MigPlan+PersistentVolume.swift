extension MigPlan {
    /// A persistent volume of the plan: what the controller found and what the user chose.
    public struct PersistentVolume: Codable, Sendable, Hashable {
        /// The PV's name.
        public var name: String
        /// Its capacity, such as `10Gi`.
        public var capacity: String?
        /// Its storage class on the source.
        public var storageClass: String?
        /// What the volume allows.
        public var supported: Supported?
        /// What the user chose.
        public var selection: Selection?
        /// The claim bound to it.
        public var pvc: Claim?
        /// Whether the user confirmed the proposed capacity.
        public var capacityConfirmed: Bool?
        /// The capacity proposed after measuring usage.
        public var proposedCapacity: String?

        /// Creates an entry.
        public init(name: String, capacity: String? = nil, storageClass: String? = nil, supported: Supported? = nil, selection: Selection? = nil, pvc: Claim? = nil) {
            self.name = name
            self.capacity = capacity
            self.storageClass = storageClass
            self.supported = supported
            self.selection = selection
            self.pvc = pvc
        }

        /// The actions and copy methods the volume allows.
        public struct Supported: Codable, Sendable, Hashable {
            /// `copy`, `move`, `skip`.
            public var actions: [String]
            /// `filesystem`, `block`, `snapshot`.
            public var copyMethods: [String]

            /// Creates an entry.
            public init(actions: [String], copyMethods: [String]) {
                self.actions = actions
                self.copyMethods = copyMethods
            }
        }

        /// The user's choice for the volume.
        public struct Selection: Codable, Sendable, Hashable {
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

            /// Creates a selection.
            public init(action: String? = nil, storageClass: String? = nil, accessMode: String? = nil, copyMethod: String? = nil, verify: Bool? = nil) {
                self.action = action
                self.storageClass = storageClass
                self.accessMode = accessMode
                self.copyMethod = copyMethod
                self.verify = verify
            }
        }

        /// The claim bound to the volume.
        public struct Claim: Codable, Sendable, Hashable {
            /// The claim's namespace on the source.
            public var namespace: String
            /// `name`, or `source:target` to rename it on the destination.
            public var name: String
            /// Its access modes.
            public var accessModes: [String]?
            /// `Filesystem` or `Block`.
            public var volumeMode: String?
            /// Whether a pod mounts it.
            public var hasReference: Bool?

            /// Creates a claim entry.
            public init(namespace: String, name: String, accessModes: [String]? = nil, volumeMode: String? = nil, hasReference: Bool? = nil) {
                self.namespace = namespace
                self.name = name
                self.accessModes = accessModes
                self.volumeMode = volumeMode
                self.hasReference = hasReference
            }

            /// The claim's name on the source.
            public var sourceName: String {
                name.split(separator: ":", maxSplits: 1).first.map(String.init) ?? name
            }

            /// The claim's name on the destination.
            public var targetName: String {
                let parts = name.split(separator: ":", maxSplits: 1)
                return parts.count == 2 && !parts[1].isEmpty ? String(parts[1]) : sourceName
            }
        }
    }

    /// The plan's namespaces as source → destination pairs, in the plan's order.
    public var namespaceMappings: [(source: String, destination: String)] {
        (spec.namespaces ?? []).map { entry in
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            return parts.count == 2 && !parts[1].isEmpty ? (parts[0], parts[1]) : (parts.first ?? entry, parts.first ?? entry)
        }
    }

    /// The source namespaces.
    public var sourceNamespaces: [String] { namespaceMappings.map(\.source) }

    /// The destination namespaces.
    public var destinationNamespaces: [String] { namespaceMappings.map(\.destination) }

    /// Whether the plan's validation found nothing critical and set `Ready`.
    public var isReady: Bool {
        let conditions = status.conditions ?? []
        return conditions.isTrue("Ready") && !conditions.hasCritical
    }
}
