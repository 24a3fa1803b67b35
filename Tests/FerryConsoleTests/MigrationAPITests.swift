import AsyncHTTPClient
import FerryAPI
import Foundation
import KubeClient
import KubeCore
import NIOCore
import Testing

@Suite("Console API migrations")
struct MigrationAPITests {
    static func makePlan(_ world: ConsoleWorld, type: String = "full") async throws {
        let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
        _ = try await world.call(.POST, "/api/clusters", json: ["name": "host", "isHostCluster": true], as: admin)
        let plan: JSONValue = ["name": "shop", "sourceCluster": "host", "destinationCluster": "host", "migrationType": .string(type), "namespaces": [["source": "shop", "destination": "shop-new"]]]
        let answer = try await world.call(.POST, "/api/plans", json: plan, as: admin)
        #expect(answer.status == 201)
    }

    @Test("starting a cutover creates the MigMigration with the halt-transactions choice; a second start while it runs is 409", .timeLimit(.minutes(1)))
    func startCutover() async throws {
        try await ConsoleWorld.run { world in
            try await Self.makePlan(world)
            let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
            let started = try await world.call(.POST, "/api/plans/shop/migrations", json: ["type": "cutover", "quiescePods": false], as: admin)
            #expect(started.status == 201)
            let name = try #require(started.json?["name"]?.stringValue)
            let migration = try MigMigration(object: try await world.admin.get(MigMigration.resourceType.resource, name: name, namespace: ConsoleWorld.namespace))
            #expect(migration.spec.stage == false)
            #expect(migration.spec.quiescePods == false)
            #expect(migration.planName == "shop")

            let second = try await world.call(.POST, "/api/plans/shop/migrations", json: ["type": "stage"], as: admin)
            #expect(second.status == 409)
            #expect(second.json?["code"]?.stringValue == "migration-running")

            let bad = try await world.call(.POST, "/api/plans/shop/migrations", json: ["type": "teleport"], as: admin)
            #expect(bad.status == 422)

            let canceled = try await world.call(.POST, "/api/migrations/\(name)", json: ["action": "cancel"], as: admin)
            #expect(canceled.status == 200)
            #expect(canceled.json?["canceled"]?.boolValue == true)
            let detail = try await world.call(.GET, "/api/migrations/\(name)", as: admin)
            #expect(detail.json?["migration"]?["type"]?.stringValue == "cutover")
            #expect(detail.json?["kubectlCommands"]?.arrayValue?.isEmpty == false)

            var volumes = KubeObject(apiVersion: MigrationAPI.apiVersion, kind: "DirectVolumeMigration", name: "\(name)-dvm", namespace: ConsoleWorld.namespace)
            volumes["metadata"]?["ownerReferences"] = [[
                "apiVersion": .string(MigrationAPI.apiVersion), "kind": "MigMigration", "name": .string(name), "uid": .string(migration.uid), "controller": true,
            ]]
            _ = try await world.admin.create(MigrationResourceType.directVolumeMigration.resource, volumes, namespace: ConsoleWorld.namespace)
            let withVolumes = try await world.call(.GET, "/api/migrations/\(name)", as: admin)
            #expect(withVolumes.json?["directVolumeMigrations"]?.arrayValue?.first?["metadata"]?["name"]?.stringValue == "\(name)-dvm")

            let inUse = try await world.call(.DELETE, "/api/clusters/host", as: admin)
            #expect(inUse.status == 409)
            #expect(inUse.json?["message"]?.stringValue?.contains("shop") == true)
            let runningPlan = try await world.call(.DELETE, "/api/plans/shop", as: admin)
            #expect(runningPlan.status == 409)
        }
    }

    @Test("a state plan's migrations are state migrations", .timeLimit(.minutes(1)))
    func statePlanRunsStateMigrations() async throws {
        try await ConsoleWorld.run { world in
            try await Self.makePlan(world, type: "state")
            let started = try await world.call(.POST, "/api/plans/shop/migrations", json: ["type": "stage"], as: .bearer(world.cluster.adminToken))
            #expect(started.status == 201)
            #expect(started.json?["migrateState"]?.boolValue == true)
        }
    }

    @Test("the event stream delivers a change of the migration's status and ends when it finished", .timeLimit(.minutes(1)))
    func eventsFollowStatus() async throws {
        try await ConsoleWorld.run { world in
            try await Self.makePlan(world)
            let started = try await world.call(.POST, "/api/plans/shop/migrations", json: ["type": "stage"], as: .bearer(world.cluster.adminToken))
            let name = try #require(started.json?["name"]?.stringValue)

            var request = HTTPClientRequest(url: world.baseURL + "/api/migrations/\(name)/events")
            request.headers.add(name: "Authorization", value: "Bearer \(world.cluster.adminToken)")
            let response = try await world.http.execute(request, timeout: .seconds(50))
            #expect(response.status.code == 200)
            #expect(response.headers["Content-Type"].first?.hasPrefix("text/event-stream") == true)
            var reader = EventReader(body: response.body.makeAsyncIterator())

            let first = try #require(try await reader.next())
            #expect(first.name == "migration")
            #expect(first.data["state"]?.stringValue == "Pending")

            try await setStatus(world, name) { status in
                status.phase = "CreateDirectVolumeMigrationStage"
                status.itinerary = "Stage"
                status.conditions = [MigrationCondition(type: "Running", reason: "Stage", message: "copying volumes")]
            }
            let running = try #require(try await reader.next())
            #expect(running.data["phase"]?.stringValue == "CreateDirectVolumeMigrationStage")
            #expect(running.data["state"]?.stringValue == "Running")

            try await setStatus(world, name) { status in
                status.phase = "Completed"
                status.conditions = [MigrationCondition(type: "Succeeded", reason: "Completed", message: "done")]
            }
            let done = try #require(try await reader.next())
            #expect(done.data["state"]?.stringValue == "Succeeded")
            let end = try await reader.next()
            #expect(end?.name == "end")
        }
    }

    func setStatus(_ world: ConsoleWorld, _ name: String, _ change: (inout MigMigration.Status) -> Void) async throws {
        var migration = try MigMigration(object: try await world.admin.get(MigMigration.resourceType.resource, name: name, namespace: ConsoleWorld.namespace))
        change(&migration.status)
        _ = try await world.admin.updateStatus(MigMigration.resourceType.resource, migration.encoded(), namespace: ConsoleWorld.namespace)
    }
}

/// Reads server-sent events from a response body.
struct EventReader {
    var body: HTTPClientResponse.Body.AsyncIterator
    var buffer = ""

    struct Event {
        var name: String
        var data: JSONValue
    }

    mutating func next() async throws -> Event? {
        while true {
            if let range = buffer.range(of: "\n\n") {
                let block = String(buffer[..<range.lowerBound])
                buffer = String(buffer[range.upperBound...])
                var name = "message", data = ""
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data += String(line.dropFirst(6)) }
                }
                return Event(name: name, data: (try? JSONValue(parsing: Array(data.utf8))) ?? .null)
            }
            guard let chunk = try await body.next() else { return nil }
            buffer += String(buffer: chunk)
        }
    }
}
