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
