public import FerryEngine
public import FerryTransfer
public import KubeClient

/// The pod data plane as the mover drives it: transfer pods on the clusters copy the volumes
/// this machine cannot reach. ``PodPlaneTransfer`` is the implementation.
public protocol PodVolumePlane: Sendable {
    /// Creates what is missing for copying `volumes` of `request`, observes the pods and returns
    /// each volume's state (ids `namespace/claim` of the source). Idempotent and non-blocking.
    func reconcile(_ request: VolumeCopyRequest, volumes: [VolumeCopyRequest.Volume], settings: DirectVolumeSettings) async throws -> [VolumeTransferProgress]

    /// Deletes the migration's transfer pods and their resources on both clusters.
    func cleanUp(migrationUID: String, source: KubeClient, destination: KubeClient) async throws
}

extension PodPlaneTransfer: PodVolumePlane {
    /// Builds the pod plane's request: the migration's `runAsRoot`, `runAsUser` and
    /// `runAsGroup` override the configured pod settings.
    public func reconcile(_ request: VolumeCopyRequest, volumes: [VolumeCopyRequest.Volume], settings: DirectVolumeSettings) async throws -> [VolumeTransferProgress] {
        var pods = settings.pods
        let spec = request.migration.spec
        pods.runAsRoot = spec.runAsRoot ?? pods.runAsRoot
        pods.runAsUser = spec.runAsUser ?? pods.runAsUser
        pods.runAsGroup = spec.runAsGroup ?? pods.runAsGroup
        return try await reconcile(PodTransferRequest(
            migrationName: request.migrationName, migrationUID: request.migrationUID, kind: TransferKind(request.kind),
            volumes: volumes.map {
                PodTransferVolume(
                    sourceNamespace: $0.sourceNamespace, sourceClaim: $0.sourceName, destinationNamespace: $0.destinationNamespace,
                    destinationClaim: $0.destinationName, verify: $0.verify)
            },
            source: request.source, destination: request.destination, settings: settings.transfer, pods: pods))
    }
}
