public import FerryEngine
import FerryTransfer
import Foundation
import KubeClient
public import Logging
import Synchronization

/// Ferry's direct volume migration: copies each claim's data with rsync over an authenticated
/// TLS tunnel, on the local plane (processes on this machine, run by a
/// ``VolumeTransferService``) when this machine reaches both volumes' directories, otherwise
/// with transfer pods; records the copy in a `DirectVolumeMigration` per migration and kind
/// and a `DirectVolumeMigrationProgress` per volume on the host, as MTC does.
///
/// Each call of ``copy(_:)`` advances the copy and returns at once: `.running` with a line per
/// volume while it runs, `.completed` when every volume's data is on the destination. A volume
/// that fails after its retries fails the copy with rsync's exit code and message.
public struct DirectVolumeMover: VolumeDataMover {
    /// How it copies.
    public let settings: DirectVolumeSettings
    let transfers: VolumeTransferService
    let podPlane: (any PodVolumePlane)?
    let placer: VolumePlacer
    let writer: TransferResourceWriter
    let lines: ProgressLineCache
    let placed = PlacementCache()
    let logger: Logger

    /// Creates the mover. Local copies run in `transfers` (run that service alongside the
    /// controller); volumes this machine cannot reach go to `podPlane`, and fail the copy when
    /// it is nil. `resolver` finds the volumes' directories.
    public init(
        settings: DirectVolumeSettings, transfers: VolumeTransferService, podPlane: (any PodVolumePlane)?,
        resolver: LocalVolumePathResolver = LocalVolumePathResolver(), logger: Logger
    ) {
        self.settings = settings
        self.transfers = transfers
        self.podPlane = podPlane
        self.placer = VolumePlacer(selection: settings.plane, resolver: resolver)
        self.writer = TransferResourceWriter(interval: settings.statusInterval)
        self.lines = ProgressLineCache(interval: settings.statusInterval)
        self.logger = logger
    }

    /// Advances the copy of `request` and says where it stands.
    public func copy(_ request: VolumeCopyRequest) async throws -> VolumeCopyOutcome {
        let kind = TransferKind(request.kind)
        let key = "\(request.migrationUID)/\(kind.rawValue)"
        let placements: [VolumePlacement]
        if let known = placed.withLock({ $0[key] }) {
            placements = known
        } else {
            switch try await placer.place(request) {
            case .waiting(let reason):
                return .running(progress: [reason])
            case .placed(let found):
                // Where a volume lives does not change during a copy: later reconciles skip the lookups.
                placed.withLock { $0[key] = found }
                placements = found
            }
        }
        let resource = try await ensureMigrationResource(request, placements: placements)

        var progress: [String: VolumeTransferProgress] = [:]
        var failure: (any Error)?
        let local = placements.filter { $0.plane == .local }
        if !local.isEmpty {
            let key = VolumeTransferService.Key(migrationUID: request.migrationUID, kind: kind)
            transfers.start(key, volumes: local.map {
                LocalVolume(id: $0.id, sourcePath: $0.sourcePath ?? "", destinationPath: $0.destinationPath ?? "", verify: $0.volume.verify)
            })
            if let state = transfers.state(key) {
                for volume in state.volumes { progress[volume.id] = volume }
                if case .failed(let error) = state.outcome { failure = error }
                if case .succeeded = state.outcome {
                    for placement in local where progress[placement.id]?.phase != .succeeded {
                        progress[placement.id]?.phase = .succeeded
                    }
                }
            }
        }
        let remote = placements.filter { $0.plane == .pod }
        if !remote.isEmpty {
            guard let podPlane else {
                let reasons = remote.map { "\($0.id) (\($0.reason))" }.joined(separator: ", ")
                throw DirectVolumeMoverError(
                    code: "no-pod-plane",
                    message: "these claims cannot be copied on this machine and no pod data plane is configured: \(reasons)")
            }
            do {
                for volume in try await podPlane.reconcile(request, volumes: remote.map(\.volume), settings: settings) {
                    progress[volume.id] = volume
                }
            } catch let error as TransferError {
                // The pod plane reports a volume that failed for good by throwing; record it
                // like a failed local volume.
                failure = error
                for placement in remote where error.volumeID == nil || error.volumeID == placement.id {
                    let attempt = TransferAttempt(
                        number: 1, runner: "transfer pods", started: .now, ended: .now, exitCode: error.exitCode, message: error.message)
                    progress[placement.id] = VolumeTransferProgress(id: placement.id, phase: .failed, attempts: [attempt])
                }
            }
        }

        let ordered = placements.map { progress[$0.id] ?? VolumeTransferProgress(id: $0.id) }
        let failed = ordered.filter { $0.phase == .failed }
        if failure != nil || !failed.isEmpty {
            let message = Self.failureMessage(failure, failed: failed)
            try await recordStatus(request, resource: resource, placements: placements, progress: ordered, outcome: .failed([message]))
            throw DirectVolumeMoverError(code: "transfer-failed", message: message)
        }
        if ordered.allSatisfy({ $0.phase == .succeeded }) {
            try await recordStatus(request, resource: resource, placements: placements, progress: ordered, outcome: .succeeded)
            lines.forget(key)
            return .completed(progress: zip(placements, ordered).map { placement, volume in
                VolumeProgressText.line(volume, plane: placement.plane, verified: placement.volume.verify)
            })
        }
        try await recordStatus(request, resource: resource, placements: placements, progress: ordered, outcome: nil)
        return .running(progress: lines.lines(for: key) {
            zip(placements, ordered).map { placement, volume in VolumeProgressText.line(volume, plane: placement.plane) }
        })
    }

    /// Stops the migration's transfers, deletes the pod plane's resources and ends the
    /// migration's DirectVolumeMigrations that were still running.
    public func cleanUp(_ request: VolumeCleanupRequest) async throws {
        for kind in [TransferKind.stage, .cutover] {
            transfers.collect(VolumeTransferService.Key(migrationUID: request.migration.uid, kind: kind))
            lines.forget("\(request.migration.uid)/\(kind.rawValue)")
            _ = placed.withLock { $0.removeValue(forKey: "\(request.migration.uid)/\(kind.rawValue)") }
        }
        if let podPlane {
            try await podPlane.cleanUp(migrationUID: request.migration.uid, source: request.source, destination: request.destination)
        }
        try await endUnfinishedResources(request)
    }

    static func failureMessage(_ error: (any Error)?, failed: [VolumeTransferProgress]) -> String {
        if let error = error as? TransferError {
            let volume = error.volumeID.map { "claim \($0): " } ?? ""
            let code = error.exitCode.map { " (rsync exit code \($0))" } ?? ""
            return "\(volume)\(error.message)\(code)"
        }
        if let error, !(error is CancellationError) { return "\(error)" }
        if let error { return "the volume copy was stopped: \(error)" }
        return failed.map { VolumeProgressText.line($0) }.joined(separator: "; ")
    }
}

extension TransferKind {
    init(_ kind: VolumeCopyRequest.Kind) {
        self = kind == .stage ? .stage : .cutover
    }
}

/// The placements of each copy (`uid/kind`), found once per copy.
final class PlacementCache: Sendable {
    private let entries = Mutex<[String: [VolumePlacement]]>([:])

    func withLock<Result>(_ body: (inout [String: [VolumePlacement]]) -> Result) -> Result {
        entries.withLock { body(&$0) }
    }
}

/// The pipeline lines of each running copy, rendered again at most once per interval so the
/// migration's status is not rewritten on every reconcile.
final class ProgressLineCache: Sendable {
    private let interval: Duration
    private let entries = Mutex<[String: (at: ContinuousClock.Instant, lines: [String])]>([:])

    init(interval: Duration) {
        self.interval = interval
    }

    func lines(for key: String, render: () -> [String]) -> [String] {
        let now = ContinuousClock.now
        if let cached = entries.withLock({ $0[key] }), cached.at.duration(to: now) < interval { return cached.lines }
        let lines = render()
        entries.withLock { $0[key] = (now, lines) }
        return lines
    }

    func forget(_ key: String) {
        _ = entries.withLock { $0.removeValue(forKey: key) }
    }
}
