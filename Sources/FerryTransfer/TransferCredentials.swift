public import Foundation
import Crypto
import SwiftASN1
import X509

/// The TLS material of one migration's volume transfer: a fresh certificate authority, a
/// server certificate for the destination's tunnel end and a client certificate for the
/// source's tunnel end, all PEM encoded.
///
/// Both tunnel ends trust only this CA, so only the migration's own client can reach the
/// destination's rsync daemon.
public struct TransferCredentials: Sendable, Hashable {
    /// The certificate authority's certificate (what both ends trust).
    public var caCertificatePEM: String
    /// The server's certificate.
    public var serverCertificatePEM: String
    /// The server's private key.
    public var serverKeyPEM: String
    /// The client's certificate.
    public var clientCertificatePEM: String
    /// The client's private key.
    public var clientKeyPEM: String

    /// Creates credentials from PEM text.
    public init(
        caCertificatePEM: String, serverCertificatePEM: String, serverKeyPEM: String,
        clientCertificatePEM: String, clientKeyPEM: String
    ) {
        self.caCertificatePEM = caCertificatePEM
        self.serverCertificatePEM = serverCertificatePEM
        self.serverKeyPEM = serverKeyPEM
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }

    /// Creates a CA (EC P-256) and the two certificates it issues.
    ///
    /// - Parameters:
    ///   - migrationName: names the CA and the certificates' subjects.
    ///   - serverDNSNames: DNS names the server certificate is valid for (a Route's host, a Service's name).
    ///   - serverIPAddresses: IPv4 or IPv6 addresses the server certificate is valid for.
    ///   - validity: how long the certificates stay valid.
    ///   - now: the start of validity (backdated five minutes for clock skew between clusters).
    public static func generate(
        migrationName: String, serverDNSNames: [String], serverIPAddresses: [String] = [],
        validity: TimeInterval = 7 * 86400, now: Date = Date()
    ) throws -> TransferCredentials {
        guard !serverDNSNames.isEmpty || !serverIPAddresses.isEmpty else {
            throw TransferError(code: .credentials, message: "the transfer server certificate of migration '\(migrationName)' needs at least one DNS name or IP address; pass the Route host or Service name")
        }
        let addresses = try serverIPAddresses.map { text -> GeneralName in
            guard let bytes = ipAddressBytes(text) else {
                throw TransferError(code: .credentials, message: "'\(text)' is not an IPv4 or IPv6 address; give it as a DNS name instead")
            }
            return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes)))
        }
        let notBefore = now.addingTimeInterval(-300)
        let notAfter = now.addingTimeInterval(validity)
        do {
            let caKey = P256.Signing.PrivateKey()
            let caName = try DistinguishedName { CommonName("ferry-transfer-ca-\(migrationName)") }
            let caCertificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(),
                publicKey: Certificate.PublicKey(caKey.publicKey),
                notValidBefore: notBefore, notValidAfter: notAfter,
                issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: Certificate.PublicKey(caKey.publicKey))
                },
                issuerPrivateKey: Certificate.PrivateKey(caKey))

            func issue(commonName: String, usage: ExtendedKeyUsage.Usage, names: [GeneralName]) throws -> (String, String) {
                let key = P256.Signing.PrivateKey()
                let certificate = try Certificate(
                    version: .v3, serialNumber: Certificate.SerialNumber(),
                    publicKey: Certificate.PublicKey(key.publicKey),
                    notValidBefore: notBefore, notValidAfter: notAfter,
                    issuer: caName, subject: try DistinguishedName { CommonName(commonName) },
                    signatureAlgorithm: .ecdsaWithSHA256,
                    extensions: try Certificate.Extensions {
                        Critical(BasicConstraints.notCertificateAuthority)
                        Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                        try ExtendedKeyUsage([usage])
                        if !names.isEmpty { SubjectAlternativeNames(names) }
                    },
                    issuerPrivateKey: Certificate.PrivateKey(caKey))
                return (try certificate.serializeAsPEM().pemString + "\n", key.pemRepresentation + "\n")
            }

            let server = try issue(
                commonName: "ferry-transfer-server-\(migrationName)", usage: .serverAuth,
                names: serverDNSNames.map { .dnsName($0) } + addresses)
            let client = try issue(commonName: "ferry-transfer-client-\(migrationName)", usage: .clientAuth, names: [])
            return TransferCredentials(
                caCertificatePEM: try caCertificate.serializeAsPEM().pemString + "\n",
                serverCertificatePEM: server.0, serverKeyPEM: server.1,
                clientCertificatePEM: client.0, clientKeyPEM: client.1)
        } catch let error as TransferError {
            throw error
        } catch {
            throw TransferError(code: .credentials, message: "creating the transfer certificates of migration '\(migrationName)' failed: \(error)")
        }
    }
}
