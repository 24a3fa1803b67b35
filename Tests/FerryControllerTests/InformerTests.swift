import FerryAPI
import FerryController
import KubeClient
import KubeCore
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// Collects informer events.
final class EventLog: Sendable {
    private let events = Mutex<[InformerEvent]>([])

    func append(_ event: InformerEvent) { events.withLock { $0.append(event) } }

    func contains(_ kind: InformerEvent.Kind, named name: String) -> Bool {
        events.withLock { $0.contains { $0.kind == kind && $0.object.name == name } }
    }
}

@Suite("Informer")
struct InformerTests {
    @Test("an informer started before its resource exists keeps retrying and then reports objects, updates and deletions", .timeLimit(.minutes(1)))
    func recoversFromMissingResource() async throws {
        try await withCluster { _, client in
            let informer = Informer(client: client, resource: MigPlan.resourceType.resource, namespace: MigrationAPI.defaultNamespace,
                backoff: Backoff(base: .milliseconds(50), maximum: .milliseconds(200)), logger: quietLogger)
            let log = EventLog()
            let watching = Task { await informer.run { log.append($0) } }
            do {
                try await Task.sleep(for: .milliseconds(200))
                for definition in MigrationCustomResourceDefinitions.all {
                    _ = try await client.create(TestResources.customResourceDefinitions, definition)
                }
                try await createNamespace(MigrationAPI.defaultNamespace, on: client)
                var spec = MigPlan.Spec()
                spec.namespaces = ["shop"]
                _ = try await client.create(MigPlan(name: "plan", spec: spec).encoded())
                #expect(try await eventually { log.contains(.added, named: "plan") })
                #expect(informer.object(ObjectKey(namespace: MigrationAPI.defaultNamespace, name: "plan")) != nil)

                var plan = try MigPlan(object: try await client.get(MigPlan.resourceType.resource, name: "plan", namespace: MigrationAPI.defaultNamespace))
                plan.spec.namespaces = ["shop", "tools"]
                _ = try await client.update(plan.encoded())
                #expect(try await eventually { log.contains(.updated, named: "plan") })
                let cached = informer.object(ObjectKey(namespace: MigrationAPI.defaultNamespace, name: "plan"))
                #expect(cached?[path: "spec", "namespaces"]?.arrayValue?.count == 2)

                _ = try await client.delete(MigPlan.resourceType.resource, name: "plan", namespace: MigrationAPI.defaultNamespace)
                #expect(try await eventually { log.contains(.deleted, named: "plan") })
                #expect(informer.objects().isEmpty)
            } catch {
                watching.cancel()
                await watching.value
                throw error
            }
            watching.cancel()
            await watching.value
        }
    }

    @Test("the controller stops when its service group shuts down gracefully", .timeLimit(.minutes(1)))
    func gracefulShutdown() async throws {
        try await MigrationWorld.with { world in
            let controller = FerryControllerService(configuration: adminConfiguration(world.host), logger: quietLogger)
            let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [controller], logger: quietLogger))
            try await withThrowingTaskGroup { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await eventually { try await world.cluster("source").status.conditions?.isTrue("Ready") == true })
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
