import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// The console's TLS material, PEM encoded: a serving certificate chain and its key, plus the
/// certificate authority a client trusts to reach it.
public struct ConsoleCertificate: Sendable, Hashable {
    /// The certificate authority clients trust (for given files: the chain's last certificate).
    public var authorityPEM: String
    /// The serving certificate chain.
    public var chainPEM: String
    /// The serving key.
    public var keyPEM: String

    /// Creates material from PEM text.
    public init(authorityPEM: String, chainPEM: String, keyPEM: String) {
        self.authorityPEM = authorityPEM
        self.chainPEM = chainPEM
        self.keyPEM = keyPEM
    }

    /// Reads the material the configuration names, or generates a self-signed pair valid for
    /// loopback, `localhost` and `host`.
    public static func load(_ source: ConsoleConfiguration.TLSSource, host: String) throws -> ConsoleCertificate {
        switch source {
        case .selfSigned:
            return try generate(host: host)
        case .files(let chainPath, let keyPath):
            let chain: String, key: String
            do {
                chain = try String(contentsOfFile: chainPath, encoding: .utf8)
                key = try String(contentsOfFile: keyPath, encoding: .utf8)
            } catch {
                throw ConsoleAPIError(status: .internalServerError, code: "TLSFilesUnreadable", message: "the console's certificate \(chainPath) or key \(keyPath) cannot be read: \(error)")
            }
            let certificates = chain.components(separatedBy: "-----END CERTIFICATE-----").filter { $0.contains("BEGIN CERTIFICATE") }
            let last = certificates.last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) + "\n-----END CERTIFICATE-----\n" } ?? chain
            return ConsoleCertificate(authorityPEM: last, chainPEM: chain, keyPEM: key)
        }
    }

    /// A certificate authority and a serving certificate it issued for `host`, loopback and
    /// `localhost`, valid for a year.
    public static func generate(host: String) throws -> ConsoleCertificate {
        let now = Date()
        let authorityKey = P256.Signing.PrivateKey()
        let authorityName = try DistinguishedName { CommonName("ferry-console-ca") }
        let authority = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(authorityKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86400),
            issuer: authorityName, subject: authorityName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(authorityKey))
        var names: [GeneralName] = [
            .dnsName("localhost"),
            .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
        ]
        if let address = IPv4Address(host) {
            if address.bytes != [127, 0, 0, 1] { names.append(.ipAddress(ASN1OctetString(contentBytes: address.bytes[...]))) }
        } else if !host.contains(":"), host != "localhost", !host.isEmpty {
            names.append(.dnsName(host))
        }
        let servingKey = P256.Signing.PrivateKey()
        let serving = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: Certificate.PublicKey(servingKey.publicKey),
            notValidBefore: now.addingTimeInterval(-3600), notValidAfter: now.addingTimeInterval(365 * 86400),
            issuer: authorityName, subject: try DistinguishedName { CommonName("ferry-console") }, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: Certificate.PrivateKey(authorityKey))
        let authorityPEM = try authority.serializeAsPEM().pemString + "\n"
        return ConsoleCertificate(
            authorityPEM: authorityPEM, chainPEM: try serving.serializeAsPEM().pemString + "\n" + authorityPEM,
            keyPEM: servingKey.pemRepresentation + "\n")
    }

    /// The NIOSSL server configuration serving this material over HTTP/1.1.
    func serverConfiguration() throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(chainPEM.utf8))
        let key = try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        tls.applicationProtocols = ["http/1.1"]
        // A browser tab closed without close_notify must not hold a graceful shutdown for long.
        tls.shutdownTimeout = .milliseconds(250)
        return tls
    }
}

/// A dotted-quad IPv4 address.
private struct IPv4Address {
    var bytes: [UInt8]

    init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let values = parts.compactMap { UInt8($0) }
        guard values.count == 4 else { return nil }
        bytes = values
    }
}
