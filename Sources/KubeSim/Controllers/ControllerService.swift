import KubeCore
import KubeSimStorage
import Logging
public import ServiceLifecycle

/// Runs one controller: watches its resources, keeps its cache, and reconciles every key an
/// event makes stale, plus every primary object at each resync.
public struct ControllerService: Service {
    private let reconciler: any Reconciler
    private let context: ControllerContext
    private let resyncInterval: Duration

    init(_ reconciler: any Reconciler, context: ControllerContext, resyncInterval: Duration) {
        self.reconciler = reconciler
        self.context = context
        self.resyncInterval = resyncInterval
    }

    /// The controller's name.
    public var name: String { reconciler.name }

    /// Runs until cancelled or until graceful shutdown.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runLoops()
        }
    }

    private func runLoops() async {
        let cache = ObjectCache()
        let queue = WorkQueue()
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(reconciler.name)"
        let log = logger
        await withTaskGroup(of: Void.self) { group in
            let definitions: [ResourceDefinition?] =
                reconciler.watchedResources.map { $0.map { context.store.registry.definition(for: $0) } } ?? [nil]
            for definition in definitions {
                if let resources = reconciler.watchedResources, definition == nil {
                    log.debug("resource not served; not watching", metadata: ["resources": "\(resources)"])
                    continue
                }
                group.addTask { await self.follow(definition, cache: cache, queue: queue, logger: log) }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: resyncInterval) } catch { break }
                    queue.add(contentsOf: cache.keys(reconciler.primaryResource))
                }
            }
            group.addTask {
                await withTaskCancellationHandler {
                    await self.consume(queue: queue, cache: cache, logger: log)
                } onCancel: {
                    queue.finish()
                }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// Feeds the cache and the queue from one watch. When the stream ends it watches again
    /// from the last version seen, or from scratch when that version has expired.
    private func follow(_ definition: ResourceDefinition?, cache: ObjectCache, queue: WorkQueue, logger: Logger) async {
        var lastVersion: String?
        while !Task.isCancelled {
            do {
                let events: AsyncStream<WatchEvent>
                do {
                    events = try context.store.watch(definition, namespace: nil, options: ListOptions(resourceVersion: lastVersion))
                } catch where error.isGone {
                    lastVersion = nil
                    events = try context.store.watch(definition, namespace: nil)
                }
                for await event in events {
                    if let version = event.object.resourceVersion { lastVersion = version }
                    cache.apply(event)
                    queue.add(contentsOf: reconciler.keys(for: event, cache: cache))
                }
            } catch {
                logger.warning("watch failed", metadata: ["error": "\(error)"])
            }
            do { try await Task.sleep(for: .milliseconds(500)) } catch { return }
        }
    }

    private func consume(queue: WorkQueue, cache: ObjectCache, logger: Logger) async {
        await withDiscardingTaskGroup { retries in
            for await _ in queue.signals {
                // A moment's pause lets a burst of events collapse into one reconcile per key.
                do { try await Task.sleep(for: .milliseconds(5)) } catch { break }
                for key in queue.drain() {
                    var delay: Duration?
                    do {
                        delay = try reconciler.reconcile(key, cache: cache)
                    } catch let error as KubeAPIError where error.isConflict || error.isAlreadyExists {
                        logger.debug("reconcile raced; retrying", metadata: ["key": "\(key)", "error": "\(error)"])
                        delay = .milliseconds(100)
                    } catch let error as KubeAPIError where error.isNotFound {
                        // Something it needs is gone; the event that brings it back requeues the key.
                        logger.debug("reconcile found something missing", metadata: ["key": "\(key)", "error": "\(error)"])
                    } catch {
                        logger.warning("reconcile failed", metadata: ["key": "\(key)", "error": "\(error)"])
                        delay = .seconds(1)
                    }
                    if let delay {
                        retries.addTask {
                            do { try await Task.sleep(for: delay) } catch { return }
                            queue.add(key)
                        }
                    }
                }
            }
            retries.cancelAll()
        }
    }
}
