/// A phase of a migration, named as the Migration Toolkit names it in `status.phase`.
///
/// Every phase is idempotent: a controller that stops in the middle of one runs it again
/// from the start, and the outcome is the same as one uninterrupted run.
public enum MigrationPhase: String, Sendable, Hashable, CaseIterable {
    /// Records the start and checks that the plan can run.
    case started = "Started"
    /// Copies images registry to registry.
    case createDirectImageMigration = "CreateDirectImageMigration"
    /// Runs the plan's PreBackup hooks.
    case preBackupHooks = "PreBackupHooks"
    /// Collects and cleans the objects to migrate, failing early on anything that cannot be.
    case ensureInitialBackup = "EnsureInitialBackup"
    /// Scales the source workloads down and suspends its jobs.
    case quiesceSourceApplications = "QuiesceSourceApplications"
    /// Waits until the quiesced workloads' pods are gone.
    case ensureSourceQuiesced = "EnsureSrcQuiesced"
    /// Creates destination namespaces and claims and copies volume data while the source runs.
    case createDirectVolumeMigrationStage = "CreateDirectVolumeMigrationStage"
    /// Creates destination namespaces, claims and moved volumes, and copies the rest of the data.
    case createDirectVolumeMigrationFinal = "CreateDirectVolumeMigrationFinal"
    /// Runs the plan's PostBackup hooks.
    case postBackupHooks = "PostBackupHooks"
    /// Runs the plan's PreRestore hooks.
    case preRestoreHooks = "PreRestoreHooks"
    /// Creates the migrated objects on the destination in dependency order.
    case ensureFinalRestore = "EnsureFinalRestore"
    /// Puts the destination's workloads back to their pre-quiesce state, if they carry it.
    case unQuiesceDestinationApplications = "UnQuiesceDestApplications"
    /// Runs the plan's PostRestore hooks.
    case postRestoreHooks = "PostRestoreHooks"
    /// Points workloads at converted claims (storage class conversion).
    case swapPVCReferences = "SwapPVCReferences"
    /// Checks that the destination's workloads become ready.
    case verification = "Verification"
    /// Deletes the migration's helper resources.
    case deleteMigrationResources = "DeleteMigrationResources"
    /// Scales the destination's migrated workloads down before they are deleted (rollback).
    case quiesceDestinationApplications = "QuiesceDestApplications"
    /// Deletes the objects the plan created on the destination (rollback).
    case deleteMigrated = "DeleteMigrated"
    /// Waits until they are gone (rollback).
    case ensureMigratedDeleted = "EnsureMigratedDeleted"
    /// Gives source volumes their reclaim policy back (rollback).
    case restoreSourceVolumes = "RestoreSourceVolumes"
    /// Puts the source's workloads back to their pre-quiesce state.
    case unQuiesceSourceApplications = "UnQuiesceSrcApplications"
    /// Stops the migration's work (cancel).
    case canceling = "Canceling"
    /// The cancel finished.
    case canceled = "Canceled"
    /// Records the failure and cleans up helpers.
    case migrationFailed = "MigrationFailed"
    /// The itinerary ended.
    case completed = "Completed"
}
