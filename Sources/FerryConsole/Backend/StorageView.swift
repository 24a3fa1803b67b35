public import FerryAPI

/// A MigStorage as the console lists it (credentials are never shown).
public struct StorageView: Codable, Sendable, Hashable {
    /// The MigStorage's name.
    public var name: String
    /// `aws` for S3-compatible storage.
    public var provider: String?
    /// The bucket.
    public var bucket: String?
    /// The endpoint.
    public var endpoint: String?
    /// The region.
    public var region: String?
    /// Path-style addressing.
    public var forcePathStyle: Bool
    /// Whether TLS verification is skipped.
    public var insecure: Bool
    /// Whether a CA bundle is set.
    public var hasCABundle: Bool
    /// The credentials Secret, `namespace/name`.
    public var credentialsSecret: String?
    /// Readiness with its reason.
    public var ready: ReadinessView
    /// Every condition the controller set.
    public var conditions: [MigrationCondition]

    /// The view of `storage`.
    public init(_ storage: MigStorage) {
        let config = storage.spec.backupStorageConfig
        name = storage.name
        provider = storage.spec.backupStorageProvider
        bucket = config?.awsBucketName
        endpoint = config?.awsS3Url
        region = config?.awsRegion
        forcePathStyle = config?.awsS3ForcePathStyle ?? false
        insecure = config?.insecure ?? false
        hasCABundle = !(config?.s3CustomCABundle ?? "").isEmpty
        credentialsSecret = config?.credsSecretRef.map { "\($0.namespace ?? "")/\($0.name ?? "")" }
        conditions = storage.status.conditions ?? []
        ready = ReadinessView(conditions: conditions)
    }
}
