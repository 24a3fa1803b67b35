import FerryDirectVolume
import FerryTransfer
import Logging
import Synchronization
import Testing

/// A local plane that reports one progress step per volume, then waits until released (or
/// canceled), counting its runs.
final class GatedTransfer: LocalVolumeTransferring {
    let runs = Mutex(0)
    let gate: AsyncStream<Void>
    let release: AsyncStream<Void>.Continuation

    init() {
        (gate, release) = AsyncStream.makeStream(of: Void.self)
    }

    func run(
        _ volumes: [LocalVolume], kind: TransferKind, progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async throws -> [VolumeTransferResult] {
        runs.withLock { $0 += 1 }
        for volume in volumes {
            await progress(VolumeTransferProgress(id: volume.id, phase: .running, bytesTransferred: 512, totalBytes: 1024, percent: 50))
        }
        for await _ in gate {}
        try Task.checkCancellation()
        return volumes.map {
            VolumeTransferResult(progress: VolumeTransferProgress(id: $0.id, phase: .succeeded, percent: 100), exitStatus: RsyncExitStatus(code: 0))
        }
    }
}

@Suite("Volume transfer service")
struct VolumeTransferServiceTests {
    static let logger = Logger(label: "x", factory: { _ in SwiftLogNoOpLogHandler() })
    static let key = VolumeTransferService.Key(migrationUID: "uid-1", kind: .stage)
    static let volumes = [LocalVolume(id: "shop/data", sourcePath: "/a", destinationPath: "/b")]

    static func withService(_ transfer: GatedTransfer, _ body: (VolumeTransferService) async throws -> Void) async throws {
        let service = VolumeTransferService(transfer: transfer, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            defer { group.cancelAll() }
            try await body(service)
        }
    }

    static func waitFor(_ condition: () -> Bool) async throws {
        for _ in 0..<400 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("starting the same migration and kind twice runs one transfer, whose progress and result the state reports", .timeLimit(.minutes(1)))
    func startIsIdempotentAndStateFollowsTheTransfer() async throws {
        let transfer = GatedTransfer()
        try await Self.withService(transfer) { service in
            service.start(Self.key, volumes: Self.volumes)
            service.start(Self.key, volumes: Self.volumes)
            try await Self.waitFor { service.state(Self.key)?.volumes.first?.phase == .running }
            #expect(service.state(Self.key)?.volumes.first?.percent == 50)
            #expect(service.state(Self.key)?.outcome == nil)
            transfer.release.finish()
            try await Self.waitFor { service.state(Self.key)?.outcome != nil }
            guard case .succeeded(let results)? = service.state(Self.key)?.outcome else {
                Issue.record("expected success, got \(String(describing: service.state(Self.key)?.outcome))")
                return
            }
            #expect(results.count == 1)
            #expect(service.state(Self.key)?.volumes.first?.phase == .succeeded)
            service.start(Self.key, volumes: Self.volumes)
            #expect(transfer.runs.withLock { $0 } == 1, "a finished transfer is kept, not started again")
            service.collect(Self.key)
            #expect(service.state(Self.key) == nil)
        }
    }

    @Test("cancel stops a running transfer, which ends failed with a cancellation", .timeLimit(.minutes(1)))
    func cancelStopsTheTransfer() async throws {
        let transfer = GatedTransfer()
        try await Self.withService(transfer) { service in
            service.start(Self.key, volumes: Self.volumes)
            try await Self.waitFor { service.state(Self.key)?.volumes.first?.phase == .running }
            service.cancel(Self.key)
            try await Self.waitFor { service.state(Self.key)?.outcome != nil }
            guard case .failed(let error)? = service.state(Self.key)?.outcome else {
                Issue.record("expected a failure, got \(String(describing: service.state(Self.key)?.outcome))")
                return
            }
            #expect(error is CancellationError)
        }
    }
}
