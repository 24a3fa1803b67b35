public import FerryTransfer
public import Logging
public import ServiceLifecycle
import Synchronization

/// Runs the local data plane's transfers for the migrations of this process, each in a child
/// task of the service's own task group, so that a reconcile can start a copy and come back
/// for its progress while it runs.
///
/// Run it under the same `ServiceGroup` (or task group) as the controller. A graceful
/// shutdown stops every running transfer; its migration resumes the copy when it runs again.
public final class VolumeTransferService: Service, Sendable {
    /// Identifies one copy: the migration and stage or cutover.
    public struct Key: Sendable, Hashable, CustomStringConvertible {
        /// The migration's uid.
        public var migrationUID: String
        /// Stage or cutover.
        public var kind: TransferKind

        /// Creates a key.
        public init(migrationUID: String, kind: TransferKind) {
            self.migrationUID = migrationUID
            self.kind = kind
        }

        /// `uid/Stage`.
        public var description: String { "\(migrationUID)/\(kind.rawValue)" }
    }

    /// What a copy has reported so far.
    public struct State: Sendable {
        /// How a finished copy ended.
        public enum Outcome: Sendable {
            /// Every volume was copied.
            case succeeded([VolumeTransferResult])
            /// The copy failed (or was canceled) with `error`.
            case failed(any Error)
        }

        /// The latest progress of each volume, in the order the volumes were given.
        public var volumes: [VolumeTransferProgress]
        /// nil while the copy runs.
        public var outcome: Outcome?
    }

    private struct Entry {
        var order: [String]
        var progress: [String: VolumeTransferProgress]
        var outcome: State.Outcome?
        var stop: AsyncStream<Void>.Continuation?
    }

    private enum Command: Sendable {
        case start(Key, [LocalVolume], AsyncStream<Void>)
    }

    private let transfer: any LocalVolumeTransferring
    private let logger: Logger
    private let entries = Mutex<[Key: Entry]>([:])
    private let commands: AsyncStream<Command>
    private let commandSink: AsyncStream<Command>.Continuation

    /// Creates the service; transfers run with `transfer`.
    public init(transfer: any LocalVolumeTransferring, logger: Logger) {
        self.transfer = transfer
        self.logger = logger
        (commands, commandSink) = AsyncStream.makeStream(of: Command.self)
    }

    /// Runs transfers as they are started until a graceful shutdown or cancellation, then
    /// stops the running ones.
    public func run() async throws {
        await withDiscardingTaskGroup { group in
            for await command in commands.cancelOnGracefulShutdown() {
                switch command {
                case .start(let key, let volumes, let stop):
                    group.addTask { await self.execute(key, volumes: volumes, stop: stop) }
                }
            }
            group.cancelAll()
        }
        commandSink.finish()
    }

    /// Starts copying `volumes` for `key` unless a copy of `key` was already started (running
    /// or finished and not yet collected).
    public func start(_ key: Key, volumes: [LocalVolume]) {
        let (stop, stopSink) = AsyncStream.makeStream(of: Void.self)
        let isNew = entries.withLock { entries in
            guard entries[key] == nil else { return false }
            entries[key] = Entry(
                order: volumes.map(\.id), progress: Dictionary(volumes.map { ($0.id, VolumeTransferProgress(id: $0.id)) }, uniquingKeysWith: { a, _ in a }),
                outcome: nil, stop: stopSink)
            return true
        }
        guard isNew else { return }
        logger.info("starting local volume transfer", metadata: ["transfer": "\(key)", "volumes": "\(volumes.count)"])
        commandSink.yield(.start(key, volumes, stop))
    }

    /// The copy of `key`, nil when none was started (or it was collected).
    public func state(_ key: Key) -> State? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            return State(volumes: entry.order.compactMap { entry.progress[$0] }, outcome: entry.outcome)
        }
    }

    /// Stops the copy of `key` when it runs; its state then ends as failed with a
    /// `CancellationError`.
    public func cancel(_ key: Key) {
        let stop = entries.withLock { $0[key]?.stop }
        stop?.finish()
    }

    /// Stops the copy of `key` when it runs and forgets it.
    public func collect(_ key: Key) {
        let stop = entries.withLock { $0.removeValue(forKey: key)?.stop }
        stop?.finish()
    }

    private func execute(_ key: Key, volumes: [LocalVolume], stop: AsyncStream<Void>) async {
        let outcome: State.Outcome = await withTaskGroup(of: State.Outcome?.self) { group in
            group.addTask {
                do {
                    let results = try await self.transfer.run(volumes, kind: key.kind) { progress in
                        self.record(progress, for: key)
                    }
                    return .succeeded(results)
                } catch {
                    return .failed(error)
                }
            }
            group.addTask {
                // Ends when `cancel` or `collect` finishes the stream.
                for await _ in stop {}
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            return await group.next().flatMap { $0 } ?? .failed(CancellationError())
        }
        entries.withLock { entries in
            guard entries[key] != nil else { return }
            if case .succeeded(let results) = outcome {
                for result in results { entries[key]?.progress[result.progress.id] = result.progress }
            }
            entries[key]?.outcome = outcome
            entries[key]?.stop = nil
        }
        switch outcome {
        case .succeeded: logger.info("local volume transfer finished", metadata: ["transfer": "\(key)"])
        case .failed(let error): logger.warning("local volume transfer ended", metadata: ["transfer": "\(key)", "error": "\(error)"])
        }
    }

    private func record(_ progress: VolumeTransferProgress, for key: Key) {
        entries.withLock { entries in
            guard entries[key]?.outcome == nil else { return }
            entries[key]?.progress[progress.id] = progress
        }
    }
}
