public import FerryTransfer
public import KubeClient

/// What one call of ``PodPlaneTransfer/reconcile(_:)`` works on: a migration's volumes, the two
/// clusters and the settings.
public struct PodTransferRequest: Sendable {
    /// The migration's name (names the certificates).
    public var migrationName: String
    /// The migration's uid: labels and names every transfer resource.
    public var migrationUID: String
    /// Stage or cutover (cutover also deletes, per `settings.deletes(in:)`).
    public var kind: TransferKind
    /// The claims to copy.
    public var volumes: [PodTransferVolume]
    /// The source cluster.
    public var source: KubeClient
    /// The destination cluster.
    public var destination: KubeClient
    /// The rsync and retry settings.
    public var settings: TransferSettings
    /// The transfer pods' settings.
    public var pods: TransferPodSettings

    /// Creates a request.
    public init(
        migrationName: String, migrationUID: String, kind: TransferKind, volumes: [PodTransferVolume],
        source: KubeClient, destination: KubeClient, settings: TransferSettings = TransferSettings(),
        pods: TransferPodSettings = TransferPodSettings()
    ) {
        self.migrationName = migrationName
        self.migrationUID = migrationUID
        self.kind = kind
        self.volumes = volumes
        self.source = source
        self.destination = destination
        self.settings = settings
        self.pods = pods
    }
}
