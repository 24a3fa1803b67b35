import FerryEngine
public import KubeClient
public import KubeCore
public import Logging

/// Finds the name pods of a cluster pull images from its internal registry by, e.g.
/// `image-registry.openshift-image-registry.svc:5000`, the way MTC fills a MigCluster's
/// `status.registryPath`: the `status.internalRegistryHostname` of the cluster's image
/// configuration (`config.openshift.io/v1` `Image` named `cluster`), else the registry host of
/// the ImageStreams' `status.dockerImageRepository`.
public struct InternalRegistryDiscovery: Sendable {
    /// The cluster's image configuration.
    public static let imageConfigs = GroupVersionResource(group: "config.openshift.io", version: "v1", resource: "images")
    /// ImageStreams.
    public static let imageStreams = GroupVersionResource(group: "image.openshift.io", version: "v1", resource: "imagestreams")

    private let client: KubeClient
    private let logger: Logger

    /// Discovery on the cluster `client` reaches.
    public init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// The registry's in-cluster `host[:port]`; nil on a cluster without OpenShift's image
    /// APIs or without an internal registry. Never throws: a cluster that cannot tell simply
    /// has no known internal registry.
    public func hostname() async -> String? {
        do {
            let config = try await client.get(Self.imageConfigs, name: "cluster")
            if let host = config[path: "status", "internalRegistryHostname"]?.stringValue, !host.isEmpty { return host }
        } catch {
            logger.trace("no image configuration", metadata: ["error": "\(error)"])
        }
        do {
            let streams = try await client.list(Self.imageStreams, options: ListOptions(limit: 100))
            for stream in streams.items {
                guard let repository = stream[path: "status", "dockerImageRepository"]?.stringValue,
                    let host = ImageRegistryMapping.registryHost(ofRepository: repository)
                else { continue }
                return host
            }
        } catch {
            logger.trace("no ImageStreams to learn the internal registry from", metadata: ["error": "\(error)"])
        }
        return nil
    }
}
