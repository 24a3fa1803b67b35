public import Foundation

/// What a credential plugin returned: the `status` of an `ExecCredential`.
public struct ExecCredential: Sendable, Hashable {
    /// `status.token`.
    public var token: String?
    /// `status.clientCertificateData`, PEM.
    public var clientCertificatePEM: [UInt8]?
    /// `status.clientKeyData`, PEM.
    public var clientKeyPEM: [UInt8]?
    /// `status.expirationTimestamp`; `nil` means valid until the server refuses it.
    public var expiration: Date?

    /// Creates a credential.
    public init(token: String? = nil, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, expiration: Date? = nil) {
        self.token = token
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
        self.expiration = expiration
    }

    /// Whether the credential can still be used at `now`.
    public func isValid(at now: Date) -> Bool {
        guard let expiration else { return true }
        return now < expiration
    }
}
