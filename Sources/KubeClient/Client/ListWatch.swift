public import KubeCore

/// A list followed by an endless watch, as client-go's reflector: the consumer sees every
/// object once as `ADDED`, then every change, and never a gap.
///
/// The watch starts at the list's `resourceVersion`, and bookmarks and events advance it.
/// When the stream ends or the connection drops, the watch resumes from the last version.
/// When the server answers 410 Gone (that version is compacted away, as HTTP 410 or an
/// ERROR event), the collection is listed again and the difference to what the consumer has
/// seen is emitted as synthetic `ADDED`, `MODIFIED` and `DELETED` events, so the consumer's
/// state stays consistent without a restart.
public struct ListWatch: AsyncSequence, Sendable {
    /// An event.
    public typealias Element = WatchEvent

    let client: KubeClient
    let resource: GroupVersionResource
    let namespace: String?
    let options: ListOptions
    let maxReconnectFailures: Int

    /// Lists and watches.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let source: ListWatch
        var known: [String: KubeObject] = [:]
        var pending: [WatchEvent] = []
        var pendingIndex = 0
        var needsList = true
        var watcher: WatchEvents.AsyncIterator?
        /// The resource version everything delivered so far is consistent with.
        public private(set) var lastResourceVersion = ""
        /// How many times the collection has been listed (1 after the start; more after 410s).
        public private(set) var listCount = 0
        var failures = 0

        /// The next event.
        public mutating func next() async throws -> WatchEvent? {
            while true {
                try Task.checkCancellation()
                if pendingIndex < pending.count {
                    defer { pendingIndex += 1 }
                    return pending[pendingIndex]
                }
                if needsList {
                    try await relist()
                    continue
                }
                if watcher == nil {
                    var options = source.options
                    options.resourceVersion = lastResourceVersion
                    options.resourceVersionMatch = nil
                    options.allowWatchBookmarks = true
                    if options.timeoutSeconds == nil { options.timeoutSeconds = Int.random(in: 300...600) }
                    watcher = source.client.watch(source.resource, namespace: source.namespace, options: options).makeAsyncIterator()
                }
                let event: WatchEvent?
                do {
                    event = try await watcher?.next()
                } catch let error as KubeAPIError where error.isGone {
                    watcher = nil
                    needsList = true
                    continue
                } catch let error as KubeClientError where error.code == .transport {
                    watcher = nil
                    failures += 1
                    guard failures <= source.maxReconnectFailures else { throw error }
                    try await Task.sleep(for: .milliseconds(Swift.min(100 << Swift.min(failures, 6), 5_000)))
                    continue
                }
                guard let event else {
                    // The server closed the stream (timeoutSeconds); resume where it left off.
                    watcher = nil
                    continue
                }
                failures = 0
                switch event.type {
                case .error:
                    watcher = nil
                    if let error = event.error, error.isGone {
                        needsList = true
                        continue
                    }
                    throw event.error ?? KubeAPIError.internalError("watch error")
                case .bookmark:
                    if let version = event.object.resourceVersion { lastResourceVersion = version }
                    return event
                case .added, .modified:
                    known[event.object.qualifiedName] = event.object
                case .deleted:
                    known.removeValue(forKey: event.object.qualifiedName)
                }
                if let version = event.object.resourceVersion { lastResourceVersion = version }
                return event
            }
        }

        private mutating func relist() async throws {
            let list = try await source.client.listAll(source.resource, namespace: source.namespace, options: ListOptions(
                labelSelector: source.options.labelSelector, fieldSelector: source.options.fieldSelector, limit: source.options.limit))
            listCount += 1
            var events: [WatchEvent] = []
            var seen = Set<String>()
            for object in list.items {
                let key = object.qualifiedName
                seen.insert(key)
                if let previous = known[key] {
                    if previous.resourceVersion != object.resourceVersion || previous.uid != object.uid {
                        events.append(WatchEvent(type: previous.uid == object.uid ? .modified : .added, object: object))
                        if previous.uid != object.uid { events.insert(WatchEvent(type: .deleted, object: previous), at: events.count - 1) }
                    }
                } else {
                    events.append(WatchEvent(type: .added, object: object))
                }
                known[key] = object
            }
            for (key, object) in known where !seen.contains(key) {
                events.append(WatchEvent(type: .deleted, object: object))
                known.removeValue(forKey: key)
            }
            pending = events
            pendingIndex = 0
            lastResourceVersion = list.resourceVersion
            needsList = false
        }
    }

    /// Starts with a list.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(source: self)
    }
}

extension KubeClient {
    /// Lists then watches a collection, resuming and re-listing as needed; see `ListWatch`.
    /// Label and field selectors of `options` apply to both; `maxReconnectFailures`
    /// consecutive connection failures end the sequence with the last error.
    public func listWatch(_ resource: GroupVersionResource, namespace: String? = nil, options: ListOptions = ListOptions(), maxReconnectFailures: Int = 10) -> ListWatch {
        ListWatch(client: self, resource: resource, namespace: namespace, options: options, maxReconnectFailures: maxReconnectFailures)
    }
}
