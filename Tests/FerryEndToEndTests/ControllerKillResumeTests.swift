import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("A cutover survives its controller being killed with SIGKILL")
struct ControllerKillResumeTests {
    static let namespace = "kiosk"
    static let originalReplicas = ["Deployment/web": 3, "Deployment/orders": 2, "StatefulSet/ledger": 1]

    /// A small application with every kind the quiesce and restore steps treat specially.
    static let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: kiosk}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: kiosk}
        data: {GREETING: hello}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: credentials, namespace: kiosk}
        stringData: {TOKEN: kiosk-token}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: kiosk, namespace: kiosk}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: kiosk}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx:1.27}]}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: orders, namespace: kiosk}
        spec:
          replicas: 2
          selector: {matchLabels: {app: orders}}
          template:
            metadata: {labels: {app: orders}}
            spec:
              serviceAccountName: kiosk
              containers: [{name: orders, image: registry.example.com/kiosk/orders:2.0, envFrom: [{configMapRef: {name: settings}}]}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: kiosk}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: ledger, namespace: kiosk}
        spec:
          clusterIP: None
          selector: {app: ledger}
          ports: [{port: 5432}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: ledger, namespace: kiosk}
        spec:
          serviceName: ledger
          replicas: 1
          selector: {matchLabels: {app: ledger}}
          template:
            metadata: {labels: {app: ledger}}
            spec:
              containers: [{name: db, image: postgres:16, volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: receipts, namespace: kiosk}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: receipts, image: registry.example.com/kiosk/receipts:1.0}]
        """

    @Test("killed at ten points and restarted each time, the cutover completes with every object once and the source quiesced once",
          .timeLimit(.minutes(2)))
    func killedAndResumed() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(Self.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(Self.namespace, on: world.source)
            #expect(try await world.workloadReplicas(Self.namespace, on: world.source) == Self.originalReplicas)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let kills = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", Self.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--name", "kiosk-cutover"])
                return try await Self.killAtEveryNewPhase(of: "kiosk-cutover", controller: controller, world: world)
            }

            print("controller killed \(kills.count) times, at phases: \(kills.joined(separator: ", "))")
            #expect(kills.count >= 10, "the controller was killed at least ten times: \(kills)")
            #expect(Set(kills).count >= 6, "the kills happened in at least six distinct phases: \(kills)")

            let migration = try await world.migration("kiosk-cutover")
            #expect(migration.status.conditions?.isTrue("Succeeded") == true, "the cutover Succeeded: \(migration.status)")
            #expect(migration.status.phase == "Completed")

            let sourceObjects = try await NamespaceSnapshot.take(Self.namespace, on: world.source)
            let destinationObjects = try await NamespaceSnapshot.take(Self.namespace, on: world.destination)
            let differences = Self.namesByResource(sourceObjects).difference(from: Self.namesByResource(destinationObjects))
            #expect(Self.namesByResource(sourceObjects) == Self.namesByResource(destinationObjects),
                    "the destination has exactly the source's objects; source → destination: \(differences)")
            try await world.waitUntilSettled(Self.namespace, on: world.destination)
            let claims = try await world.destination.listAll(Resources.claims, namespace: Self.namespace).items
            let volumes = try await world.destination.listAll(Resources.volumes).items.filter {
                $0[path: "spec", "claimRef", "namespace"]?.stringValue == Self.namespace
            }
            #expect(volumes.count == claims.count, "one destination volume per claim, none orphaned: \(volumes.map(\.name)) for \(claims.map(\.name))")

            for (workload, original) in Self.originalReplicas {
                let (kind, name) = (String(workload.split(separator: "/")[0]), String(workload.split(separator: "/")[1]))
                let object = try await world.source.get(apiVersion: "apps/v1", kind: kind, name: name, namespace: Self.namespace)
                #expect(object[path: "spec", "replicas"]?.intValue == 0, "the source's \(workload) is quiesced")
                #expect(object.annotations["migration.openshift.io/preQuiesceReplicas"] == String(original),
                        "the source's \(workload) remembers its original \(original) replicas, so it was quiesced once")
            }
            let cronJob = try await world.source.get(apiVersion: "batch/v1", kind: "CronJob", name: "receipts", namespace: Self.namespace)
            #expect(cronJob[path: "spec", "suspend"]?.boolValue == true, "the source's CronJob is suspended")
            #expect(cronJob.annotations["migration.openshift.io/preQuiesceSuspend"] == "false", "the CronJob remembers it was not suspended")
        }
    }

    @Test("a rollback whose controller is killed after every phase change restores the source exactly and empties the destination",
          .timeLimit(.minutes(2)))
    func rollbackKilledAndResumed() async throws {
        try await EndToEndWorld.with { world in
            try await world.seed(try Manifests.decode(Self.manifest, source: "kiosk"), on: world.source)
            try await world.waitUntilSettled(Self.namespace, on: world.source)
            let before = try await NamespaceSnapshot.take(Self.namespace, on: world.source)
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            let kills = try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosk-plan", "--source", "source", "--destination", "destination",
                                                              "-n", Self.namespace, "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosk-plan", "--wait"])
                try await world.succeedOrShowLog(controller, ["migrate", "rollback", "kiosk-plan", "--name", "kiosk-rollback"])
                return try await Self.killAtEveryNewPhase(of: "kiosk-rollback", controller: controller, world: world)
            }

            print("rollback's controller killed \(kills.count) times, at phases: \(kills.joined(separator: ", "))")
            #expect(kills.count >= 6 && Set(kills).count >= 4, "the rollback's controller was killed in several phases: \(kills)")
            let rollback = try await world.migration("kiosk-rollback")
            #expect(rollback.status.conditions?.isTrue("Succeeded") == true, "the rollback Succeeded: \(rollback.status)")
            #expect(rollback.status.itinerary == "Rollback")

            try await world.waitUntilSettled(Self.namespace, on: world.source)
            let after = try await NamespaceSnapshot.take(Self.namespace, on: world.source)
            let differences = before.differences(from: after)
            #expect(differences.isEmpty, "the source after the rollback differs:\n\(differences.joined(separator: "\n"))")
            for resource in [Resources.deployments, Resources.statefulSets, Resources.claims] {
                let left = try await world.destination.listAll(resource, namespace: Self.namespace).items.map(\.name)
                #expect(left.isEmpty, "the rollback removed the migrated \(resource.resource) from the destination: \(left)")
            }
        }
    }

    /// Kills the controller as soon as the migration's phase moves on from where the last
    /// restart found it, restarts it, and returns the phases at which it was killed. A run
    /// that writes the migration's status without a new phase, or shows nothing within a
    /// varying short delay, is killed too (inside a phase's work, or while the controller
    /// starts) — though never twice in a row, so the migration always gets further.
    static func killAtEveryNewPhase(of name: String, controller: ControllerProcess, world: EndToEndWorld) async throws -> [String] {
        let patience: [Duration] = [.milliseconds(80), .milliseconds(200), .milliseconds(350)]
        var kills: [String] = []
        var atRestart = try await world.migration(name)
        var restarted = ContinuousClock.now
        var mayKillWithoutProgress = true
        let deadline = ContinuousClock.now + .seconds(80)
        while ContinuousClock.now < deadline {
            let migration = try await world.migration(name)
            if migration.isFinished { return kills }
            let movedOn = migration.status.phase != atRestart.status.phase
            let wrote = migration.object.resourceVersion != atRestart.object.resourceVersion
            let timedOut = ContinuousClock.now - restarted > patience[kills.count % patience.count]
            if movedOn || (mayKillWithoutProgress && (wrote || timedOut)) {
                try await controller.kill()
                let killed = try await world.migration(name)
                kills.append(killed.status.phase ?? "(none)")
                mayKillWithoutProgress = killed.status.phase != atRestart.status.phase
                atRestart = killed
                try await controller.start()
                restarted = ContinuousClock.now
            }
            try await Task.sleep(for: .milliseconds(1))
        }
        Issue.record("the cutover did not finish; killed at \(kills)\n\(controller.logTail())")
        return kills
    }

    /// Object names per resource.
    static func namesByResource(_ snapshot: NamespaceSnapshot) -> [String: Set<String>] {
        var names: [String: Set<String>] = [:]
        for key in snapshot.objects.keys {
            let parts = key.split(separator: "/", maxSplits: 1)
            names[String(parts[0]), default: []].insert(String(parts[1]))
        }
        return names
    }
}

extension Dictionary where Key == String, Value == Set<String> {
    /// Names present on one side only, per resource.
    func difference(from other: [String: Set<String>]) -> [String: String] {
        var result: [String: String] = [:]
        for key in Set(keys).union(other.keys) {
            let mine = self[key] ?? [], theirs = other[key] ?? []
            if mine != theirs { result[key] = "\(mine.subtracting(theirs).sorted()) → \(theirs.subtracting(mine).sorted())" }
        }
        return result
    }
}
