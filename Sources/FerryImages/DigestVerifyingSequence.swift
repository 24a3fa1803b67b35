import Crypto
import NIOCore

/// Passes a blob's bytes through while hashing them, and throws instead of ending when they
/// do not hash to `digest` or are not exactly `size` long. A consumer therefore sees the
/// end of the sequence only for intact content: an upload fed from it never completes with
/// a corrupted blob.
struct DigestVerifyingSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let base: Base
    let digest: String
    let size: Int64
    /// Names the blob in errors, e.g. `blob sha256:… of team/app on 127.0.0.1:5000`.
    let subject: String

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let digest: String
        let size: Int64
        let subject: String
        var hasher = SHA256()
        var received: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let buffer = try await base.next() else {
                guard received == size else {
                    throw RegistryError(.transport, "\(subject) ended after \(received) of its \(size) bytes")
                }
                let actual = ContentDigest.text(of: hasher.finalize())
                guard actual == digest else {
                    throw RegistryError(.digestMismatch, "\(subject) hashes to \(actual), not to its digest \(digest); the source registry served corrupted content, and nothing was stored at the destination")
                }
                return nil
            }
            received += Int64(buffer.readableBytes)
            guard received <= size else {
                throw RegistryError(.digestMismatch, "\(subject) is longer than its \(size) bytes; the source registry served corrupted content, and nothing was stored at the destination")
            }
            buffer.withUnsafeReadableBytes { hasher.update(bufferPointer: $0) }
            return buffer
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), digest: digest, size: size, subject: subject)
    }
}
