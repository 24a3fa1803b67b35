import KubeClient
import KubeCore
import Testing

/// A small application with every kind the quiesce and restore steps treat specially, and
/// the checks that it was cut over exactly once.
enum KioskApplication {
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

    /// The destination has exactly the source's objects (no more, none twice), with one
    /// volume per claim, and the source was quiesced once: its annotations remember the
    /// original replicas, not the 0 a second quiesce would record.
    static func expectCutOverOnce(world: EndToEndWorld) async throws {
        let sourceObjects = try await NamespaceSnapshot.take(namespace, on: world.source)
        let destinationObjects = try await NamespaceSnapshot.take(namespace, on: world.destination)
        let differences = namesByResource(sourceObjects).difference(from: namesByResource(destinationObjects))
        #expect(namesByResource(sourceObjects) == namesByResource(destinationObjects),
                "the destination has exactly the source's objects; source → destination: \(differences)")
        try await world.waitUntilSettled(namespace, on: world.destination)
        let claims = try await world.destination.listAll(Resources.claims, namespace: namespace).items
        let volumes = try await world.destination.listAll(Resources.volumes).items.filter {
            $0[path: "spec", "claimRef", "namespace"]?.stringValue == namespace
        }
        #expect(volumes.count == claims.count, "one destination volume per claim, none orphaned: \(volumes.map(\.name)) for \(claims.map(\.name))")

        for (workload, original) in originalReplicas {
            let (kind, name) = (String(workload.split(separator: "/")[0]), String(workload.split(separator: "/")[1]))
            let object = try await world.source.get(apiVersion: "apps/v1", kind: kind, name: name, namespace: namespace)
            #expect(object[path: "spec", "replicas"]?.intValue == 0, "the source's \(workload) is quiesced")
            #expect(object.annotations["migration.openshift.io/preQuiesceReplicas"] == String(original),
                    "the source's \(workload) remembers its original \(original) replicas, so it was quiesced once")
        }
        let cronJob = try await world.source.get(apiVersion: "batch/v1", kind: "CronJob", name: "receipts", namespace: namespace)
        #expect(cronJob[path: "spec", "suspend"]?.boolValue == true, "the source's CronJob is suspended")
        #expect(cronJob.annotations["migration.openshift.io/preQuiesceSuspend"] == "false", "the CronJob remembers it was not suspended")
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

extension EndToEndWorld {
    /// Deploys the kiosk application to the source and waits until it has settled; returns
    /// its namespace.
    func deployKiosk() async throws -> String {
        try await seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: source)
        try await waitUntilSettled(KioskApplication.namespace, on: source)
        return KioskApplication.namespace
    }
}
