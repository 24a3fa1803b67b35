import FerryAPI
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Testing

@Suite("Console remote clusters and repositories")
struct RemoteClusterTests {
    @Test("a remote cluster's namespaces are listed with its own service-account token and CA; an unreachable one is 424", .timeLimit(.minutes(1)))
    func remoteNamespaces() async throws {
        try await ConsoleWorld.run { world in
            try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "source"), logger: quietLogger) { source in
                let sourceAdmin = try KubeClient(configuration: adminConfiguration(source), logger: quietLogger)
                _ = try await sourceAdmin.create(
                    GroupVersionResource(group: "", version: "v1", resource: "namespaces"), KubeObject(apiVersion: "v1", kind: "Namespace", name: "shop"))
                try await sourceAdmin.shutdown()
                let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
                let form: JSONValue = ["name": "source", "url": .string(source.url), "token": .string(source.adminToken), "caBundle": .string(source.caCertificatePEM)]
                let created = try await world.call(.POST, "/api/clusters", json: form, as: admin)
                #expect(created.status == 201)
                #expect(created.json?["hasCABundle"]?.boolValue == true)
                let namespaces = try await world.call(.GET, "/api/clusters/source/namespaces", as: admin)
                #expect(namespaces.status == 200)
                #expect(namespaces.json?.arrayValue?.compactMap(\.stringValue).contains("shop") == true)
                // The host does not have it: the list came from the source.
                let host = try await world.call(.GET, "/api/namespaces", as: admin)
                #expect(host.json?.arrayValue?.compactMap(\.stringValue).contains("shop") == false)

                let gone: JSONValue = ["name": "gone", "url": "https://127.0.0.1:1", "token": "t", "insecure": true]
                #expect(try await world.call(.POST, "/api/clusters", json: gone, as: admin).status == 201)
                let unreachable = try await world.call(.GET, "/api/clusters/gone/namespaces", as: admin)
                #expect(unreachable.status == 424)
                #expect(unreachable.json?["message"]?.stringValue?.contains("gone") == true)
            }
        }
    }

    @Test("a repository is created with its credentials Secret, updated keeping them, and deleted with them", .timeLimit(.minutes(1)))
    func repositoryLifecycle() async throws {
        try await ConsoleWorld.run { world in
            let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
            let form: JSONValue = [
                "name": "minio", "bucket": "ferry-backups", "endpoint": "https://minio.example.com:9000", "region": "us-east-1",
                "forcePathStyle": true, "accessKeyID": "AKIA", "secretAccessKey": "secret",
            ]
            #expect(try await world.call(.POST, "/api/storages", json: form, as: admin).status == 201)
            let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
            let secret = try await world.admin.get(secrets, name: "minio-credentials", namespace: "openshift-config")
            #expect(secret["data"]?["aws-access-key-id"]?.stringValue == Data("AKIA".utf8).base64EncodedString())

            let update: JSONValue = ["bucket": "ferry-backups-2", "endpoint": "https://minio.example.com:9000"]
            let updated = try await world.call(.PUT, "/api/storages/minio", json: update, as: admin)
            #expect(updated.status == 200)
            #expect(updated.json?["bucket"]?.stringValue == "ferry-backups-2")
            let storage = try MigStorage(object: try await world.admin.get(MigStorage.resourceType.resource, name: "minio", namespace: ConsoleWorld.namespace))
            #expect(storage.spec.backupStorageConfig?.awsS3ForcePathStyle == nil)
            let kept = try await world.admin.get(secrets, name: "minio-credentials", namespace: "openshift-config")
            #expect(kept["data"]?["aws-secret-access-key"]?.stringValue == Data("secret".utf8).base64EncodedString())

            let invalid = try await world.call(.POST, "/api/storages", json: ["name": "x", "bucket": "No"], as: admin)
            #expect(invalid.status == 422)
            #expect(invalid.json?["fields"]?["bucket"] != nil)
            #expect(invalid.json?["fields"]?["accessKeyID"] != nil)

            #expect(try await world.call(.DELETE, "/api/storages/minio", as: admin).status == 204)
            await #expect(throws: KubeAPIError.self) { _ = try await world.admin.get(secrets, name: "minio-credentials", namespace: "openshift-config") }
        }
    }

    @Test("updating a plan sets the volume selections by PV name and keeps what the controller found", .timeLimit(.minutes(1)))
    func planUpdateKeepsDiscoveredVolumes() async throws {
        try await ConsoleWorld.run { world in
            try await MigrationAPITests.makePlan(world)
            var plan = try MigPlan(object: try await world.admin.get(MigPlan.resourceType.resource, name: "shop", namespace: ConsoleWorld.namespace))
            plan.spec.persistentVolumes = [
                MigPlan.PersistentVolume(
                    name: "pv-data", capacity: "1Gi", storageClass: "standard",
                    supported: .init(actions: ["copy", "skip"], copyMethods: ["filesystem"]),
                    selection: .init(action: "copy", storageClass: "standard"), pvc: .init(namespace: "shop", name: "data"))
            ]
            _ = try await world.admin.update(MigPlan.resourceType.resource, plan.encoded(), namespace: ConsoleWorld.namespace)
            let form: JSONValue = [
                "sourceCluster": "host", "destinationCluster": "host", "migrationType": "state", "namespaces": [["source": "shop", "destination": "shop-new"]],
                "persistentVolumes": [["name": "pv-data", "action": "copy", "storageClass": "fast", "accessMode": "ReadWriteOnce", "verify": true, "targetClaimName": "data-new"]],
            ]
            let answer = try await world.call(.PUT, "/api/plans/shop", json: form, as: .bearer(world.cluster.adminToken))
            #expect(answer.status == 200)
            #expect(answer.json?["migrationType"]?.stringValue == "state")
            let stored = try MigPlan(object: try await world.admin.get(MigPlan.resourceType.resource, name: "shop", namespace: ConsoleWorld.namespace))
            let volume = try #require(stored.spec.persistentVolumes?.first)
            #expect(volume.capacity == "1Gi")
            #expect(volume.supported?.actions == ["copy", "skip"])
            #expect(volume.selection == .init(action: "copy", storageClass: "fast", accessMode: "ReadWriteOnce", verify: true))
            #expect(volume.pvc?.name == "data:data-new")
        }
    }
}
