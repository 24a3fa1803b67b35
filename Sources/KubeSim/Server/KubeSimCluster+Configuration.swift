extension KubeSimCluster {
    /// How a simulated cluster is set up.
    public struct Configuration: Sendable, Hashable {
        /// The cluster's name; used in its certificate and for route hosts.
        public var name: String
        /// The address to listen on.
        public var host: String
        /// The port to listen on; 0 picks a free one.
        public var port: Int
        /// Where objects, certificates and the admin token persist; `nil` keeps everything in memory.
        public var stateDirectory: String?
        /// The admin bearer token; `nil` reuses the stored one or creates a random one.
        public var adminToken: String?
        /// The names of the simulated nodes.
        public var nodeNames: [String]
        /// How long a Job's pod "runs" before it ends.
        public var jobPodRunTime: Duration

        /// Creates a configuration.
        public init(
            name: String = "kubesim", host: String = "127.0.0.1", port: Int = 0, stateDirectory: String? = nil,
            adminToken: String? = nil, nodeNames: [String]? = nil, jobPodRunTime: Duration = .seconds(1)
        ) {
            self.name = name
            self.host = host
            self.port = port
            self.stateDirectory = stateDirectory
            self.adminToken = adminToken
            self.nodeNames = nodeNames ?? ["\(name)-node-1", "\(name)-node-2"]
            self.jobPodRunTime = jobPodRunTime
        }
    }
}
