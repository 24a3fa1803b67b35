import Foundation
import FerryTransfer
import Testing
import X509

@Suite("Transfer credentials")
struct TransferCredentialsTests {
    @Test("the server and client certificates are issued by the migration's CA with the requested names")
    func certificatesChainToTheMigrationCA() throws {
        let credentials = try TransferCredentials.generate(
            migrationName: "mig-1", serverDNSNames: ["rsync.example.com"], serverIPAddresses: ["10.0.0.7", "::1"])
        let ca = try Certificate(pemEncoded: credentials.caCertificatePEM)
        let server = try Certificate(pemEncoded: credentials.serverCertificatePEM)
        let client = try Certificate(pemEncoded: credentials.clientCertificatePEM)
        #expect(server.issuer == ca.subject)
        #expect(client.issuer == ca.subject)
        #expect(ca.publicKey.isValidSignature(server.signature, for: server))
        #expect(ca.publicKey.isValidSignature(client.signature, for: client))
        let names = try #require(try server.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("rsync.example.com")))
        #expect(names.contains(.ipAddress(.init(contentBytes: [10, 0, 0, 7]))))
        #expect(names.contains(.ipAddress(.init(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))))
        #expect(try client.extensions.extendedKeyUsage?.contains(.clientAuth) == true)
        #expect(try server.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
    }

    @Test("two migrations get different certificate authorities")
    func everyMigrationGetsItsOwnCA() throws {
        let first = try TransferCredentials.generate(migrationName: "a", serverDNSNames: ["x"])
        let second = try TransferCredentials.generate(migrationName: "a", serverDNSNames: ["x"])
        #expect(first.caCertificatePEM != second.caCertificatePEM)
        #expect(first.clientKeyPEM != second.clientKeyPEM)
    }

    @Test("a server certificate without names or with a malformed address is refused with the reason")
    func badServerNamesAreRefused() throws {
        #expect(throws: TransferError.self) { try TransferCredentials.generate(migrationName: "m", serverDNSNames: []) }
        let error = try #require(throws: TransferError.self) {
            try TransferCredentials.generate(migrationName: "m", serverDNSNames: ["a"], serverIPAddresses: ["10.0.0.300"])
        }
        #expect(error.message.contains("10.0.0.300"))
    }

    @Test("written keys are readable by the owner only and the PEM files round-trip")
    func writtenKeysAreOwnerOnly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-credentials-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let credentials = try TransferCredentials.generate(migrationName: "m", serverDNSNames: ["localhost"])
        let files = try credentials.write(to: directory)
        for key in [files.serverKey, files.clientKey] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int)
            #expect(mode == 0o600)
        }
        #expect(try String(contentsOfFile: files.clientKey, encoding: .utf8) == credentials.clientKeyPEM)
        #expect(try String(contentsOfFile: files.caCertificate, encoding: .utf8) == credentials.caCertificatePEM)
    }
}
