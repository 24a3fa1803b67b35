import FerryTransfer
public import Logging

/// Runs a direct volume mover for the length of a body: the mover's transfer service runs in a
/// child task and stops (with its transfers) when the body ends.
public enum DirectVolumeRuntime {
    /// Calls `body` with a mover copying with `settings`: LocalTransfer for volumes this
    /// machine reaches, transfer pods for the others.
    public static func run<Result: Sendable>(
        _ settings: DirectVolumeSettings, logger: Logger, _ body: @escaping @Sendable (DirectVolumeMover) async throws -> Result
    ) async throws -> Result {
        let transfers = VolumeTransferService(transfer: LocalTransfer(settings: settings.transfer, logger: logger), logger: logger)
        let mover = DirectVolumeMover(settings: settings, transfers: transfers, podPlane: PodPlaneTransfer(logger: logger), logger: logger)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
                try await transfers.run()
                return nil
            }
            group.addTask { try await body(mover) }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw CancellationError()
        }
    }
}
