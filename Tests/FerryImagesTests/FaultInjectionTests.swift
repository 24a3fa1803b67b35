import FerryImages
import FerryTestSupport
import Logging
import Testing

@Suite("Copies survive or report misbehaving registries", .enabled(if: TestRegistry.isInstalled, Comment(rawValue: TestRegistry.skipReason)))
struct FaultInjectionTests {
    let logger = Logger(label: "ferry-images-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// An image of a config and two layers, and a server serving it as `app:v1`.
    func faultServer(requiresBearerToken: Bool = false) throws -> (FaultServer, config: TestImages.Blob, layers: [TestImages.Blob], manifest: Manifest) {
        let images = TestImages(format: .oci)
        let config = images.config(architecture: "amd64")
        let layers = [images.layer(200_000), images.layer(150_000)]
        let manifest = try images.manifest(config: config, layers: layers)
        let server = FaultServer(repository: "app", tag: "v1", top: manifest, manifests: [], blobs: [config] + layers, requiresBearerToken: requiresBearerToken)
        return (server, config, layers, manifest)
    }

    @Test("500 answers to the manifest and a blob, and a connection reset in the middle of a blob, are retried until the copy succeeds", .timeLimit(.minutes(1)))
    func transientFailuresAreRetried() async throws {
        let (server, _, layers, manifest) = try faultServer()
        server.state.withLock {
            $0.manifestServerErrors = 2
            $0.blobFaults[layers[0].descriptor.digest] = .serverErrors(2)
            $0.blobFaults[layers[1].descriptor.digest] = .resets(1)
        }
        try await TestRegistry.withRunning { destination in
            try await server.withRunning { sourceHost in
                let source = try RegistryClient(configuration: RegistryConfiguration(transport: .plainHTTP, initialBackoff: .milliseconds(10)), logger: logger)
                let target = try RegistryClient(configuration: destination.configuration(), logger: logger)
                let outcome = await Result { try await ImageCopier(source: source, destination: target, logger: logger).copy(
                    source: try ImageReference(parsing: "\(sourceHost)/app:v1"), destination: try ImageReference(parsing: "\(destination.host)/app:v1")) }
                try await source.shutdown()
                try await target.shutdown()
                let report = try outcome.get()
                #expect(report.blobsCopied == 3)
                #expect(report.digest == manifest.digest)
                #expect(try await skopeoDigest(destination, "app:v1") == manifest.digest)
                let counts = server.state.withLock { $0 }
                #expect(counts.manifestRequests == 3, "two 500s, then the manifest")
                #expect(counts.blobRequests[layers[0].descriptor.digest] == 3, "two 500s, then the blob")
                #expect(counts.blobRequests[layers[1].descriptor.digest] == 2, "a reset, then the blob")
            }
        }
    }

    @Test("a corrupted blob fails the copy with an error naming the blob, and the destination never stores it", .timeLimit(.minutes(1)))
    func corruptedBlobIsNeverStored() async throws {
        let (server, config, layers, _) = try faultServer()
        let corrupted = layers[1].descriptor.digest
        server.state.withLock { $0.blobFaults[corrupted] = .corrupted }
        try await TestRegistry.withRunning { destination in
            try await server.withRunning { sourceHost in
                let source = try RegistryClient(configuration: RegistryConfiguration(transport: .plainHTTP, initialBackoff: .milliseconds(10)), logger: logger)
                let target = try RegistryClient(configuration: destination.configuration(), logger: logger)
                // One blob at a time, so the intact config is copied before the corrupted layer fails the copy.
                let copier = ImageCopier(source: source, destination: target, options: ImageCopier.Options(parallelBlobCopies: 1), logger: logger)
                let outcome = await Result { try await copier.copy(
                    source: try ImageReference(parsing: "\(sourceHost)/app:v1"), destination: try ImageReference(parsing: "\(destination.host)/app:v1")) }
                let stored = try await target.blobExists(registry: destination.host, repository: "app", digest: corrupted)
                let intactStored = try await target.blobExists(registry: destination.host, repository: "app", digest: config.descriptor.digest)
                let tagged = try await target.manifestDigest(registry: destination.host, repository: "app", reference: "v1")
                try await source.shutdown()
                try await target.shutdown()
                #expect(throws: RegistryError.self) { try outcome.get() }
                guard case .failure(let failure) = outcome, let error = failure as? RegistryError else { return }
                #expect(error.code == .digestMismatch)
                #expect(error.message.contains(corrupted))
                #expect(!stored, "HEAD of the corrupted blob at the destination is 404")
                #expect(intactStored, "the intact blobs were copied")
                #expect(tagged == nil, "no manifest references the missing blob")
                #expect(server.state.withLock { $0.blobRequests[corrupted] } == 1, "a digest mismatch is not retried")
            }
        }
    }

    @Test("a blob the source lacks fails the copy with a 404 error naming the blob and repository", .timeLimit(.minutes(1)))
    func missingBlobIsNamed() async throws {
        let images = TestImages(format: .oci)
        let config = images.config(architecture: "amd64")
        let missing = images.layer(10_000)
        let manifest = try images.manifest(config: config, layers: [missing])
        let server = FaultServer(repository: "app", tag: "v1", top: manifest, manifests: [], blobs: [config])
        try await TestRegistry.withRunning { destination in
            try await server.withRunning { sourceHost in
                let source = try RegistryClient(configuration: RegistryConfiguration(transport: .plainHTTP), logger: logger)
                let target = try RegistryClient(configuration: destination.configuration(), logger: logger)
                let outcome = await Result { try await ImageCopier(source: source, destination: target, logger: logger).copy(
                    source: try ImageReference(parsing: "\(sourceHost)/app:v1"), destination: try ImageReference(parsing: "\(destination.host)/app:v1")) }
                try await source.shutdown()
                try await target.shutdown()
                guard case .failure(let failure) = outcome, let error = failure as? RegistryError else {
                    Issue.record("the copy succeeded without the blob: \(outcome)")
                    return
                }
                #expect(error.code == .notFound)
                #expect(error.message.contains("blob \(missing.descriptor.digest) of app on \(sourceHost) does not exist"))
                #expect(error.message.contains("BLOB_UNKNOWN"))
            }
        }
    }

    @Test("a bearer-token challenge is answered with one token for the repository's scope, reused for every request", .timeLimit(.minutes(1)))
    func bearerTokensAreFetchedOnceAndCached() async throws {
        let (server, _, _, manifest) = try faultServer(requiresBearerToken: true)
        try await TestRegistry.withRunning { destination in
            try await server.withRunning { sourceHost in
                let source = try RegistryClient(configuration: RegistryConfiguration(transport: .plainHTTP), logger: logger)
                let target = try RegistryClient(configuration: destination.configuration(), logger: logger)
                let copier = ImageCopier(source: source, destination: target, options: ImageCopier.Options(parallelBlobCopies: 1), logger: logger)
                let outcome = await Result { try await copier.copy(
                    source: try ImageReference(parsing: "\(sourceHost)/app:v1"), destination: try ImageReference(parsing: "\(destination.host)/app:v1")) }
                try await source.shutdown()
                try await target.shutdown()
                #expect(try outcome.get().digest == manifest.digest)
                let counts = server.state.withLock { $0 }
                #expect(counts.tokenRequests == 1)
                #expect(counts.tokenScopes == ["repository:app:pull"])
                #expect(counts.unauthorizedRequests == 1, "only the first request goes without the token")
            }
        }
    }
}

extension Result where Failure == any Error {
    /// The outcome of `body`, so clients can be shut down before the result is examined.
    init(catching body: () async throws -> Success) async {
        do {
            self = .success(try await body())
        } catch {
            self = .failure(error)
        }
    }
}
