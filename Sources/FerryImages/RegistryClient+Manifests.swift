import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension RegistryClient {
    /// The largest manifest accepted; the distribution spec recommends registries take 4 MiB.
    static let maximumManifestSize = 4 * 1024 * 1024

    /// Fetches the manifest `reference` (a tag or digest) of `repository` on `registry`,
    /// checking its digest when fetched by digest.
    public func manifest(registry: String, repository: String, reference: String) async throws -> Manifest {
        var request = Request(
            method: .GET, url: "\(baseURL(registry))/\(repository)/manifests/\(reference)", host: registry,
            scope: "repository:\(repository):pull", subject: "manifest \(repository)\(separator(reference))\(reference) on \(registry)")
        request.headers.add(name: "Accept", value: Manifest.acceptedTypes.joined(separator: ", "))
        let response = try await send(request)
        try await expect(response, [200], request)
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: Self.maximumManifestSize)
        } catch {
            throw RegistryError(.transport, "reading \(request.subject) failed: \(error)")
        }
        let manifest = try Manifest(bytes: Array(buffer: body), contentType: response.headers.first(name: "Content-Type"), source: request.subject)
        if ContentDigest.isValid(reference), manifest.digest != reference {
            throw RegistryError(.digestMismatch, "\(request.subject) hashes to \(manifest.digest), not the digest it was requested by; the registry's storage is corrupted or something rewrote the manifest in transit")
        }
        return manifest
    }

    /// The digest `reference` of `repository` resolves to on `registry`, or nil when absent.
    public func manifestDigest(registry: String, repository: String, reference: String) async throws -> String? {
        var request = Request(
            method: .HEAD, url: "\(baseURL(registry))/\(repository)/manifests/\(reference)", host: registry,
            scope: "repository:\(repository):pull", subject: "manifest \(repository)\(separator(reference))\(reference) on \(registry)")
        request.headers.add(name: "Accept", value: Manifest.acceptedTypes.joined(separator: ", "))
        let response = try await send(request)
        if response.status == .notFound { return nil }
        try await expect(response, [200], request)
        return response.headers.first(name: "Docker-Content-Digest")
    }

    /// Stores `manifest` under `reference` (a tag or its digest) in `repository` on
    /// `registry`, byte for byte.
    public func putManifest(_ manifest: Manifest, registry: String, repository: String, reference: String) async throws {
        var request = Request(
            method: .PUT, url: "\(baseURL(registry))/\(repository)/manifests/\(reference)", body: ByteBuffer(bytes: manifest.bytes),
            host: registry, scope: "repository:\(repository):pull,push", subject: "manifest \(repository)\(separator(reference))\(reference) on \(registry)")
        request.headers.add(name: "Content-Type", value: manifest.mediaType)
        let response = try await send(request)
        try await expect(response, [200, 201], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        if let stored = response.headers.first(name: "Docker-Content-Digest"), stored != manifest.digest {
            throw RegistryError(.digestMismatch, "\(registry) stored \(request.subject) as \(stored) instead of \(manifest.digest); the registry rewrote the manifest")
        }
    }

    /// `@` before a digest, `:` before a tag.
    func separator(_ reference: String) -> String {
        reference.hasPrefix("sha256:") ? "@" : ":"
    }
}
