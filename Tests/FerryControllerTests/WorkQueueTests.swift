import FerryController
import Testing

@Suite("WorkQueue")
struct WorkQueueTests {
    @Test("a key added many times while waiting is handed out once")
    func deduplicatesWaitingKeys() async throws {
        let queue = WorkQueue<String>()
        queue.add("a")
        queue.add("b")
        queue.add("a")
        queue.add("a")
        #expect(queue.readyCount == 2)
        #expect(await queue.next() == "a")
        #expect(await queue.next() == "b")
        #expect(queue.readyCount == 0)
    }

    @Test("a key added while a worker holds it is not handed to a second worker, and comes back after done")
    func neverHandsOutAKeyTwiceAtOnce() async throws {
        let queue = WorkQueue<String>()
        queue.add("a")
        let first = await queue.next()
        #expect(first == "a")
        queue.add("a")
        queue.add("b")
        // "a" is held: the next worker gets "b", and nothing else is ready.
        #expect(await queue.next() == "b")
        #expect(queue.readyCount == 0)
        #expect(queue.isProcessing("a"))
        queue.done("a")
        #expect(queue.readyCount == 1)
        #expect(await queue.next() == "a")
    }

    @Test("a waiting worker receives a key added later")
    func wakesWaitingWorker() async throws {
        let queue = WorkQueue<Int>()
        async let received = queue.next()
        // Give the worker a chance to park; correctness does not depend on it.
        await Task.yield()
        queue.add(7)
        #expect(await received == 7)
    }

    @Test("a delayed key is handed out once its delay has passed", .timeLimit(.minutes(1)))
    func delayedAdd() async throws {
        let queue = WorkQueue<String>()
        try await withThrowingTaskGroup { group in
            group.addTask { await queue.run() }
            queue.add("later", after: .milliseconds(30))
            #expect(queue.delayedCount == 1)
            #expect(queue.readyCount == 0)
            #expect(await queue.next() == "later")
            #expect(queue.delayedCount == 0)
            queue.shutdown()
            try await group.waitForAll()
        }
    }

    @Test("retries back off exponentially per key until forgotten", .timeLimit(.minutes(1)))
    func retryBackoff() async throws {
        let backoff = Backoff(base: .milliseconds(10), maximum: .milliseconds(40))
        #expect(backoff.delay(afterFailures: 1) == .milliseconds(10))
        #expect(backoff.delay(afterFailures: 2) == .milliseconds(20))
        #expect(backoff.delay(afterFailures: 3) == .milliseconds(40))
        #expect(backoff.delay(afterFailures: 50) == .milliseconds(40))

        let queue = WorkQueue<String>(backoff: backoff)
        try await withThrowingTaskGroup { group in
            group.addTask { await queue.run() }
            queue.retry("flaky")
            queue.retry("flaky")
            #expect(queue.failures(of: "flaky") == 2)
            #expect(await queue.next() == "flaky")
            queue.forget("flaky")
            #expect(queue.failures(of: "flaky") == 0)
            queue.done("flaky")
            queue.shutdown()
            try await group.waitForAll()
        }
    }

    @Test("shutdown releases waiting workers and later calls with nil", .timeLimit(.minutes(1)))
    func shutdownReleasesWorkers() async throws {
        let queue = WorkQueue<String>()
        async let waiting = queue.next()
        await Task.yield()
        queue.shutdown()
        #expect(await waiting == nil)
        queue.add("ignored")
        #expect(await queue.next() == nil)
    }

    @Test("cancelling a waiting worker returns nil", .timeLimit(.minutes(1)))
    func cancellationReleasesWorker() async throws {
        let queue = WorkQueue<String>()
        let worker = Task { await queue.next() }
        worker.cancel()
        #expect(await worker.value == nil)
        // The cancelled worker must not have swallowed a later key.
        queue.add("kept")
        #expect(await queue.next() == "kept")
    }

    @Test("many workers process every key exactly once at a time", .timeLimit(.minutes(1)))
    func concurrentWorkers() async throws {
        let queue = WorkQueue<Int>()
        let tracker = ConcurrencyTracker()
        for key in 0..<50 { queue.add(key) }
        await withTaskGroup { group in
            for _ in 0..<4 {
                group.addTask {
                    while let key = await queue.next() {
                        await tracker.begin(key)
                        await Task.yield()
                        await tracker.end(key)
                        // Re-adding while held must not create a second concurrent holder.
                        if key % 5 == 0, await tracker.count(of: key) == 1 { queue.add(key) }
                        queue.done(key)
                        if await tracker.total >= 60 { queue.shutdown() }
                    }
                }
            }
        }
        #expect(await tracker.overlaps == 0)
        #expect(await tracker.total == 60)
    }
}

/// Counts reconciliations and whether one key was ever held twice at once.
actor ConcurrencyTracker {
    private var active: Set<Int> = []
    private var counts: [Int: Int] = [:]
    private(set) var overlaps = 0
    private(set) var total = 0

    func begin(_ key: Int) {
        if !active.insert(key).inserted { overlaps += 1 }
        counts[key, default: 0] += 1
        total += 1
    }

    func end(_ key: Int) { active.remove(key) }

    func count(of key: Int) -> Int { counts[key, default: 0] }
}
