public import KubeCore

/// A replication repository: object storage for indirect migrations.
public struct MigStorage: MigrationResource {
    /// `MigStorage`.
    public static let resourceType = MigrationResourceType.migStorage

    /// The lossless object.
    public var object: KubeObject
    /// The typed spec.
    public var spec: Spec
    /// The typed status.
    public var status: Status

    /// Creates the resource from its parts.
    public init(object: KubeObject, spec: Spec, status: Status) {
        self.object = object
        self.spec = spec
        self.status = status
    }

    /// What the user asks for.
    public struct Spec: MigrationFields {
        /// `aws`, `azure` or `gcp` (S3-compatible storage is `aws`).
        public var backupStorageProvider: String?
        /// Where backups are kept.
        public var backupStorageConfig: BackupStorageConfig?
        /// Provider for volume snapshots.
        public var volumeSnapshotProvider: String?
        /// Volume snapshot settings.
        public var volumeSnapshotConfig: VolumeSnapshotConfig?
        /// Asks the controller to check the storage again now.
        public var refresh: Bool?

        /// Every field unset.
        public init() {}
    }

    /// Object storage settings (MTC's field names).
    public struct BackupStorageConfig: Codable, Sendable, Equatable {
        /// Secret with `aws-access-key-id` and `aws-secret-access-key`.
        public var credsSecretRef: MigrationObjectReference?
        /// The bucket.
        public var awsBucketName: String?
        /// The region.
        public var awsRegion: String?
        /// The endpoint of an S3-compatible service.
        public var awsS3Url: String?
        /// Path-style addressing (`endpoint/bucket`).
        public var awsS3ForcePathStyle: Bool?
        /// The public URL of the endpoint.
        public var awsPublicUrl: String?
        /// KMS key for server-side encryption.
        public var awsKmsKeyId: String?
        /// `1` or `4`.
        public var awsSignatureVersion: String?
        /// Base64 PEM of the endpoint's certificate authority.
        public var s3CustomCABundle: String?
        /// Skip TLS verification.
        public var insecure: Bool?
        /// Azure resource group.
        public var azureResourceGroup: String?
        /// Azure storage account.
        public var azureStorageAccount: String?
        /// Google Cloud bucket.
        public var gcpBucket: String?

        /// Every field unset.
        public init() {}
    }

    /// Volume snapshot settings (MTC's field names).
    public struct VolumeSnapshotConfig: Codable, Sendable, Equatable {
        /// Secret with the provider's credentials.
        public var credsSecretRef: MigrationObjectReference?
        /// How long to wait for a snapshot, such as `30m`.
        public var snapshotCreationTimeout: String?
        /// The region.
        public var awsRegion: String?
        /// Azure resource group.
        public var azureResourceGroup: String?
        /// Azure API timeout.
        public var azureApiTimeout: String?

        /// Every field unset.
        public init() {}
    }

    /// What the controller found.
    public struct Status: MigrationFields {
        /// `Ready` and the problems found.
        public var conditions: [MigrationCondition]?
        /// The digest of the spec last reconciled.
        public var observedDigest: String?

        /// Every field unset.
        public init() {}
    }
}
