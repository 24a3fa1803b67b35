import AsyncHTTPClient
import NIOCore
import NIOHTTP1

extension RegistryClient {
    /// What a cross-repository mount attempt achieved.
    enum MountOutcome: Sendable {
        /// The registry linked the blob into the repository; nothing to upload.
        case mounted
        /// The registry could not mount it and opened an upload session at this URL instead.
        case uploadSession(String)
    }

    /// Whether `digest` is stored in `repository` on `registry`.
    public func blobExists(registry: String, repository: String, digest: String) async throws -> Bool {
        let request = Request(
            method: .HEAD, url: "\(baseURL(registry))/\(repository)/blobs/\(digest)", host: registry,
            scope: "repository:\(repository):pull", subject: "blob \(digest) of \(repository) on \(registry)")
        let response = try await send(request)
        if response.status == .notFound { return false }
        try await expect(response, [200], request)
        return true
    }

    /// Stores `bytes` as a blob of `repository` on `registry` (unless it is there) and
    /// returns its descriptor. For configs and small blobs; layers are copied streamed.
    public func pushBlob(_ bytes: [UInt8], mediaType: String, registry: String, repository: String) async throws -> Manifest.Descriptor {
        let descriptor = Manifest.Descriptor(mediaType: mediaType, digest: ContentDigest.of(bytes), size: Int64(bytes.count))
        if try await blobExists(registry: registry, repository: repository, digest: descriptor.digest) { return descriptor }
        let location = try await startUpload(registry: registry, repository: repository)
        var request = Request(
            method: .PUT, url: appendingDigest(descriptor.digest, to: location), body: ByteBuffer(bytes: bytes), host: registry,
            scope: "repository:\(repository):pull,push", subject: "upload of blob \(descriptor.digest) to \(repository) on \(registry)")
        request.headers.add(name: "Content-Type", value: "application/octet-stream")
        let response = try await send(request)
        try await expect(response, [201], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return descriptor
    }

    /// Starts a GET of the blob; the caller reads (and must verify) `response.body`.
    func openBlob(registry: String, repository: String, digest: String) async throws -> HTTPClientResponse {
        let request = Request(
            method: .GET, url: "\(baseURL(registry))/\(repository)/blobs/\(digest)", host: registry,
            scope: "repository:\(repository):pull", subject: "blob \(digest) of \(repository) on \(registry)")
        let response = try await send(request, timeout: .hours(6))
        try await expect(response, [200], request)
        return response
    }

    /// Asks `registry` to link `digest` from `sourceRepository` into `repository`.
    func mountBlob(registry: String, repository: String, digest: String, from sourceRepository: String) async throws -> MountOutcome {
        let request = Request(
            method: .POST, url: "\(baseURL(registry))/\(repository)/blobs/uploads/?mount=\(digest)&from=\(sourceRepository)", host: registry,
            scope: "repository:\(repository):pull,push", subject: "mount of blob \(digest) from \(sourceRepository) into \(repository) on \(registry)")
        let response = try await send(request)
        try await expect(response, [201, 202], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        if response.status == .created { return .mounted }
        return .uploadSession(try uploadLocation(response, registry: registry, request))
    }

    /// Opens an upload session for a blob in `repository` and returns its URL.
    func startUpload(registry: String, repository: String) async throws -> String {
        let request = Request(
            method: .POST, url: "\(baseURL(registry))/\(repository)/blobs/uploads/", host: registry,
            scope: "repository:\(repository):pull,push", subject: "upload to \(repository) on \(registry)")
        let response = try await send(request)
        try await expect(response, [202], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
        return try uploadLocation(response, registry: registry, request)
    }

    /// Abandons an upload session, so the registry discards what it received.
    func cancelUpload(_ location: String, registry: String, repository: String) async {
        let request = Request(method: .DELETE, url: location, host: registry, scope: "repository:\(repository):pull,push", subject: "upload to \(repository) on \(registry)")
        do {
            let response = try await send(request)
            _ = try? await response.body.collect(upTo: 64 * 1024)
        } catch {
            logger.debug("cancelling an upload failed; the registry purges stale uploads itself", metadata: ["location": "\(location)", "error": "\(error)"])
        }
    }

    /// Uploads the blob `descriptor` to the session at `location` in one streamed PUT; `bytes`
    /// end only when intact (see `DigestVerifyingSequence`), so a corrupted blob is never committed.
    func uploadMonolithic<Bytes: AsyncSequence & Sendable>(
        _ bytes: Bytes, descriptor: Manifest.Descriptor, location: String, registry: String, repository: String
    ) async throws where Bytes.Element == ByteBuffer {
        var httpRequest = HTTPClientRequest(url: appendingDigest(descriptor.digest, to: location))
        httpRequest.method = .PUT
        httpRequest.headers.add(name: "Content-Type", value: "application/octet-stream")
        if let authorization = authorizationHeader(host: registry, scope: "repository:\(repository):pull,push") {
            httpRequest.headers.add(name: "Authorization", value: authorization)
        }
        httpRequest.body = .stream(bytes, length: .known(descriptor.size))
        let request = Request(method: .PUT, url: location, host: registry, subject: "upload of blob \(descriptor.digest) to \(repository) on \(registry)")
        let response = try await httpClient.execute(httpRequest, timeout: .hours(6), logger: logger)
        try await expect(response, [201], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
    }

    /// Uploads the blob in `chunkSize` PATCHes with `Content-Range`, then commits it with
    /// a PUT; at most one chunk is held in memory.
    func uploadChunked<Bytes: AsyncSequence & Sendable>(
        _ bytes: Bytes, descriptor: Manifest.Descriptor, location: String, chunkSize: Int, registry: String, repository: String
    ) async throws where Bytes.Element == ByteBuffer {
        let scope = "repository:\(repository):pull,push"
        let subject = "upload of blob \(descriptor.digest) to \(repository) on \(registry)"
        var location = location
        var offset: Int64 = 0
        var chunk = ByteBuffer()
        func sendChunk() async throws {
            guard chunk.readableBytes > 0 else { return }
            var request = Request(method: .PATCH, url: location, body: chunk, host: registry, scope: scope, subject: subject)
            request.headers.add(name: "Content-Type", value: "application/octet-stream")
            request.headers.add(name: "Content-Range", value: "\(offset)-\(offset + Int64(chunk.readableBytes) - 1)")
            let response = try await send(request, timeout: .minutes(30))
            try await expect(response, [202], request)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            location = try uploadLocation(response, registry: registry, request)
            logger.debug("uploaded a chunk", metadata: ["blob": "\(descriptor.digest)", "offset": "\(offset)", "bytes": "\(chunk.readableBytes)"])
            offset += Int64(chunk.readableBytes)
            chunk.clear()
        }
        for try await var buffer in bytes {
            while buffer.readableBytes > 0 {
                let take = min(buffer.readableBytes, chunkSize - chunk.readableBytes)
                var slice = buffer.readSlice(length: take)!
                chunk.writeBuffer(&slice)
                if chunk.readableBytes == chunkSize { try await sendChunk() }
            }
        }
        try await sendChunk()
        let request = Request(method: .PUT, url: appendingDigest(descriptor.digest, to: location), host: registry, scope: scope, subject: subject)
        let response = try await send(request)
        try await expect(response, [201], request)
        _ = try? await response.body.collect(upTo: 64 * 1024)
    }

    /// The absolute URL of the `Location` a registry answered an upload step with.
    private func uploadLocation(_ response: HTTPClientResponse, registry: String, _ request: Request) throws -> String {
        guard let location = response.headers.first(name: "Location"), !location.isEmpty else {
            throw RegistryError(.unexpectedResponse, "\(registry) answered \(request.subject) without a Location header")
        }
        if location.hasPrefix("http://") || location.hasPrefix("https://") { return location }
        return "\(configuration.scheme)://\(registry)\(location.hasPrefix("/") ? "" : "/")\(location)"
    }

    private func appendingDigest(_ digest: String, to location: String) -> String {
        location + (location.contains("?") ? "&" : "?") + "digest=\(digest)"
    }
}
