import FerryAPI
import FerryController
import Foundation
import KubeClient
import KubeCore
import KubeSim

/// Two simulated clusters: `host` (holds the CRs; also the destination) and `source`, with
/// Ferry's CRDs installed on the host and a MigCluster for each.
struct MigrationWorld {
    let host: KubeSimCluster
    let source: KubeSimCluster
    let hostClient: KubeClient
    let sourceClient: KubeClient
    static let namespace = MigrationAPI.defaultNamespace

    /// Runs `body` in a fresh world; clients are shut down on every path.
    static func with(_ body: (MigrationWorld) async throws -> Void) async throws {
        try await withCluster("host") { host, hostClient in
            try await withCluster("source") { source, sourceClient in
                let world = MigrationWorld(host: host, source: source, hostClient: hostClient, sourceClient: sourceClient)
                try await world.install()
                try await body(world)
            }
        }
    }

    private func install() async throws {
        for definition in MigrationCustomResourceDefinitions.all {
            _ = try await hostClient.create(TestResources.customResourceDefinitions, definition)
        }
        _ = try await hostClient.resourceMapper(refresh: true)
        try await createNamespace(Self.namespace, on: hostClient)
        try await createSecret("source-token", data: ["saToken": source.adminToken])
        try await createCluster(MigCluster.Spec.host(), name: "host")
        try await createCluster(sourceClusterSpec(), name: "source")
    }

    /// A remote MigCluster spec reaching the source cluster with the admin token.
    func sourceClusterSpec(secret: String = "source-token", caPEM: String? = nil) -> MigCluster.Spec {
        var spec = MigCluster.Spec()
        spec.url = source.url
        spec.serviceAccountSecretRef = MigrationObjectReference(name: secret, namespace: Self.namespace)
        spec.caBundle = Data((caPEM ?? source.caCertificatePEM).utf8).base64EncodedString()
        return spec
    }

    func createSecret(_ name: String, data: [String: String]) async throws {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: name, namespace: Self.namespace)
        secret["data"] = .object(data.mapValues { .string(Data($0.utf8).base64EncodedString()) })
        _ = try await hostClient.create(TestResources.secrets, secret, namespace: Self.namespace)
    }

    @discardableResult
    func createCluster(_ spec: MigCluster.Spec, name: String) async throws -> MigCluster {
        try MigCluster(object: try await hostClient.create(MigCluster(name: name, spec: spec).encoded()))
    }

    @discardableResult
    func createPlan(_ name: String, namespaces: [String], source: String = "source", destination: String = "host") async throws -> MigPlan {
        var spec = MigPlan.Spec()
        spec.srcMigClusterRef = MigrationObjectReference(name: source, namespace: Self.namespace)
        spec.destMigClusterRef = MigrationObjectReference(name: destination, namespace: Self.namespace)
        spec.namespaces = namespaces
        return try MigPlan(object: try await hostClient.create(MigPlan(name: name, spec: spec).encoded()))
    }

    func cluster(_ name: String) async throws -> MigCluster {
        try MigCluster(object: try await hostClient.get(MigCluster.resourceType.resource, name: name, namespace: Self.namespace))
    }

    func plan(_ name: String) async throws -> MigPlan {
        try MigPlan(object: try await hostClient.get(MigPlan.resourceType.resource, name: name, namespace: Self.namespace))
    }

    func migration(_ name: String) async throws -> MigMigration {
        try MigMigration(object: try await hostClient.get(MigMigration.resourceType.resource, name: name, namespace: Self.namespace))
    }

    /// A namespace on the source with a bound claim mounted by a pod, and an unmounted one.
    func createApplication(_ namespace: String) async throws {
        try await createNamespace(namespace, on: sourceClient)
        for claimName in ["data", "cache"] {
            // Volumes exist up front: the simulator provisions only with a state directory.
            var volume = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: "pv-\(namespace)-\(claimName)")
            volume["spec"] = .object([
                "capacity": .object(["storage": .string("1Gi")]), "accessModes": .array([.string("ReadWriteOnce")]),
                "hostPath": .object(["path": .string("/tmp/ferry-controller-tests/\(namespace)-\(claimName)")]),
                "storageClassName": .string("standard"), "persistentVolumeReclaimPolicy": .string("Retain"),
                "claimRef": .object(["namespace": .string(namespace), "name": .string(claimName)]),
            ])
            _ = try await sourceClient.create(TestResources.persistentVolumes, volume)
            var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: claimName, namespace: namespace)
            claim["spec"] = .object([
                "accessModes": .array([.string("ReadWriteOnce")]), "storageClassName": .string("standard"),
                "resources": .object(["requests": .object(["storage": .string("1Gi")])]),
            ])
            _ = try await sourceClient.create(TestResources.persistentVolumeClaims, claim, namespace: namespace)
        }
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "app", namespace: namespace)
        pod["spec"] = .object([
            "containers": .array([.object(["name": .string("app"), "image": .string("busybox")])]),
            "volumes": .array([.object(["name": .string("data"), "persistentVolumeClaim": .object(["claimName": .string("data")])])]),
        ])
        _ = try await sourceClient.create(TestResources.pods, pod, namespace: namespace)
        let bound = try await eventually {
            let claims = try await sourceClient.listAll(TestResources.persistentVolumeClaims, namespace: namespace).items
            return claims.count == 2 && claims.allSatisfy { $0[path: "spec", "volumeName"]?.stringValue?.isEmpty == false }
        }
        guard bound else { throw TestFailure("claims in \(namespace) were not bound") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension MigCluster.Spec {
    static func host() -> MigCluster.Spec {
        var spec = MigCluster.Spec()
        spec.isHostCluster = true
        return spec
    }
}
