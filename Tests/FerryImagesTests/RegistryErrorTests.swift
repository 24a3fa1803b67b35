import FerryImages
import FerryTestSupport
import Logging
import Testing

@Suite("Registry errors name what failed and the fix", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct RegistryErrorTests {
    let logger = Logger(label: "ferry-images-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("a wrong password is a 401 error naming the registry and the credentials to check", .timeLimit(.minutes(1)))
    func wrongPassword() async throws {
        try await TestRegistry.withRunning(secure: true) { registry in
            try await withClients(registry, registry, sourcePassword: "wrong") { client, _ in
                let error = await #expect(throws: RegistryError.self) {
                    try await client.ping(registry: registry.host)
                }
                #expect(error?.code == .unauthorized)
                #expect(error?.message.contains(registry.host) == true)
                #expect(error?.message.contains("user name and password") == true)
            }
        }
    }

    @Test("copying a tag that does not exist is a 404 error naming the repository and tag", .timeLimit(.minutes(1)))
    func missingTag() async throws {
        try await TestRegistry.withRunning { source in
            try await TestRegistry.withRunning(secure: true) { destination in
                try await withClients(source, destination) { sourceClient, destinationClient in
                    let copier = ImageCopier(source: sourceClient, destination: destinationClient, logger: logger)
                    let error = await #expect(throws: RegistryError.self) {
                        try await copier.copy(
                            source: try ImageReference(parsing: "\(source.host)/team/app:missing"), destination: try ImageReference(parsing: "\(destination.host)/team/app:missing"))
                    }
                    #expect(error?.code == .notFound)
                    #expect(error?.message.contains("team/app:missing on \(source.host)") == true)
                    #expect(error?.message.contains("MANIFEST_UNKNOWN") == true, "the registry's own error is included")
                }
            }
        }
    }

    @Test("a TLS registry whose certificate is not trusted fails with a transport error naming the registry", .timeLimit(.minutes(1)))
    func untrustedCertificate() async throws {
        try await TestRegistry.withRunning(secure: true) { registry in
            let client = try RegistryClient(configuration: RegistryConfiguration(maximumAttempts: 1), logger: logger)
            let error = await #expect(throws: RegistryError.self) {
                try await client.ping(registry: registry.host)
            }
            try await client.shutdown()
            #expect(error?.code == .transport)
            #expect(error?.message.contains(registry.host) == true)
        }
    }
}
