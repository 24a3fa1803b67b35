import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Plans that cannot run say why")
struct PlanErrorTests {
    @Test("a source MigCluster whose token the source cluster rejects is not Ready, and neither is its plan; both say why",
          .timeLimit(.minutes(2)))
    func rejectedToken() async throws {
        try await EndToEndWorld.with { world in
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await world.succeed(kubectl: "--context", "destination", "create", "namespace", "openshift-config")
            try await ControllerProcess.with(world) { controller in
                let wrongToken = ["SOURCE_SA_TOKEN_BASE64": Data("not-the-source-token".utf8).base64EncodedString()]
                let all = try ["01-source-cluster", "02-host-cluster", "03-storage", "04-plan"]
                    .map { try world.documentedManifest($0, overriding: wrongToken) }.joined(separator: "\n---\n")
                try await world.succeed(kubectl: "--context", "destination", "apply", "-f", try world.write("all.yaml", all))

                let cluster = try await world.criticalCondition(of: MigCluster.resourceType, named: "source-cluster")
                try #require(cluster != nil, "the MigCluster got a critical condition\n\(controller.logTail())")
                let message = cluster?.message ?? ""
                #expect(["401", "unauthorized", "token"].contains { message.lowercased().contains($0) },
                        "the MigCluster's condition says the token was rejected: \(message)")
                let plan = try await world.criticalCondition(of: MigPlan.resourceType, named: MTCAPIProcedureTests.plan)
                #expect(plan != nil, "the plan got a critical condition")
                #expect(plan?.message?.contains("source-cluster") == true, "the plan's condition names the cluster that is not ready: \(plan?.message ?? "-")")
            }
        }
    }

    @Test("a MigMigration of a plan that does not exist is held with an InvalidPlanRef condition naming the plan, and runs once the plan exists",
          .timeLimit(.minutes(2)))
    func migrationBeforeItsPlanExists() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await ControllerProcess.with(world) { controller in
                let migration = """
                    apiVersion: migration.openshift.io/v1alpha1
                    kind: MigMigration
                    metadata: {name: early-cutover, namespace: openshift-migration}
                    spec: {migPlanRef: {name: kiosk-plan, namespace: openshift-migration}, quiescePods: true, stage: false}
                    """
                try await world.succeed(kubectl: "--context", "destination", "apply", "-f", try world.write("early.yaml", migration))
                let held = try await world.criticalCondition(of: MigMigration.resourceType, named: "early-cutover")
                #expect(held?.type == "InvalidPlanRef", "the migration is held for its missing plan: \(String(describing: held))\n\(controller.logTail())")
                #expect(held?.message?.contains("kiosk-plan") == true, "the condition names the plan: \(held?.message ?? "-")")

                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", KioskApplication.namespace])
                let finished = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Succeeded",
                                                        "migmigration/early-cutover", "--timeout=60s"])
                let status = try await world.migration("early-cutover").status
                #expect(finished.succeeded, "the held migration ran once its plan existed: \(status)\n\(controller.logTail())")
            }
        }
    }

    @Test("ferry plan create --wait of a namespace the source does not have exits 1 and names the namespace", .timeLimit(.minutes(2)))
    func missingNamespace() async throws {
        try await EndToEndWorld.with { world in
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await ControllerProcess.with(world) { controller in
                let result = try await world.ferry(["plan", "create", "ghost-plan", "--source", "source", "--destination", "destination",
                                                    "-n", "ghost-town", "--wait", "--timeout", "60"] + CLIMigrationTests.hostFlags)
                #expect(result.exitCode == 1, "\(result)\n\(controller.logTail())")
                #expect(result.errorOutput.contains("ghost-town"), "the error names the missing namespace: \(result.errorOutput)")
            }
        }
    }
}

extension EndToEndWorld {
    /// The first true condition of category Critical of a migration resource, once one appears (within 30 s).
    func criticalCondition(of type: MigrationResourceType, named name: String) async throws -> MigrationCondition? {
        var found: MigrationCondition?
        _ = try await eventually(timeout: .seconds(30)) {
            let object = try? await destination.get(type.resource, name: name, namespace: MigrationAPI.defaultNamespace)
            let conditions = (object?[path: "status", "conditions"]?.arrayValue ?? []).compactMap { condition -> MigrationCondition? in
                try? JSONDecoder().decode(MigrationCondition.self, from: Data(condition.serializedString().utf8))
            }
            found = conditions.first { $0.isTrue && $0.category == MigrationCondition.Category.critical }
            return found != nil
        }
        return found
    }
}
