public import KubeClient
public import KubeCore
public import Logging
import Synchronization

/// Keeps an in-memory copy of one resource's objects, fed by a list+watch, and reports every
/// change to a handler.
///
/// The watch resumes and re-lists on its own (`KubeClient.listWatch`); when it fails for good
/// (the API server is down, the resource is not installed yet), the informer starts over after
/// a backoff and reports the objects that disappeared in between as deleted.
public final class Informer: Sendable {
    /// The watched resource.
    public let resource: GroupVersionResource
    /// The watched namespace, or `nil` for all namespaces.
    public let namespace: String?
    private let client: KubeClient
    private let logger: Logger
    private let backoff: Backoff
    private let cache = Mutex<[ObjectKey: KubeObject]>([:])

    /// Creates an informer; `run(_:)` starts it.
    public init(client: KubeClient, resource: GroupVersionResource, namespace: String? = nil, backoff: Backoff = Backoff(base: .milliseconds(200), maximum: .seconds(30)), logger: Logger) {
        self.client = client
        self.resource = resource
        self.namespace = namespace
        self.backoff = backoff
        self.logger = logger
    }

    /// The cached object with this key.
    public func object(_ key: ObjectKey) -> KubeObject? {
        cache.withLock { $0[key] }
    }

    /// The cached objects, of one namespace or all.
    public func objects(namespace: String? = nil) -> [KubeObject] {
        cache.withLock { cache in
            cache.values.filter { namespace == nil || $0.namespace == namespace }
        }
    }

    /// Watches until the task is cancelled, calling `handler` for each change after the cache
    /// reflects it.
    public func run(_ handler: @Sendable (InformerEvent) async -> Void) async {
        var failures = 0
        var restarting = false
        while !Task.isCancelled {
            do {
                if restarting { try await forgetVanishedObjects(handler) }
                for try await event in client.listWatch(resource, namespace: namespace) {
                    failures = 0
                    if let change = apply(event) { await handler(change) }
                }
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                failures += 1
                logger.warning("watch of \(resource) failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
            }
            restarting = true
            do {
                try await Task.sleep(for: backoff.delay(afterFailures: Swift.max(failures, 1)))
            } catch {
                return
            }
        }
    }

    private func apply(_ event: WatchEvent) -> InformerEvent? {
        let key = ObjectKey(event.object)
        return cache.withLock { cache in
            switch event.type {
            case .added, .modified:
                let previous = cache.updateValue(event.object, forKey: key)
                if let previous, previous.resourceVersion == event.object.resourceVersion, previous.uid == event.object.uid {
                    return nil
                }
                return InformerEvent(kind: previous == nil ? .added : .updated, object: event.object, previous: previous)
            case .deleted:
                let previous = cache.removeValue(forKey: key)
                return InformerEvent(kind: .deleted, object: previous ?? event.object)
            case .bookmark, .error:
                return nil
            }
        }
    }

    /// After a failed watch, objects deleted while nobody watched would stay cached forever:
    /// list once and drop (and report) what is gone.
    private func forgetVanishedObjects(_ handler: @Sendable (InformerEvent) async -> Void) async throws {
        let present = Set(try await client.listAll(resource, namespace: namespace).items.map(ObjectKey.init))
        let vanished = cache.withLock { cache in
            let gone = cache.filter { !present.contains($0.key) }
            for key in gone.keys { cache.removeValue(forKey: key) }
            return Array(gone.values)
        }
        for object in vanished { await handler(InformerEvent(kind: .deleted, object: object)) }
    }
}
