import KubeCore

extension StoreCore {
    /// Registers a watcher and sends it what it missed: the current objects as ADDED for a
    /// watch from "now", or the retained history after the requested version.
    func startWatch(
        _ definition: ResourceDefinition?, namespace: String?, options: ListOptions, continuation: AsyncStream<WatchEvent>.Continuation
    ) throws(KubeAPIError) -> StoreWatcher {
        let labelSelector = try LabelSelector(parsing: options.labelSelector ?? "")
        let fieldSelector = try FieldSelector(parsing: options.fieldSelector ?? "")
        let scope = definition?.namespaced == false ? nil : namespace.flatMap { $0.isEmpty ? nil : $0 }
        nextWatcherID += 1
        let watcher = StoreWatcher(
            id: nextWatcherID, resource: definition?.groupResource, namespace: scope, labelSelector: labelSelector,
            fieldSelector: fieldSelector, continuation: continuation, allowsBookmarks: options.allowWatchBookmarks)
        let requested = options.resourceVersion ?? ""
        if requested.isEmpty || requested == "0" || options.sendInitialEvents {
            let resources = definition.map { [$0.groupResource] } ?? Array(tables.keys)
            for resource in resources {
                for object in objects(resource, in: scope) where watcher.selects(object) {
                    continuation.yield(WatchEvent(type: .added, object: object, resource: resource))
                }
            }
            if options.sendInitialEvents, options.allowWatchBookmarks {
                continuation.yield(bookmark(for: definition, initialEventsEnd: true))
            }
        } else {
            guard let version = UInt64(requested) else {
                throw KubeAPIError.badRequest("resourceVersion: Invalid value: \"\(requested)\": must be a non-negative integer")
            }
            if version < historyFloor {
                throw KubeAPIError.expired("too old resource version: \(version) (\(historyFloor))")
            }
            // History is ordered by version: skip what the client has already seen.
            var index = history.count
            while index > 0, history[index - 1].resourceVersion > version { index -= 1 }
            for change in history[index...] { watcher.deliver(change) }
        }
        watchers[watcher.id] = watcher
        return watcher
    }

    func bookmark(for definition: ResourceDefinition?, initialEventsEnd: Bool = false) -> WatchEvent {
        var object = KubeObject()
        if let definition {
            object.apiVersion = definition.apiVersion(definition.preferredVersion)
            object.kind = definition.kind
        }
        object.resourceVersion = String(resourceVersion)
        if initialEventsEnd { object.annotations = ["k8s.io/initial-events-end": "true"] }
        let resource = definition?.groupResource ?? GroupResource(group: "", resource: "")
        return WatchEvent(type: .bookmark, object: object, resource: resource)
    }

    /// Sends a bookmark to one watcher; false when it is gone.
    func sendBookmark(to id: Int, definition: ResourceDefinition?) -> Bool {
        guard let watcher = watchers[id], !watcher.isTerminated else { return false }
        watcher.continuation.yield(bookmark(for: definition))
        return true
    }
}
