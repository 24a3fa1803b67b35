public import KubeClient
import KubeCore
public import Logging
import Metrics
public import ServiceLifecycle

/// Runs controllers: one informer per watched resource, and for each controller a work queue
/// and its workers, until the task is cancelled or a graceful shutdown begins.
public struct ControllerService: Service {
    /// The controllers.
    public let controllers: [Controller]
    /// The informers, for callers that want to read the caches.
    public let informers: InformerSet
    private let logger: Logger

    /// Creates the service; `namespace` limits every watch to one namespace (`nil`: all).
    public init(client: KubeClient, namespace: String?, controllers: [Controller], logger: Logger) {
        self.controllers = controllers
        self.logger = logger
        var resources: [GroupVersionResource] = []
        for resource in controllers.flatMap({ [$0.resource] + $0.triggers.map(\.resource) }) where !resources.contains(resource) {
            resources.append(resource)
        }
        self.informers = InformerSet(resources.map { Informer(client: client, resource: $0, namespace: namespace, logger: logger) })
    }

    /// Runs until a graceful shutdown or cancellation.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runUntilCancelled()
        }
    }

    /// Runs until the task is cancelled.
    public func runUntilCancelled() async {
        let queues = controllers.map { WorkQueue<ObjectKey>(backoff: $0.backoff) }
        await withDiscardingTaskGroup { group in
            for informer in informers.informers.values {
                group.addTask {
                    await informer.run { event in
                        route(event, from: informer.resource, to: queues)
                    }
                }
            }
            for (controller, queue) in zip(controllers, queues) {
                group.addTask { await queue.run() }
                for _ in 0..<Swift.max(controller.workers, 1) {
                    group.addTask { await work(controller, queue: queue) }
                }
            }
        }
    }

    private func route(_ event: InformerEvent, from resource: GroupVersionResource, to queues: [WorkQueue<ObjectKey>]) {
        for (controller, queue) in zip(controllers, queues) {
            if controller.resource == resource { queue.add(event.key) }
            for trigger in controller.triggers where trigger.resource == resource {
                for key in trigger.keys(event, informers) { queue.add(key) }
            }
        }
    }

    private func work(_ controller: Controller, queue: WorkQueue<ObjectKey>) async {
        var logger = logger
        logger[metadataKey: "controller"] = "\(controller.name)"
        let clock = ContinuousClock()
        let duration = Metrics.Timer(label: "ferry_controller_reconcile_duration", dimensions: [("controller", controller.name)])
        while let key = await queue.next() {
            let start = clock.now
            let outcome: String
            do {
                switch try await controller.reconciler.reconcile(key) {
                case .done:
                    outcome = "done"
                    queue.forget(key)
                case .requeue(let delay):
                    outcome = "requeue"
                    queue.forget(key)
                    queue.add(key, after: delay)
                }
            } catch {
                outcome = "error"
                if !Task.isCancelled {
                    let level: Logger.Level = (error as? KubeAPIError)?.isConflict == true ? .debug : .warning
                    logger.log(level: level, "reconcile of \(key) failed; retrying with backoff", metadata: ["error": "\(error)", "failures": "\(queue.failures(of: key) + 1)"])
                    queue.retry(key)
                }
            }
            let elapsed = (clock.now - start).components
            duration.recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
            Counter(label: "ferry_controller_reconciles_total", dimensions: [("controller", controller.name), ("result", outcome)]).increment()
            queue.done(key)
        }
    }
}
