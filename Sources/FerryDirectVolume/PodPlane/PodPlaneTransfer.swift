public import FerryTransfer
public import Foundation
public import KubeClient
import KubeCore
public import Logging

/// The pod data plane of direct volume migration, as MTC runs it on real clusters: per
/// destination namespace one transfer pod (rsync daemon on loopback behind an stunnel server)
/// exposed by a Route, Service or Ingress; per source claim one client pod (rsync through an
/// stunnel client) that copies the claim into it.
///
/// Both calls are idempotent and never wait: the caller calls ``reconcile(_:)`` again until
/// every volume has succeeded (or it throws), then ``cleanUp(migrationUID:source:destination:)``.
public struct PodPlaneTransfer: Sendable {
    let logger: Logger
    let now: @Sendable () -> Date

    /// Creates the plane.
    public init(logger: Logger) {
        self.init(logger: logger, now: { Date() })
    }

    /// Creates the plane with a clock of its own (tests move it to pass timeouts and delays).
    public init(logger: Logger, now: @escaping @Sendable () -> Date) {
        self.logger = logger
        self.now = now
    }

    /// Idempotent and non-blocking: creates what is missing, observes the pods, retries failed
    /// client pods when their backoff delay has passed, and returns each volume's state in the
    /// order of `request.volumes`.
    ///
    /// Throws `TransferError`: `.tunnel` when a transfer pod stays Pending past the timeout
    /// (naming the pod and why), `.transferFailed` with the volume and rsync's exit code when
    /// rsync fails with a code retrying cannot fix or the retries run out, `.invalidSetting`
    /// for settings that cannot work, `.sourceMissing` for a source claim that does not exist.
    public func reconcile(_ request: PodTransferRequest) async throws -> [VolumeTransferProgress] {
        try await validate(request)
        let names = TransferResourceNames(migrationUID: request.migrationUID)
        let byNamespace = Dictionary(grouping: request.volumes, by: \.destinationNamespace)
        var servers: [String: ServerEndpoint] = [:]
        for namespace in byNamespace.keys.sorted() {
            let claims = byNamespace[namespace, default: []].map(\.destinationClaim)
            servers[namespace] = try await ensureServer(namespace: namespace, claims: claims, request: request, names: names)
        }
        var clients: [String: [String: [KubeObject]]] = [:]
        for namespace in Set(request.volumes.map(\.sourceNamespace)).sorted() {
            clients[namespace] = try await clientPods(in: namespace, request: request, names: names)
        }
        var results: [VolumeTransferProgress] = []
        for volume in request.volumes {
            let pods = clients[volume.sourceNamespace]?[names.volumeLabelValue(claim: volume.sourceClaim)] ?? []
            results.append(try await reconcileClient(volume, pods: pods, server: servers[volume.destinationNamespace], request: request, names: names))
        }
        return results
    }

    /// Deletes every transfer resource of the migration on both clusters (found by its labels,
    /// in every namespace); idempotent.
    public func cleanUp(migrationUID: String, source: KubeClient, destination: KubeClient) async throws {
        let selector = TransferResourceNames(migrationUID: migrationUID).migrationSelector
        for client in [source, destination] {
            for resource in TransferResources.created where try await TransferResources.serves(resource, on: client) {
                let found = try await client.listAll(resource, options: ListOptions(labelSelector: selector)).items
                for object in found {
                    try await TransferResources.remove(resource, name: object.name, namespace: object.namespace, on: client)
                }
            }
        }
        logger.debug("removed the transfer resources", metadata: ["migration": "\(migrationUID)"])
    }

    /// Refuses requests that cannot work, naming the setting to change.
    private func validate(_ request: PodTransferRequest) async throws {
        var seen = Set<String>()
        for volume in request.volumes {
            guard seen.insert("\(volume.destinationNamespace)/\(volume.destinationClaim)").inserted else {
                throw TransferError(code: .invalidSetting, message: "destination claim \(volume.destinationNamespace)/\(volume.destinationClaim) is the target of two volumes; map every source claim to its own destination claim")
            }
        }
        switch request.pods.endpoint {
        case .route:
            guard try await TransferResources.serves(TransferResources.routes, on: request.destination) else {
                throw TransferError(code: .invalidSetting, message: "the destination cluster does not serve route.openshift.io Routes, the default transfer endpoint; set TransferPodSettings.endpoint to nodePort, loadBalancer or ingress")
            }
        case .ingress:
            guard let host = request.pods.ingressHost, !host.isEmpty else {
                throw TransferError(code: .invalidSetting, message: "the ingress transfer endpoint needs a host name; set TransferPodSettings.ingressHost to a name that resolves to the ingress controller")
            }
        case .clusterIP, .nodePort, .loadBalancer:
            break
        }
        _ = try ClientManifests(names: TransferResourceNames(migrationUID: request.migrationUID), pods: request.pods, settings: request.settings, kind: request.kind)
            .rsyncOptions(verify: true).arguments()
        if let proxy = request.settings.tunnelProxy, !proxy.isEmpty { _ = try TunnelProxy(parsing: proxy) }
    }
}
