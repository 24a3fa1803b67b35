import FerryController
import KubeClient
import KubeCore
import Synchronization
import Testing

/// Records every key it reconciles; fails the first reconcile of keys named `flaky-*`.
final class RecordingReconciler: Reconciler {
    let seen = Mutex<[ObjectKey: Int]>([:])

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let count = seen.withLock { seen in
            seen[key, default: 0] += 1
            return seen[key, default: 0]
        }
        if key.name.hasPrefix("flaky-"), count == 1 {
            throw KubeAPIError.internalError("first attempt fails")
        }
        if key.name.hasPrefix("poll-"), count < 3 {
            return .requeue(after: .milliseconds(20))
        }
        return .done
    }

    func count(_ key: ObjectKey) -> Int { seen.withLock { $0[key, default: 0] } }
}

@Suite("ControllerService")
struct ControllerServiceTests {
    @Test("objects of the watched resource, changes of triggering resources, failures and requeues all reach the reconciler", .timeLimit(.minutes(1)))
    func reconcilesWatchedObjects() async throws {
        try await withCluster { _, client in
            try await createNamespace("app", on: client)
            let reconciler = RecordingReconciler()
            // A Secret named like a ConfigMap re-queues that ConfigMap.
            let trigger = Controller.Trigger(resource: TestResources.secrets) { event, informers in
                informers.objects(TestResources.configMaps, namespace: event.object.namespace)
                    .filter { $0.name == event.object.name }
                    .map(ObjectKey.init)
            }
            let service = ControllerService(
                client: client, namespace: "app",
                controllers: [Controller(name: "configmaps", resource: TestResources.configMaps, reconciler: reconciler, workers: 2, triggers: [trigger], backoff: Backoff(base: .milliseconds(10)))],
                logger: quietLogger)
            let running = Task { await service.runUntilCancelled() }
            defer { running.cancel() }

            let names: Set = ["plain", "flaky-one", "poll-me", "paired"]
            for name in names {
                var map = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: "app")
                map["data"] = .object(["k": .string("v")])
                _ = try await client.create(TestResources.configMaps, map, namespace: "app")
            }
            let plain = ObjectKey(namespace: "app", name: "plain")
            let flaky = ObjectKey(namespace: "app", name: "flaky-one")
            let poll = ObjectKey(namespace: "app", name: "poll-me")
            let paired = ObjectKey(namespace: "app", name: "paired")
            #expect(try await eventually { reconciler.count(plain) >= 1 })
            #expect(try await eventually { reconciler.count(flaky) >= 2 }, "a failed reconcile is retried")
            #expect(try await eventually { reconciler.count(poll) >= 3 }, "requeue(after:) comes back")
            #expect(try await eventually { service.informers.objects(TestResources.configMaps).filter { names.contains($0.name) }.count == 4 })

            let before = reconciler.count(paired)
            var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "paired", namespace: "app")
            secret["stringData"] = .object(["k": .string("v")])
            _ = try await client.create(TestResources.secrets, secret, namespace: "app")
            #expect(try await eventually { reconciler.count(paired) > before }, "a trigger maps a Secret to its ConfigMap")

            let beforeDelete = reconciler.count(plain)
            _ = try await client.delete(TestResources.configMaps, name: "plain", namespace: "app")
            #expect(try await eventually { reconciler.count(plain) > beforeDelete }, "a deletion is reconciled too")
            #expect(try await eventually { service.informers.objects(TestResources.configMaps).filter { names.contains($0.name) }.count == 3 })
            running.cancel()
            await running.value
        }
    }
}
