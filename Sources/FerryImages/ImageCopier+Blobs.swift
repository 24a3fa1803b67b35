import NIOCore

extension ImageCopier {
    /// Copies one blob unless the destination has it: a mount when another repository of
    /// the destination registry holds it, else a verified streamed upload, retried from the
    /// start (in a fresh upload session) when a connection breaks or a registry fails.
    func copyBlob(_ blob: Manifest.Descriptor, from sourceImage: ImageReference, to destinationImage: ImageReference) async throws -> BlobOutcome {
        let registry = destinationImage.apiHost
        let repository = destinationImage.repository
        await uploadsInFlight.acquire(blob.digest, registry: registry)
        defer { uploadsInFlight.release(blob.digest, registry: registry) }
        if try await destination.blobExists(registry: registry, repository: repository, digest: blob.digest) {
            remember(blob.digest, in: destinationImage)
            return .skipped
        }
        var session: String?
        for candidate in mountCandidates(blob.digest, from: sourceImage, to: destinationImage) {
            let outcome: RegistryClient.MountOutcome
            do {
                outcome = try await destination.mountBlob(registry: registry, repository: repository, digest: blob.digest, from: candidate)
            } catch let error as RegistryError where !error.isRetryable {
                // A mount only saves an upload: the credentials may not reach the other
                // repository (401/403), and then the blob is uploaded as usual.
                logger.debug("mount refused; uploading instead", metadata: ["blob": "\(blob.digest)", "from": "\(candidate)", "error": "\(error)"])
                continue
            }
            switch outcome {
            case .mounted:
                remember(blob.digest, in: destinationImage)
                return .mounted
            case .uploadSession(let location):
                if let abandoned = session { await destination.cancelUpload(abandoned, registry: registry, repository: repository) }
                session = location
            }
        }
        let subject = "blob \(blob.digest) of \(sourceImage.repository) on \(sourceImage.registry)"
        var attempt = 1
        var backoff = destination.configuration.initialBackoff
        while true {
            let location: String
            if let opened = session {
                location = opened
            } else {
                location = try await destination.startUpload(registry: registry, repository: repository)
            }
            session = nil
            do {
                let response = try await source.openBlob(registry: sourceImage.apiHost, repository: sourceImage.repository, digest: blob.digest)
                let bytes = DigestVerifyingSequence(base: response.body, digest: blob.digest, size: blob.size, subject: subject)
                if blob.size >= options.chunkedUploadThreshold {
                    try await destination.uploadChunked(bytes, descriptor: blob, location: location, chunkSize: options.chunkSize, registry: registry, repository: repository)
                } else {
                    try await destination.uploadMonolithic(bytes, descriptor: blob, location: location, registry: registry, repository: repository)
                }
                remember(blob.digest, in: destinationImage)
                remember(blob.digest, in: sourceImage)
                return .copied(bytes: blob.size)
            } catch {
                await destination.cancelUpload(location, registry: registry, repository: repository)
                if error is CancellationError { throw error }
                let failure = Self.registryError(error, subject: subject, destination: destinationImage)
                guard failure.isRetryable, attempt < source.configuration.maximumAttempts else { throw failure }
                logger.debug("blob copy failed; retrying", metadata: ["blob": "\(blob.digest)", "attempt": "\(attempt)", "error": "\(failure)"])
            }
            try await Task.sleep(for: backoff)
            backoff *= 2
            attempt += 1
        }
    }

    /// Repositories of the destination registry to try mounting `digest` from: where this
    /// copier put or found it before, and the source repository when both images live in
    /// the same registry.
    private func mountCandidates(_ digest: String, from sourceImage: ImageReference, to destinationImage: ImageReference) -> [String] {
        var candidates: [String] = []
        if let known = blobLocations.repository(holding: digest, registry: destinationImage.apiHost), known != destinationImage.repository {
            candidates.append(known)
        }
        if sourceImage.apiHost == destinationImage.apiHost, sourceImage.repository != destinationImage.repository, !candidates.contains(sourceImage.repository) {
            candidates.append(sourceImage.repository)
        }
        return candidates
    }

    private func remember(_ digest: String, in image: ImageReference) {
        blobLocations.record(digest, registry: image.apiHost, repository: image.repository)
    }

    /// `error` as a `RegistryError`: an upload aborted by a broken source stream or a
    /// digest mismatch surfaces from the HTTP client under its own type.
    static func registryError(_ error: any Error, subject: String, destination: ImageReference) -> RegistryError {
        if let registryError = error as? RegistryError { return registryError }
        return RegistryError(.transport, "copying \(subject) to \(destination.repository) on \(destination.registry) failed: \(error); check that both registries are reachable")
    }
}
