import FerryAPI
import KubeCore

extension MigrationRunner {
    /// The registries images are copied between in `plan`'s migrations; nil when no image
    /// migrator is configured, a registry path is missing, or the plan asks for indirect
    /// image migration.
    func imageRegistries(for plan: MigPlan) -> ImageRegistryPaths? {
        guard imageMigrator != nil, let imageRegistryPaths, plan.spec.indirectImageMigration != true,
            !ImageRegistryMapping.host(of: imageRegistryPaths.source).isEmpty,
            !ImageRegistryMapping.host(of: imageRegistryPaths.destination).isEmpty
        else { return nil }
        return imageRegistryPaths
    }

    /// Copies the images the plan's objects use from the source registry to the
    /// destination registry; any image that fails fails the migration with the registry's
    /// own error.
    func migrateImages(_ scope: MigrationScope) async throws -> PhaseResult {
        guard let imageMigrator, let mapping = scope.imageMapping else {
            if scope.plan.spec.indirectImageMigration == true {
                return .skipped("The plan asks for indirect image migration, which Ferry does not perform; images stay where the workloads point")
            }
            return .skipped("No image copier is configured; images stay where the workloads point")
        }
        let objects = try await ResourceCollector(client: source, logger: logger).collect(try scope.collectionScope()).all
        let discovery = ImageDiscovery(mapping: mapping)
        let images = discovery.images(in: objects)
        let streams = objects.filter(Self.isImageStream)
        let record = try await beginDirectImageMigration(scope, streams: streams)
        guard !images.isEmpty else {
            try await finishDirectImageMigration(record, scope: scope, streams: streams, discovery: discovery, outcome: ImageMigrationOutcome(entries: []))
            return .done("No images in the source registry \(mapping.sourceRegistry) to copy", progress: [])
        }
        logger.info("copying images", metadata: ["count": "\(images.count)", "from": "\(mapping.sourceRegistry)", "to": "\(mapping.destinationRegistry)"])
        let outcome = try await imageMigrator.migrate(
            ImageMigrationRequest(migrationName: scope.migration.name, migrationUID: scope.migration.uid, images: images))
        try await finishDirectImageMigration(record, scope: scope, streams: streams, discovery: discovery, outcome: outcome)
        let progress = outcome.entries.map(\.progressLine)
        let failures = outcome.failures
        guard failures.isEmpty else {
            let listed = failures.prefix(5).map(\.progressLine).joined(separator: "; ")
            let more = failures.count > 5 ? " and \(failures.count - 5) more" : ""
            throw MigrationRunnerError(
                code: "image-migration-failed",
                message: "\(failures.count) of \(images.count) image(s) could not be copied to \(mapping.destinationRegistry): \(listed)\(more)")
        }
        return .done("Copied \(images.count) image(s) to \(mapping.destinationRegistry)", progress: progress)
    }
}
