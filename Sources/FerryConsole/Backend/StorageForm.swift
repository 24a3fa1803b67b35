import Foundation

/// What the console's replication-repository form (and `POST /api/storages`) sends: an
/// S3-compatible bucket and its credentials.
public struct StorageForm: Codable, Sendable, Hashable {
    /// The MigStorage's name.
    public var name: String?
    /// The bucket.
    public var bucket: String?
    /// The endpoint of an S3-compatible service (`awsS3Url`); empty for AWS itself.
    public var endpoint: String?
    /// The region.
    public var region: String?
    /// Path-style addressing (`endpoint/bucket`), which most S3-compatible services need.
    public var forcePathStyle: Bool?
    /// PEM certificates of the endpoint's CA.
    public var caBundle: String?
    /// Skip TLS verification of the endpoint.
    public var insecure: Bool?
    /// The access key id; on update, empty keeps the stored credentials.
    public var accessKeyID: String?
    /// The secret access key; on update, empty keeps the stored credentials.
    public var secretAccessKey: String?

    /// Creates a form.
    public init(
        name: String? = nil, bucket: String? = nil, endpoint: String? = nil, region: String? = nil, forcePathStyle: Bool? = nil,
        caBundle: String? = nil, insecure: Bool? = nil, accessKeyID: String? = nil, secretAccessKey: String? = nil
    ) {
        self.name = name
        self.bucket = bucket
        self.endpoint = endpoint
        self.region = region
        self.forcePathStyle = forcePathStyle
        self.caBundle = caBundle
        self.insecure = insecure
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// Checks the form; `creating` requires the credentials.
    public func validate(creating: Bool) throws(ConsoleValidationError) {
        var checks = FieldChecks()
        checks.objectName(name, "name", what: "repository name")
        if let bucket = checks.required(bucket, "bucket", what: "the bucket") {
            let valid = (3...63).contains(bucket.count) && bucket.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
            if !valid { checks.add("bucket", "bucket \"\(bucket)\" is not a valid S3 bucket name: 3-63 lowercase letters, digits, '-' and '.'") }
        }
        checks.url(endpoint, "endpoint", what: "endpoint", required: false)
        checks.certificates(caBundle, "caBundle", what: "CA bundle")
        let keyGiven = !(accessKeyID ?? "").isEmpty, secretGiven = !(secretAccessKey ?? "").isEmpty
        if creating || keyGiven || secretGiven {
            checks.required(accessKeyID, "accessKeyID", what: "the access key id")
            checks.required(secretAccessKey, "secretAccessKey", what: "the secret access key")
        }
        try checks.check()
    }
}
