public import FerryTransfer

/// Copies volumes between directories of this machine: the local data plane as the transfer
/// service runs it. `LocalTransfer` is the implementation; tests may substitute their own.
public protocol LocalVolumeTransferring: Sendable {
    /// Copies `volumes` for a copy of `kind`, reporting each volume's progress as it goes;
    /// throws when a volume fails after its retries. Cancellation stops the processes.
    func run(
        _ volumes: [LocalVolume], kind: TransferKind, progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async throws -> [VolumeTransferResult]
}

extension LocalTransfer: LocalVolumeTransferring {}
