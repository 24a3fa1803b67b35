import Synchronization

/// The blobs being copied into each registry right now, so that images sharing a layer and
/// copied at the same time upload it once: a second copy of the blob waits for the first,
/// then finds it at the destination (or mounts it from the repository that received it).
final class BlobUploadsInFlight: Sendable {
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    init() {}

    /// Returns once the caller holds the copy of `digest` into `registry`; `release` must follow.
    func acquire(_ digest: String, registry: String) async {
        let key = "\(registry) \(digest)"
        while true {
            let acquired = waiters.withLock { waiting in
                guard waiting[key] == nil else { return false }
                waiting[key] = []
                return true
            }
            if acquired { return }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let queued = waiters.withLock { waiting in
                    guard waiting[key] != nil else { return false }
                    waiting[key]?.append(continuation)
                    return true
                }
                // Released between the two checks: try again at once.
                if !queued { continuation.resume() }
            }
        }
    }

    /// Ends the caller's copy of `digest` into `registry` and wakes the copies waiting for it.
    func release(_ digest: String, registry: String) {
        let woken = waiters.withLock { $0.removeValue(forKey: "\(registry) \(digest)") ?? [] }
        for continuation in woken { continuation.resume() }
    }
}
