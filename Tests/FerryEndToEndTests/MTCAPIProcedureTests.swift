@testable import ferry
import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Migrating an application with the MTC API, as its documentation does")
struct MTCAPIProcedureTests {
    static let plan = "shop-plan"
    static let migration = "shop-cutover"

    @Test("kubectl-applied MigCluster, MigStorage, MigPlan and MigMigration migrate the shop to the host cluster", .timeLimit(.minutes(2)))
    func documentedProcedure() async throws {
        try await EndToEndWorld.with { world in
            let application = try SampleApplication.objects()
            try await world.seed(application, on: world.source)
            try await world.waitUntilSettled(SampleApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            // OpenShift clusters have it; the documented Secrets live there.
            try await world.succeed(kubectl: "--context", "destination", "create", "namespace", "openshift-config")

            try await ControllerProcess.with(world) { controller in
                for manifest in ["01-source-cluster", "02-host-cluster", "03-storage", "04-plan"] {
                    try await world.apply(manifest)
                }
                let ready = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Ready",
                                                     "migplan/\(Self.plan)", "--timeout=60s"])
                let planYAML = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "get", "migplan", Self.plan, "-o", "yaml"])
                try #require(ready.succeeded, "the documented plan never became Ready:\n\(planYAML.output)\ncontroller log:\n\(controller.logTail())")

                try await world.apply("05-migration")
                let finished = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Succeeded",
                                                        "migmigration/\(Self.migration)", "--timeout=90s"])
                let migrationYAML = try await world.succeed(kubectl: "--context", "destination", "-n", "openshift-migration",
                                                            "get", "migmigration", Self.migration, "-o", "yaml")
                try #require(finished.succeeded, "the migration did not succeed:\n\(migrationYAML)\ncontroller log:\n\(controller.logTail())")

                let migration = try #require(try Manifests.decode(migrationYAML, source: "kubectl get migmigration").first)
                #expect(migration[path: "status", "phase"]?.stringValue == "Completed")
                #expect(migration[path: "status", "itinerary"]?.stringValue == "Final")
                let pipeline = migration[path: "status", "pipeline"]?.arrayValue ?? []
                #expect(!pipeline.isEmpty, "the migration has a pipeline")
                print("MTC API migration pipeline: \(pipeline.compactMap { $0["name"]?.stringValue }.joined(separator: " → "))")
                for step in pipeline {
                    let name = step["name"]?.stringValue ?? "?"
                    #expect(step["started"]?.stringValue?.isEmpty == false, "step \(name) has a start time")
                    #expect(step["completed"]?.stringValue?.isEmpty == false, "step \(name) has a completion time")
                }
            }

            try await Self.expectMigrated(application, world: world)
        }
    }

    /// Every object of `application` is on the destination, labeled by the plan, with the
    /// source's data; the destination runs it and the source is quiesced.
    static func expectMigrated(_ application: [KubeObject], world: EndToEndWorld) async throws {
        let planUID = try await world.destination.get(MigPlan.resourceType.resource, name: Self.plan, namespace: MigrationAPI.defaultNamespace).uid
        for object in application where object.kind != "Namespace" {
            let copy = try? await world.destination.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace)
            #expect(copy != nil, "\(object.kind) \(object.qualifiedName) is on the destination")
            guard let copy, object.namespace != nil else { continue }
            #expect(copy.labels[MigrationAPI.migratedByPlanLabel] == planUID, "\(object.kind) \(object.name) is labeled as migrated by the plan")
            if ["ConfigMap", "Secret", "Shop"].contains(object.kind) {
                let original = try await world.source.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace)
                for field in ["data", "spec"] {
                    #expect(copy[field] == original[field], "\(object.kind) \(object.name) has the source's \(field)")
                }
            }
        }
        _ = try await world.destination.get(Resources.namespaces, name: SampleApplication.namespace)
        try await world.waitUntilSettled(SampleApplication.namespace, on: world.destination)
        let route = try await world.destination.get(apiVersion: "route.openshift.io/v1", kind: "Route", name: "frontend", namespace: SampleApplication.namespace)
        #expect(route[path: "spec", "host"]?.stringValue == "frontend-shop.apps.destination.ferry.local",
                "the source's generated route host was dropped, so the destination generated its own")
        for (workload, replicas) in try await world.workloadReplicas(SampleApplication.namespace, on: world.source) {
            #expect(replicas == 0, "the source's \(workload) is quiesced")
        }
    }

    @Test("every documented manifest in one kubectl apply, the migration before its plan is ready, migrates the shop; a rollback MigMigration undoes it",
          .timeLimit(.minutes(2)))
    func documentedManifestsAppliedAtOnce() async throws {
        try await EndToEndWorld.with { world in
            let application = try SampleApplication.objects()
            try await world.seed(application, on: world.source)
            try await world.waitUntilSettled(SampleApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await world.succeed(kubectl: "--context", "destination", "create", "namespace", "openshift-config")

            try await ControllerProcess.with(world) { controller in
                let all = try ["01-source-cluster", "02-host-cluster", "03-storage", "04-plan", "05-migration"]
                    .map { try world.documentedManifest($0) }.joined(separator: "\n---\n")
                try await world.succeed(kubectl: "--context", "destination", "apply", "-f", try world.write("all.yaml", all))
                let finished = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Succeeded",
                                                        "migmigration/\(Self.migration)", "--timeout=90s"])
                let migration = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "get", "migmigration", Self.migration, "-o", "yaml"])
                try #require(finished.succeeded, "the migration did not succeed:\n\(migration.output)\ncontroller log:\n\(controller.logTail())")
            }
            try await Self.expectMigrated(application, world: world)

            // The documented rollback: a MigMigration with rollback: true.
            let replicasBefore = Dictionary(uniqueKeysWithValues: application.filter { ["Deployment", "StatefulSet"].contains($0.kind) }
                .map { ("\($0.kind)/\($0.name)", $0[path: "spec", "replicas"]?.intValue ?? 1) })
            try await ControllerProcess.with(world) { controller in
                try await world.apply("06-rollback")
                let finished = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Succeeded",
                                                        "migmigration/shop-rollback", "--timeout=90s"])
                let rollback = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "get", "migmigration", "shop-rollback", "-o", "yaml"])
                try #require(finished.succeeded, "the rollback did not succeed:\n\(rollback.output)\ncontroller log:\n\(controller.logTail())")
            }
            #expect(try await world.workloadReplicas(SampleApplication.namespace, on: world.source) == replicasBefore, "the source runs again")
            let left = try await world.destination.listAll(Resources.deployments, namespace: SampleApplication.namespace).items.map(\.name)
            #expect(left.isEmpty, "the rollback removed the destination's deployments: \(left)")
        }
    }
}

extension EndToEndWorld {
    /// The documented manifest `Resources/mtc-api/<name>.yaml` with its placeholders filled
    /// for this world.
    func documentedManifest(_ name: String, overriding overrides: [String: String] = [:]) throws -> String {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/mtc-api")
        var text = try String(contentsOf: resources.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        let base64 = { (text: String) in Data(text.utf8).base64EncodedString() }
        let values = [
            "SOURCE_CLUSTER": "source-cluster", "SOURCE_CLUSTER_SECRET": "source-cluster-secret", "HOST_CLUSTER": "host",
            "SOURCE_URL": sourceCluster.url, "SOURCE_SA_TOKEN_BASE64": base64(sourceCluster.adminToken),
            "SOURCE_CA_BUNDLE_BASE64": base64(sourceCluster.caCertificatePEM),
            "STORAGE": "replication-repository", "STORAGE_SECRET": "replication-repository-credentials", "BUCKET": "ferry-unused-bucket",
            "AWS_ACCESS_KEY_ID_BASE64": base64("AKIAFERRYEXAMPLE"), "AWS_SECRET_ACCESS_KEY_BASE64": base64("not-a-real-secret"),
            "PLAN": MTCAPIProcedureTests.plan, "MIGRATION": MTCAPIProcedureTests.migration, "ROLLBACK": "shop-rollback", "NAMESPACE": SampleApplication.namespace,
        ]
        for (key, value) in values.merging(overrides, uniquingKeysWith: { $1 }) { text = text.replacingOccurrences(of: "${\(key)}", with: value) }
        try #require(!text.contains("${"), "\(name).yaml has a placeholder the test does not fill")
        return text
    }

    /// `kubectl apply -f` of a documented manifest on the host cluster.
    func apply(_ documented: String) async throws {
        let path = try write("\(documented).yaml", try documentedManifest(documented))
        try await succeed(kubectl: "--context", "destination", "apply", "-f", path)
    }
}
