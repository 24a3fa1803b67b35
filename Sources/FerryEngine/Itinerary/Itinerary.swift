/// An ordered list of phases, grouped in the coarse steps the console shows.
public struct Itinerary: Sendable, Hashable {
    /// `Stage`, `Final`, `Rollback`, `Cancel` or `Failed`, as `status.itinerary` says.
    public var name: String
    /// The phases in order, each with the step it belongs to.
    public var phases: [(phase: MigrationPhase, step: String)]

    /// Creates an itinerary.
    public init(name: String, phases: [(phase: MigrationPhase, step: String)]) {
        self.name = name
        self.phases = phases
    }

    /// The steps in order of first appearance.
    public var steps: [String] {
        var seen: [String] = []
        for (_, step) in phases where !seen.contains(step) { seen.append(step) }
        return seen
    }

    /// The phase after `phase`, or `nil` at the end.
    public func phase(after phase: MigrationPhase) -> MigrationPhase? {
        guard let index = phases.firstIndex(where: { $0.phase == phase }), index + 1 < phases.count else { return nil }
        return phases[index + 1].phase
    }

    /// The step `phase` belongs to.
    public func step(of phase: MigrationPhase) -> String? {
        phases.first { $0.phase == phase }?.step
    }

    /// Whether the itinerary has `phase`.
    public func contains(_ phase: MigrationPhase) -> Bool {
        phases.contains { $0.phase == phase }
    }

    /// Copies data while the application keeps running. State migrations (`migrateState`)
    /// run it too, as in MTC: their cutover (`quiescePods`) quiesces the workloads using the
    /// claims first, and a storage conversion then swaps the workloads' claim references.
    public static let stage = Itinerary(name: "Stage", phases: [
        (.started, "Prepare"),
        (.createDirectImageMigration, "DirectImage"),
        (.quiesceSourceApplications, "DirectVolume"),
        (.ensureSourceQuiesced, "DirectVolume"),
        (.createDirectVolumeMigrationStage, "DirectVolume"),
        (.swapPVCReferences, "Cleanup"),
        (.deleteMigrationResources, "Cleanup"),
        (.completed, "Cleanup"),
    ])

    /// The cutover: quiesce, final copy, restore, unquiesce, verify.
    public static let final = Itinerary(name: "Final", phases: [
        (.started, "Prepare"),
        (.createDirectImageMigration, "DirectImage"),
        (.preBackupHooks, "Backup"),
        (.ensureInitialBackup, "Backup"),
        (.quiesceSourceApplications, "Backup"),
        (.ensureSourceQuiesced, "Backup"),
        (.createDirectVolumeMigrationFinal, "DirectVolume"),
        (.postBackupHooks, "DirectVolume"),
        (.preRestoreHooks, "Restore"),
        (.ensureFinalRestore, "Restore"),
        (.unQuiesceDestinationApplications, "Restore"),
        (.postRestoreHooks, "Restore"),
        (.swapPVCReferences, "Restore"),
        (.verification, "Restore"),
        (.deleteMigrationResources, "Cleanup"),
        (.completed, "Cleanup"),
    ])

    /// Undoes a migration: the destination's migrated objects go, the source comes back.
    public static let rollback = Itinerary(name: "Rollback", phases: [
        (.started, "Prepare"),
        (.quiesceDestinationApplications, "Rollback"),
        (.swapPVCReferences, "Rollback"),
        (.deleteMigrated, "Rollback"),
        (.ensureMigratedDeleted, "Rollback"),
        (.restoreSourceVolumes, "Rollback"),
        (.unQuiesceSourceApplications, "Rollback"),
        (.deleteMigrationResources, "Cleanup"),
        (.completed, "Cleanup"),
    ])

    /// Stops a running migration at a safe point and gives the source its workloads back.
    public static let cancel = Itinerary(name: "Cancel", phases: [
        (.canceling, "Cancel"),
        (.deleteMigrationResources, "Cancel"),
        (.unQuiesceSourceApplications, "Cancel"),
        (.canceled, "Cancel"),
    ])

    /// Ends a failed migration: helpers cleaned up, the failure recorded.
    public static let failed = Itinerary(name: "Failed", phases: [
        (.migrationFailed, "Cleanup"),
        (.deleteMigrationResources, "Cleanup"),
        (.completed, "Cleanup"),
    ])

    /// Every itinerary by name.
    public static let all: [String: Itinerary] = [
        "Stage": .stage, "Final": .final, "Rollback": .rollback, "Cancel": .cancel, "Failed": .failed,
    ]

    /// Equal when the names are; an itinerary's name identifies it.
    public static func == (left: Itinerary, right: Itinerary) -> Bool { left.name == right.name }

    /// Hashes the name.
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
