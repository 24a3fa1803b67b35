public import KubeCore

/// One kind of the Migration Toolkit's API: its names as the API server serves them.
public struct MigrationResourceType: Sendable, Hashable {
    /// The kind, such as `MigPlan`.
    public var kind: String
    /// The plural resource name, such as `migplans`.
    public var plural: String
    /// Short names `kubectl get` accepts.
    public var shortNames: [String]
    /// Columns `kubectl get` shows: name, JSON path, type.
    public var printerColumns: [PrinterColumn]

    /// A column of `kubectl get` output.
    public struct PrinterColumn: Sendable, Hashable {
        /// The column header.
        public var name: String
        /// The JSON path of the value.
        public var jsonPath: String
        /// `string`, `boolean`, `date`, …
        public var type: String
    }

    /// The lowercase singular name.
    public var singular: String { kind.lowercased() }

    /// The resource the API server serves this kind as.
    public var resource: GroupVersionResource {
        GroupVersionResource(group: MigrationAPI.group, version: MigrationAPI.version, resource: plural)
    }

    private static func column(_ name: String, _ jsonPath: String, _ type: String = "string") -> PrinterColumn {
        PrinterColumn(name: name, jsonPath: jsonPath, type: type)
    }

    private static let ready = column("Ready", ".status.conditions[?(@.type==\"Ready\")].status")
    private static let age = column("Age", ".metadata.creationTimestamp", "date")

    /// MigCluster.
    public static let migCluster = MigrationResourceType(
        kind: "MigCluster", plural: "migclusters", shortNames: ["migcluster"],
        printerColumns: [ready, column("URL", ".spec.url"), column("Host", ".spec.isHostCluster", "boolean"), age])
    /// MigStorage.
    public static let migStorage = MigrationResourceType(
        kind: "MigStorage", plural: "migstorages", shortNames: ["migstorage"],
        printerColumns: [column("Backup Storage Provider", ".spec.backupStorageProvider"), ready, age])
    /// MigPlan.
    public static let migPlan = MigrationResourceType(
        kind: "MigPlan", plural: "migplans", shortNames: ["migplan"],
        printerColumns: [
            ready, column("Source", ".spec.srcMigClusterRef.name"), column("Target", ".spec.destMigClusterRef.name"),
            column("Storage", ".spec.migStorageRef.name"), age,
        ])
    /// MigMigration.
    public static let migMigration = MigrationResourceType(
        kind: "MigMigration", plural: "migmigrations", shortNames: ["migmigration"],
        printerColumns: [
            column("Ready", ".status.conditions[?(@.type==\"Ready\")].status"), column("Plan", ".spec.migPlanRef.name"),
            column("Stage", ".spec.stage", "boolean"), column("Rollback", ".spec.rollback", "boolean"),
            column("Itinerary", ".status.itinerary"), column("Phase", ".status.phase"), age,
        ])
    /// MigHook.
    public static let migHook = MigrationResourceType(
        kind: "MigHook", plural: "mighooks", shortNames: ["mighook"],
        printerColumns: [ready, column("Image", ".spec.image"), column("Target Cluster", ".spec.targetCluster"), age])
    /// DirectVolumeMigration.
    public static let directVolumeMigration = MigrationResourceType(
        kind: "DirectVolumeMigration", plural: "directvolumemigrations", shortNames: ["dvm"],
        printerColumns: [column("Phase", ".status.phase"), column("Itinerary", ".status.itinerary"), age])
    /// DirectVolumeMigrationProgress.
    public static let directVolumeMigrationProgress = MigrationResourceType(
        kind: "DirectVolumeMigrationProgress", plural: "directvolumemigrationprogresses", shortNames: ["dvmp"],
        printerColumns: [
            column("Phase", ".status.phase"), column("Progress", ".status.totalProgressPercentage"),
            column("Rate", ".status.lastObservedTransferRate"), age,
        ])
    /// DirectImageMigration.
    public static let directImageMigration = MigrationResourceType(
        kind: "DirectImageMigration", plural: "directimagemigrations", shortNames: ["dim"],
        printerColumns: [column("Phase", ".status.phase"), column("Itinerary", ".status.itinerary"), age])
    /// DirectImageStreamMigration.
    public static let directImageStreamMigration = MigrationResourceType(
        kind: "DirectImageStreamMigration", plural: "directimagestreammigrations", shortNames: ["dism"],
        printerColumns: [column("Phase", ".status.phase"), age])
    /// MigAnalytic.
    public static let migAnalytic = MigrationResourceType(
        kind: "MigAnalytic", plural: "miganalytics", shortNames: ["miganalytic"],
        printerColumns: [ready, column("Plan", ".spec.migPlanRef.name"), age])

    /// Every kind Ferry serves, in the order `ferry install` writes them.
    public static let all: [MigrationResourceType] = [
        .migCluster, .migStorage, .migPlan, .migMigration, .migHook, .directVolumeMigration,
        .directVolumeMigrationProgress, .directImageMigration, .directImageStreamMigration, .migAnalytic,
    ]
}
