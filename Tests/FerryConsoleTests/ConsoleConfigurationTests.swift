import FerryConsole
import Foundation
import KubeClient
import Testing

@Suite("Console configuration, certificates and session expiry")
struct ConsoleConfigurationTests {
    @Test("the host cluster's credentials are dropped: the console has no identity of its own")
    func credentialsAreDropped() {
        let given = ClientConfiguration(
            server: "https://api.example.com:6443",
            tls: .init(certificateAuthorityPEM: Array("ca".utf8), clientCertificatePEM: Array("cert".utf8), clientKeyPEM: Array("key".utf8)),
            credentials: .bearerToken("admin"))
        let configuration = ConsoleConfiguration(hostCluster: given)
        #expect(configuration.hostCluster.credentials == .none)
        #expect(configuration.hostCluster.tls.clientCertificatePEM == nil)
        #expect(configuration.hostCluster.tls.clientKeyPEM == nil)
        #expect(configuration.hostCluster.tls.certificateAuthorityPEM == Array("ca".utf8))
        #expect(configuration.hostCluster(token: "user-token").credentials == .bearerToken("user-token"))
    }

    @Test("a given certificate and key are served; unreadable files are an error naming them")
    func certificateFiles() throws {
        let generated = try ConsoleCertificate.generate(host: "console.example.com")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-console-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let chain = directory.appendingPathComponent("tls.crt"), key = directory.appendingPathComponent("tls.key")
        try generated.chainPEM.write(to: chain, atomically: true, encoding: .utf8)
        try generated.keyPEM.write(to: key, atomically: true, encoding: .utf8)
        let loaded = try ConsoleCertificate.load(.files(certificateChain: chain.path, privateKey: key.path), host: "ignored")
        #expect(loaded.chainPEM == generated.chainPEM)
        #expect(loaded.keyPEM == generated.keyPEM)
        #expect(loaded.authorityPEM.trimmingCharacters(in: .whitespacesAndNewlines) == generated.authorityPEM.trimmingCharacters(in: .whitespacesAndNewlines))
        let missing = directory.appendingPathComponent("missing.crt").path
        #expect(throws: ConsoleAPIError.self) { try ConsoleCertificate.load(.files(certificateChain: missing, privateKey: key.path), host: "x") }
        do {
            _ = try ConsoleCertificate.load(.files(certificateChain: missing, privateKey: key.path), host: "x")
        } catch let error as ConsoleAPIError {
            #expect(error.message.contains(missing))
        }
    }

    @Test("a session past its lifetime no longer signs requests in", .timeLimit(.minutes(1)))
    func expiredSessionIsRefused() async throws {
        try await ConsoleWorld.run(sessionLifetime: .zero) { world in
            let signIn = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)])
            #expect(signIn.status == 201)
            let cookie = try #require(signIn.headers["Set-Cookie"].first)
            let id = String(cookie.dropFirst("ferry_session=".count).prefix { $0 != ";" })
            let whoami = try await world.call(.GET, "/api/session", as: .cookie(session: id, csrf: nil))
            #expect(whoami.status == 401)
            #expect(await world.server.sessions.count == 0)
        }
    }
}
