public import KubeCore

extension ObjectStore {
    /// Streams changes after `options.resourceVersion` (or from now, with the current objects
    /// first as ADDED when it is nil/"0"). `definition` nil watches every resource. Fails with
    /// 410 Expired when the version is older than the retained history.
    ///
    /// With `allowWatchBookmarks` a BOOKMARK arrives every `bookmarkInterval`; with
    /// `timeoutSeconds` the stream finishes after that long.
    public func watch(
        _ definition: ResourceDefinition?, namespace: String?, options: ListOptions = ListOptions(),
        bookmarkInterval: Duration = .seconds(1)
    ) throws(KubeAPIError) -> AsyncStream<WatchEvent> {
        let (stream, continuation) = AsyncStream<WatchEvent>.makeStream(bufferingPolicy: .unbounded)
        let watcher = try core.withLock { core throws(KubeAPIError) in
            try core.startWatch(definition, namespace: namespace, options: options, continuation: continuation)
        }
        let id = watcher.id
        let deadline = options.timeoutSeconds.map { ContinuousClock.now + .seconds($0) }
        let wantsBookmarks = options.allowWatchBookmarks
        guard deadline != nil || wantsBookmarks else {
            continuation.onTermination = { _ in watcher.terminated.store(true, ordering: .relaxed) }
            return stream
        }
        // The timer lives exactly as long as the stream: termination cancels it.
        let timer = Task { [weak self] in
            while !Task.isCancelled {
                var pause = bookmarkInterval
                if let deadline {
                    let left = deadline - ContinuousClock.now
                    if left <= .zero { break }
                    if !wantsBookmarks || left < pause { pause = left }
                }
                try? await Task.sleep(for: pause)
                if Task.isCancelled { return }
                if let deadline, ContinuousClock.now >= deadline { break }
                guard let self, self.core.withLock({ $0.sendBookmark(to: id, definition: definition) }) else { return }
            }
            self?.endWatch(id)
        }
        continuation.onTermination = { _ in
            watcher.terminated.store(true, ordering: .relaxed)
            timer.cancel()
        }
        return stream
    }

    /// Sends a BOOKMARK with the current resource version to every open watch that allows them now, rather
    /// than at the next timer tick.
    public func bookmarkAll() {
        core.withLock { core in
            for watcher in core.watchers.values where watcher.allowsBookmarks && !watcher.isTerminated {
                let definition = watcher.resource.flatMap { core.registry.definition(for: $0) }
                watcher.continuation.yield(core.bookmark(for: definition))
            }
        }
    }

    /// Finishes one watch stream.
    func endWatch(_ id: Int) {
        let watcher = core.withLock { $0.watchers.removeValue(forKey: id) }
        // Finishing runs the termination handler; do it outside the lock.
        watcher?.continuation.finish()
    }
}
