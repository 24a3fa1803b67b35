public import FerryTransfer

/// How the direct volume mover copies: the transfer settings both planes share and the choice
/// of plane.
public struct DirectVolumeSettings: Sendable, Hashable {
    /// rsync, tunnel, retry and parallelism settings.
    public var transfer: TransferSettings
    /// Which plane copies each volume.
    public var plane: DataPlaneSelection
    /// The transfer pods of the pod plane.
    public var pods: TransferPodSettings
    /// The shortest interval between two writes of one DirectVolumeMigration or
    /// DirectVolumeMigrationProgress (and between two renderings of the pipeline's lines) while
    /// a copy runs; state changes are written at once.
    public var statusInterval: Duration

    /// Creates settings.
    public init(
        transfer: TransferSettings = TransferSettings(), plane: DataPlaneSelection = .automatic, pods: TransferPodSettings = TransferPodSettings(),
        statusInterval: Duration = .seconds(1)
    ) {
        self.transfer = transfer
        self.plane = plane
        self.pods = pods
        self.statusInterval = statusInterval
    }
}
