/// Bounds how many end-to-end worlds (two clusters and their ferry processes each) run at
/// once: the whole suite runs in parallel with every other test target on small CI
/// machines, and a burst of a dozen worlds starves the timing-sensitive simulator tests.
actor WorldSlots {
    /// The slots every world takes one of.
    static let shared = WorldSlots(count: 4)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    private init(count: Int) {
        available = count
    }

    /// Runs `body` once a slot is free, and frees it afterwards.
    nonisolated func withSlot<T>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
