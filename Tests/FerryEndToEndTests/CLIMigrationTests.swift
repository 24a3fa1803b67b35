@testable import ferry
import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Migrating with the ferry CLI and a ferry controller process")
struct CLIMigrationTests {
    static let hostFlags = ["--context", "destination"]

    @Test("stage and cutover into a renamed namespace succeed, and a rollback restores the source exactly", .timeLimit(.minutes(2)))
    func stageCutoverRollbackWithNamespaceMapping() async throws {
        try await EndToEndWorld.with { world in
            let application = try SampleApplication.objects()
            try await world.seed(application, on: world.source)
            try await world.waitUntilSettled("shop", on: world.source)
            let before = try await NamespaceSnapshot.take("shop", on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "shop-plan", "--source", "source", "--destination", "destination",
                                                              "-n", "shop:shop-new", "--wait", "--timeout", "60"])
                let analysis = try await world.succeedOrShowLog(controller, ["plan", "analyze", "shop-plan", "--timeout", "60"])
                #expect(analysis.contains("miganalytic/shop-plan created") && analysis.contains("State:        Measured"), "\(analysis)")
                #expect(analysis.contains("Deployment") && analysis.contains("shop/"), "namespaces by kind and the claims: \(analysis)")
                let refreshed = try await world.succeedOrShowLog(controller, ["plan", "analyze", "shop-plan", "--timeout", "60"])
                #expect(refreshed.contains("asked to measure again") && refreshed.contains("State:        Measured"), "\(refreshed)")
                let described = try await world.succeedOrShowLog(controller, ["plan", "describe", "shop-plan"])
                #expect(described.contains("Analytics:    Measured: "), "\(described)")
                let replicas = try await world.workloadReplicas("shop", on: world.source)
                try await world.succeedOrShowLog(controller, ["migrate", "stage", "shop-plan", "--wait"])
                #expect(try await world.workloadReplicas("shop", on: world.source) == replicas, "a stage leaves the source running")
                #expect(try await world.destination.listAll(Resources.deployments, namespace: "shop-new").items.isEmpty,
                        "a stage moves no workloads")
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "shop-plan", "--wait"])

                let status = try await world.succeedOrShowLog(controller, ["status", "shop-plan", "-o", "json"])
                let latest = try JSONValue(parsing: Array(status.utf8))
                let conditions = latest[path: ["status", "conditions"]]?.arrayValue ?? []
                #expect(conditions.contains { $0["type"]?.stringValue == "Succeeded" && $0["status"]?.stringValue == "True" },
                        "ferry status -o json says the cutover Succeeded: \(status)")
                #expect(latest[path: ["spec", "stage"]]?.boolValue == false, "the latest migration is the cutover")

                for object in application where object.kind != "Namespace" && object.namespace != nil {
                    let copy = try? await world.destination.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: "shop-new")
                    #expect(copy != nil, "\(object.kind) \(object.name) is in shop-new on the destination")
                }
                #expect((try? await world.destination.get(Resources.namespaces, name: "shop")) == nil, "nothing went to an unmapped shop namespace")
                try await world.waitUntilSettled("shop-new", on: world.destination)
                let route = try await world.destination.get(apiVersion: "route.openshift.io/v1", kind: "Route", name: "frontend", namespace: "shop-new")
                #expect(route[path: "spec", "host"]?.stringValue == "frontend-shop-new.apps.destination.ferry.local",
                        "the source's generated route host was dropped, so the destination generated its own")

                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "shop-plan", "--wait"])
            }
            let unmeasured = try await world.ferry(["plan", "analyze", "shop-plan", "--timeout", "1"] + Self.hostFlags)
            #expect(!unmeasured.succeeded && unmeasured.errorOutput.contains("was not measured within 1 s") && unmeasured.errorOutput.contains("ferry controller"),
                    "without a controller the wait ends naming what to check: \(unmeasured)")

            let deploymentsLeft = try await world.destination.listAll(Resources.deployments, namespace: "shop-new").items
            #expect(deploymentsLeft.isEmpty, "the rollback removed the migrated deployments: \(deploymentsLeft.map(\.name))")
            try await world.waitUntilSettled("shop", on: world.source)
            let after = try await NamespaceSnapshot.take("shop", on: world.source)
            let differences = before.differences(from: after)
            #expect(differences.isEmpty, "the source after the rollback differs:\n\(differences.joined(separator: "\n"))")
            let compared = Set(before.objects.keys.map { String($0.split(separator: "/")[0]) })
            for resource in ["deployments.apps", "statefulsets.apps", "cronjobs.batch", "persistentvolumeclaims", "shops.demo.ferry.dev",
                             "horizontalpodautoscalers.autoscaling", "routes.route.openshift.io", "secrets", "rolebindings.rbac.authorization.k8s.io"] {
                #expect(compared.contains(resource), "the comparison covers \(resource)")
            }
        }
    }

    @Test("a rollback after only a stage removes the staged claims from the destination and leaves the source exactly as it was",
          .timeLimit(.minutes(2)))
    func rollbackAfterStage() async throws {
        try await EndToEndWorld.with { world in
            let namespace = try await world.deployKiosk()
            let before = try await NamespaceSnapshot.take(namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "stage", "kiosk-plan", "--wait"])
                let staged = try await world.destination.listAll(Resources.claims, namespace: namespace).items.map(\.name)
                #expect(staged == ["data-ledger-0"], "the stage created the destination's claim: \(staged)")
                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "kiosk-plan", "--wait"])
            }
            let left = try await world.destination.listAll(Resources.claims, namespace: namespace).items.map(\.name)
            #expect(left.isEmpty, "the rollback removed the staged claims: \(left)")
            let differences = before.differences(from: try await NamespaceSnapshot.take(namespace, on: world.source))
            #expect(differences.isEmpty, "the source after the rollback differs:\n\(differences.joined(separator: "\n"))")
        }
    }

    @Test("ferry status --watch follows a cutover started without --wait to its end, one line per change", .timeLimit(.minutes(2)))
    func statusWatchFollowsToTheEnd() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(KioskApplication.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")
            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", KioskApplication.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan"])
                let watched = try await world.ferry(["status", "kiosk-plan", "--watch"] + Self.hostFlags, timeoutSeconds: 60)
                #expect(watched.succeeded, "\(watched)")
                #expect(watched.output.contains("Completed") || watched.output.contains("Succeeded"), "the watch shows the end: \(watched.output)")
                #expect(try await world.migration(try await world.latestMigrationName(of: "kiosk-plan")).isFinished, "the watch ended with the migration")
            }
        }
    }

    @Test("a cutover waiting in its PreRestore hook is canceled by ferry migrate cancel, and the source runs again", .timeLimit(.minutes(2)))
    func cancelDuringHook() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try SampleApplication.objects(), on: world.source)
            try await world.waitUntilSettled("shop", on: world.source)
            let replicas = try await world.workloadReplicas("shop", on: world.source)
            let before = try await NamespaceSnapshot.take("shop", on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "shop-plan", "--source", "source", "--destination", "destination",
                                                              "-n", "shop", "--wait", "--timeout", "60"])
                try await world.addPreRestoreHook(to: "shop-plan")
                // With every destination node cordoned the hook's pod cannot be scheduled, so the
                // cutover stays in PreRestoreHooks until it is canceled.
                let nodes = try await world.succeed(kubectl: "--context", "destination", "get", "nodes", "-o", "name")
                for node in nodes.split(separator: "\n") {
                    try await world.succeed(kubectl: "--context", "destination", "cordon", String(node))
                }
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "shop-plan", "--name", "shop-cutover"])
                let waiting = try await eventually(timeout: .seconds(60)) {
                    try await world.migration("shop-cutover").status.phase == "PreRestoreHooks"
                }
                let reached = try await world.migration("shop-cutover").status
                try #require(waiting, "the cutover never reached PreRestoreHooks: \(reached)\n\(controller.logTail())")
                #expect(try await world.workloadReplicas("shop", on: world.source).values.allSatisfy { $0 == 0 }, "the source was quiesced")

                let cancel = try await world.ferry(["migrate", "cancel", "shop-plan", "--wait"] + Self.hostFlags)
                #expect(cancel.exitCode == 2, "a canceled migration exits 2: \(cancel)")
                let migration = try await world.migration("shop-cutover")
                #expect(migration.status.conditions?.isTrue("Canceled") == true, "the migration is Canceled: \(migration.status)")
                #expect(migration.status.itinerary == "Cancel")
            }
            #expect(try await world.workloadReplicas("shop", on: world.source) == replicas, "the source workloads have their replicas back")
            try await world.waitUntilSettled("shop", on: world.source)
            let differences = before.differences(from: try await NamespaceSnapshot.take("shop", on: world.source))
            #expect(differences.isEmpty, "the source after the cancel differs:\n\(differences.joined(separator: "\n"))")
            let hookJobs = try await world.destination.listAll(Resources.jobs, namespace: MigrationAPI.defaultNamespace).items.map(\.name)
            #expect(hookJobs.isEmpty, "the cancel deleted the hook's Job: \(hookJobs)")
        }
    }
}

extension EndToEndWorld {
    /// Runs `ferry arguments` against the host context, requiring exit 0; a failure shows the controller's log.
    @discardableResult
    func succeedOrShowLog(_ controller: ControllerProcess, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await ferry(arguments + CLIMigrationTests.hostFlags)
        try #require(result.succeeded, "\(result)\ncontroller log:\n\(controller.logTail())", sourceLocation: sourceLocation)
        return result.output
    }

    /// The name of the plan's latest migration, as `ferry status -o json` reports it.
    func latestMigrationName(of plan: String) async throws -> String {
        let output = try await succeedOnHost(["status", plan, "-o", "json"])
        return try #require(try JSONValue(parsing: Array(output.utf8))[path: ["metadata", "name"]]?.stringValue)
    }

    /// The MigMigration `name` on the host, as it is now.
    func migration(_ name: String) async throws -> MigMigration {
        try MigMigration(object: try await destination.get(MigMigration.resourceType.resource, name: name, namespace: MigrationAPI.defaultNamespace))
    }

    /// `spec.replicas` of every Deployment and StatefulSet in `namespace`, by kind and name.
    func workloadReplicas(_ namespace: String, on client: KubeClient) async throws -> [String: Int] {
        var replicas: [String: Int] = [:]
        for (kind, resource) in [("Deployment", Resources.deployments), ("StatefulSet", Resources.statefulSets)] {
            for workload in try await client.listAll(resource, namespace: namespace).items {
                replicas["\(kind)/\(workload.name)"] = workload[path: "spec", "replicas"]?.intValue ?? 1
            }
        }
        return replicas
    }

    /// A custom-image MigHook on the destination, run by `plan` before the restore; waits until
    /// the controller has validated the changed plan.
    func addPreRestoreHook(to plan: String, executionNamespace: String = "openshift-migration") async throws {
        let hook = """
            apiVersion: migration.openshift.io/v1alpha1
            kind: MigHook
            metadata: {name: warm-caches, namespace: openshift-migration}
            spec: {custom: true, image: "registry.example.com/shop/warm-caches:1.0", targetCluster: destination, activeDeadlineSeconds: 600}
            """
        try await succeed(kubectl: "--context", "destination", "apply", "-f", try write("hook.yaml", hook))
        let patch = #"{"spec":{"hooks":[{"name":"warm-caches","phase":"PreRestore","executionNamespace":""#
            + executionNamespace
            + #"","serviceAccount":"migration-controller","reference":{"name":"warm-caches","namespace":"openshift-migration"}}]}}"#
        try await succeed(kubectl: "--context", "destination", "-n", "openshift-migration", "patch", "migplan", plan, "--type", "merge", "-p", patch)
        let validated = try await eventually(timeout: .seconds(30)) {
            let current = try MigPlan(object: try await self.destination.get(MigPlan.resourceType.resource, name: plan, namespace: MigrationAPI.defaultNamespace))
            return current.status.conditions?.isTrue("Ready") == true
        }
        try #require(validated, "plan \(plan) was not Ready again after its hook was added")
    }
}
