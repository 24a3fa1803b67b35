import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("A destination namespace that already has objects")
struct ExistingDestinationTests {
    @Test("a cutover keeps the destination's own object and warns; the rollback removes only what the cutover created",
          .timeLimit(.minutes(2)))
    func ownObjectsSurviveCutoverAndRollback() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let own = """
                apiVersion: v1
                kind: Namespace
                metadata: {name: kiosk, labels: {team: destination-ops}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: kiosk}
                data: {GREETING: bonjour}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: destination-only, namespace: kiosk}
                data: {OWNER: destination-ops}
                """
            try await world.seed(try Manifests.decode(own, source: "destination's own objects"), on: world.destination)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--wait", "--name", "kiosk-cutover"])
                let cutover = try await world.migration("kiosk-cutover")
                let warning = cutover.status.conditions?.first(type: "ObjectsAlreadyExist")
                #expect(warning?.message?.contains("settings") == true, "the cutover warns that settings already existed: \(cutover.status)")
                let settings = try await world.destination.get(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: namespace)
                #expect(settings["data"]?["GREETING"] == "bonjour", "the destination's own settings were not replaced")
                try await world.waitUntilSettled(namespace, on: world.destination)

                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "kiosk-plan", "--wait"])
            }

            let namespaceObject = try? await world.destination.get(Resources.namespaces, name: namespace)
            #expect(namespaceObject != nil && namespaceObject?[path: "status", "phase"]?.stringValue != "Terminating",
                    "the rollback left the destination's own namespace")
            for name in ["settings", "destination-only"] {
                let configMap = try? await world.destination.get(apiVersion: "v1", kind: "ConfigMap", name: name, namespace: namespace)
                #expect(configMap != nil, "the rollback left the destination's own ConfigMap \(name)")
            }
            let deployments = try await world.destination.listAll(Resources.deployments, namespace: namespace).items.map(\.name)
            #expect(deployments.isEmpty, "the rollback removed the migrated deployments: \(deployments)")
            #expect(try await world.workloadReplicas(namespace, on: world.source) == KioskApplication.originalReplicas, "the source runs again")
        }
    }
}
