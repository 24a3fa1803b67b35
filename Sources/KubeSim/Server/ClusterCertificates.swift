import Crypto
import Foundation
import SwiftASN1
import X509

/// The TLS material of one simulated cluster: a self-signed certificate authority and a
/// serving certificate it issued, all PEM encoded.
///
/// With a state directory the material is written there once and read back on every later
/// start, so kubeconfigs that embed the CA stay valid across restarts.
public struct ClusterCertificates: Sendable, Hashable {
    /// The certificate authority's certificate (what clients trust).
    public var caCertificatePEM: String
    /// The serving certificate.
    public var servingCertificatePEM: String
    /// The serving certificate's private key.
    public var servingKeyPEM: String

    /// Creates certificates from PEM text.
    public init(caCertificatePEM: String, servingCertificatePEM: String, servingKeyPEM: String) {
        self.caCertificatePEM = caCertificatePEM
        self.servingCertificatePEM = servingCertificatePEM
        self.servingKeyPEM = servingKeyPEM
    }

    private static let caFile = "ca.crt"
    private static let certificateFile = "apiserver.crt"
    private static let keyFile = "apiserver.key"

    /// Reads the material from `directory`, or creates and stores it when missing.
    ///
    /// Without a directory fresh material is created in memory.
    public static func loadOrCreate(clusterName: String, directory: String?) throws -> ClusterCertificates {
        guard let directory else { return try generate(clusterName: clusterName) }
        let folder = URL(fileURLWithPath: directory).appendingPathComponent("pki")
        let paths = [caFile, certificateFile, keyFile].map { folder.appendingPathComponent($0) }
        if paths.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) {
            let texts = try paths.map { try String(contentsOf: $0, encoding: .utf8) }
            return ClusterCertificates(caCertificatePEM: texts[0], servingCertificatePEM: texts[1], servingKeyPEM: texts[2])
        }
        let created = try generate(clusterName: clusterName)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, text) in zip(paths, [created.caCertificatePEM, created.servingCertificatePEM, created.servingKeyPEM]) {
            try Data(text.utf8).write(to: path, options: .atomic)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: paths[2].path)
        return created
    }

    /// Creates a CA and a serving certificate valid for loopback, `localhost` and `clusterName`.
    public static func generate(clusterName: String) throws -> ClusterCertificates {
        let now = Date()
        let notBefore = now.addingTimeInterval(-3600)
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName("kubesim-ca-\(clusterName)") }
        let caCertificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(caKey.publicKey),
            notValidBefore: notBefore, notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
            issuer: caName, subject: caName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: Certificate.PublicKey(caKey.publicKey))
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        let servingKey = P256.Signing.PrivateKey()
        let servingName = try DistinguishedName { CommonName("kube-apiserver") }
        let names: [GeneralName] = [
            .dnsName("localhost"), .dnsName(clusterName), .dnsName("kubernetes"), .dnsName("kubernetes.default"),
            .dnsName("kubernetes.default.svc"),
            .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
            .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
        ]
        let servingCertificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(servingKey.publicKey),
            notValidBefore: notBefore, notValidAfter: now.addingTimeInterval(5 * 365 * 86400),
            issuer: caName, subject: servingName, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey))

        return ClusterCertificates(
            caCertificatePEM: try caCertificate.serializeAsPEM().pemString + "\n",
            servingCertificatePEM: try servingCertificate.serializeAsPEM().pemString + "\n",
            servingKeyPEM: servingKey.pemRepresentation + "\n")
    }
}
