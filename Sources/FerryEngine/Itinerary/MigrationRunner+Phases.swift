import FerryAPI
import KubeCore

extension MigrationRunner {
    /// Runs one phase of `migration`.
    func execute(_ phase: MigrationPhase, migration: MigMigration, plan: MigPlan) async throws -> PhaseResult {
        var scope = MigrationScope(plan: plan, migration: migration)
        scope.imageRegistries = imageRegistries(for: plan)
        scope.resizesVolumes = settings.resizesVolumes
        switch phase {
        case .started:
            return try await start(scope)
        case .createDirectImageMigration:
            if scope.migratesState { return .skipped("A state migration copies only the selected claims' data") }
            return try await migrateImages(scope)
        case .preBackupHooks:
            return try await runHooks(phase: "PreBackup", scope: scope)
        case .postBackupHooks:
            return try await runHooks(phase: "PostBackup", scope: scope)
        case .preRestoreHooks:
            return try await runHooks(phase: "PreRestore", scope: scope)
        case .postRestoreHooks:
            return try await runHooks(phase: "PostRestore", scope: scope)
        case .ensureInitialBackup:
            return try await backUp(scope)
        case .quiesceSourceApplications:
            if migration.status.itinerary == Itinerary.stage.name { return try await quiesceClaimWorkloads(scope) }
            return try await quiesceSource(scope)
        case .ensureSourceQuiesced:
            if migration.status.itinerary == Itinerary.stage.name { return try await waitForClaimWorkloadsQuiesced(scope) }
            return try await waitForSourceQuiesced(scope)
        case .createDirectVolumeMigrationStage:
            return try await copyStageVolumes(scope)
        case .createDirectVolumeMigrationFinal:
            return try await moveVolumes(scope, kind: .cutover)
        case .ensureFinalRestore:
            return try await restore(scope)
        case .unQuiesceDestinationApplications:
            return try await unquiesce(destination, namespaces: plan.destinationNamespaces, side: "destination")
        case .swapPVCReferences:
            return try await swapClaimReferences(scope)
        case .verification:
            return try await verify(scope)
        case .deleteMigrationResources:
            try await cleanUpVolumeTransfers(scope)
            return try await deleteHookJobs(scope)
        case .quiesceDestinationApplications:
            return .skipped("Migrated workloads are deleted directly")
        case .deleteMigrated:
            return try await deleteMigrated(scope)
        case .ensureMigratedDeleted:
            return try await waitForMigratedDeleted(scope)
        case .restoreSourceVolumes:
            return try await restoreSourceVolumes(scope)
        case .unQuiesceSourceApplications:
            return try await unquiesce(source, namespaces: plan.sourceNamespaces, side: "source")
        case .canceling:
            return .done("Stopped at a safe point")
        case .migrationFailed:
            return .done((migration.status.errors ?? []).last)
        case .canceled, .completed:
            return .done()
        }
    }

    /// Checks what can be checked before anything changes.
    func start(_ scope: MigrationScope) async throws -> PhaseResult {
        let plan = scope.plan
        guard plan.isReady else {
            let problems = (plan.status.conditions ?? []).filter { $0.isTrue && $0.category == MigrationCondition.Category.critical }
            let detail = problems.compactMap { $0.message ?? $0.type }.joined(separator: "; ")
            return .waiting("Waiting for MigPlan \(plan.name) to be ready\(detail.isEmpty ? "" : ": \(detail)")")
        }
        if plan.spec.closed == true, scope.migration.spec.rollback != true {
            throw MigrationRunnerError(code: "plan-closed", message: "MigPlan \(plan.name) is closed; open it (spec.closed: false) or create a new plan")
        }
        if scope.migration.spec.rollback != true {
            // Bad input fails here, before anything on either cluster changes.
            _ = try scope.collectionScope()
            _ = try scope.existingObjectPolicy()
            for namespace in plan.sourceNamespaces {
                do {
                    _ = try await source.get(Self.namespaces, name: namespace)
                } catch let error as KubeAPIError where error.isNotFound {
                    throw MigrationRunnerError(
                        code: "namespace-not-found",
                        message: "namespace \(namespace) does not exist on the source cluster; remove it from MigPlan \(plan.name) or create it")
                }
            }
        }
        return .done("Ready to \(scope.migration.requestedItinerary.name == "Final" ? "cut over" : scope.migration.requestedItinerary.name.lowercased())")
    }

    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")

    /// Seconds since the step of `phase` started, from the status.
    func secondsInStep(of phase: MigrationPhase, migration: MigMigration) -> Int64 {
        guard let step = migration.itinerary?.step(of: phase),
            let started = migration.status.pipeline?.first(where: { $0.name == step })?.started,
            let start = KubeTime.parse(started), let now = KubeTime.parse(KubeTime.now())
        else { return 0 }
        return now - start
    }
}
