public import FerryAPI
public import KubeClient
import KubeCore
public import Logging

/// Runs a MigMigration's itinerary phase by phase, writing each phase's completion to the
/// migration's status before the next starts.
///
/// The runner holds no state of its own: everything it needs to go on is in the status, so a
/// runner started after a crash resumes at the phase that was running, and runs it again.
public struct MigrationRunner: Sendable {
    /// What a call to ``run(migration:plan:)`` ended with.
    public enum Outcome: Sendable, Hashable {
        /// The migration reached the end of its itinerary.
        case finished
        /// The migration waits for something; call again after the interval.
        case requeue(after: Duration)
    }

    let host: KubeClient
    let source: KubeClient
    let destination: KubeClient
    let logger: Logger
    let settings: MigrationRunnerSettings
    let dataMover: any VolumeDataMover
    let imageMigrator: (any ImageMigrator)?
    let imageRegistryPaths: ImageRegistryPaths?

    /// Creates a runner for one plan's clusters: `host` holds the custom resources. Images
    /// of the source registry are copied by `imageMigrator` between `imageRegistryPaths`
    /// when both are given.
    public init(
        host: KubeClient, source: KubeClient, destination: KubeClient, logger: Logger,
        settings: MigrationRunnerSettings = MigrationRunnerSettings(), dataMover: any VolumeDataMover = ClaimsOnlyDataMover(),
        imageMigrator: (any ImageMigrator)? = nil, imageRegistryPaths: ImageRegistryPaths? = nil
    ) {
        self.host = host
        self.source = source
        self.destination = destination
        self.logger = logger
        self.settings = settings
        self.dataMover = dataMover
        self.imageMigrator = imageMigrator
        self.imageRegistryPaths = imageRegistryPaths
    }

    /// Advances `migration` as far as it can go now.
    public func run(migration: MigMigration, plan: MigPlan) async throws -> Outcome {
        var migration = migration
        while true {
            switch try await runOnePhase(migration: migration, plan: plan) {
            case .finished: return .finished
            case .requeue(let after): return .requeue(after: after)
            case .advanced(let next): migration = try await refreshed(next)
            }
        }
    }

    /// What one call to ``runOnePhase(migration:plan:)`` did.
    public enum PhaseOutcome: Sendable {
        /// The phase ended and was recorded; the migration as written.
        case advanced(MigMigration)
        /// The phase waits; call again after the interval.
        case requeue(after: Duration)
        /// The migration reached its end.
        case finished
    }

    /// Runs the current phase of `migration` once and records its outcome.
    public func runOnePhase(migration: MigMigration, plan: MigPlan) async throws -> PhaseOutcome {
        var migration = migration
        var logger = logger
        logger[metadataKey: "migration"] = "\(migration.namespace)/\(migration.name)"
        if migration.isFinished { return .finished }
        if migration.status.itinerary == nil {
            return .advanced(try await writeStatus(of: migration) { $0.begin(at: KubeTime.now()) })
        }
        if migration.spec.canceled == true, !["Cancel", "Failed", "Rollback"].contains(migration.status.itinerary ?? "") {
            logger.notice("canceling at the next safe point")
            return .advanced(try await writeStatus(of: migration) { $0.switchItinerary(to: .cancel, at: KubeTime.now()) })
        }
        guard let itinerary = migration.itinerary, let phase = migration.currentPhase else {
            throw MigrationRunnerError(
                code: "unknown-phase",
                message: "MigMigration \(migration.name) is at \(migration.status.itinerary ?? "?")/\(migration.status.phase ?? "?"), which this controller does not know; create a new migration")
        }
        if phase == .completed || phase == .canceled {
            _ = try await writeStatus(of: migration) { $0.finish(itinerary: itinerary, at: KubeTime.now()) }
            logger.notice("migration ended", metadata: ["itinerary": "\(itinerary.name)"])
            return .finished
        }
        migration = try await writeStatusIfChanged(of: migration) { $0.enter(phase, of: itinerary, at: KubeTime.now()) }
        let result: PhaseResult
        do {
            logger.debug("running phase", metadata: ["phase": "\(phase.rawValue)"])
            result = try await execute(phase, migration: migration, plan: plan)
        } catch {
            // A stopping controller cancels the phase it is running. Phases are idempotent and
            // the next start runs it again, so the migration did not fail.
            if error is CancellationError || Task.isCancelled { throw error }
            let message = Self.describe(error)
            logger.error("phase failed", metadata: ["phase": "\(phase.rawValue)", "error": "\(message)"])
            if itinerary.name == "Failed" || itinerary.name == "Cancel" {
                // Cleaning up after a failure failed too: record it and end, rather than loop.
                _ = try await writeStatus(of: migration) {
                    $0.recordError("\(phase.rawValue): \(message)")
                    $0.finish(itinerary: itinerary, at: KubeTime.now())
                }
                return .finished
            }
            return .advanced(try await writeStatus(of: migration) {
                $0.fail(phase: phase, of: itinerary, message: "\(phase.rawValue): \(message)", at: KubeTime.now())
            })
        }
        switch result {
        case .waiting(let message):
            logger.debug("phase waits", metadata: ["phase": "\(phase.rawValue)", "reason": "\(message)"])
            _ = try await writeStatusIfChanged(of: migration) { $0.updateStep(of: phase, in: itinerary, message: message) }
            return .requeue(after: settings.requeueInterval)
        case .running(let message, let progress):
            _ = try await writeStatusIfChanged(of: migration) { $0.updateStep(of: phase, in: itinerary, message: message, progress: progress) }
            return .requeue(after: settings.requeueInterval)
        case .done(let progress, let message, let conditions):
            return .advanced(try await writeStatus(of: migration) {
                for condition in conditions { $0.setCondition(condition) }
                $0.complete(phase, of: itinerary, progress: progress, message: message, skipped: false, at: KubeTime.now())
            })
        case .skipped(let reason):
            return .advanced(try await writeStatus(of: migration) {
                $0.complete(phase, of: itinerary, progress: nil, message: reason, skipped: true, at: KubeTime.now())
            })
        }
    }

    /// The latest spec of `migration` (a user may have asked to cancel), keeping its status.
    func refreshed(_ migration: MigMigration) async throws -> MigMigration {
        let latest = try await host.get(
            MigrationResourceType.migMigration.resource, name: migration.name, namespace: migration.namespace)
        return try MigMigration(object: latest)
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? MigrationRunnerError { return error.message }
        if let error = error as? KubeAPIError { return error.message }
        return "\(error)"
    }
}
