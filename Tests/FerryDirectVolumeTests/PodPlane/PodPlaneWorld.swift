import FerryDirectVolume
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import Synchronization
import Testing

let podPlaneLogger = Logger(label: "pod-plane-tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A clock the tests move forward to pass pending timeouts and retry delays without waiting.
final class TestClock: Sendable {
    private let current = Mutex(Date())

    /// The current time.
    func now() -> Date { current.withLock { $0 } }

    /// Moves the clock to `duration` after the later of itself and the real time (kubelet's
    /// timestamps in the pods are real).
    func advance(by duration: Duration) {
        current.withLock { $0 = max($0, Date()).addingTimeInterval(Double(duration.components.seconds)) }
    }
}

/// Two simulated clusters with an application namespace on each, and helpers to drive the
/// transfer pods' status the way kubelet would.
struct PodPlaneWorld {
    static let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let uid = "0d6f8f7e-3c1b-4a59-9a51-5b3f0c1f2a11"

    let source: KubeClient
    let destination: KubeClient
    let clock = TestClock()
    var plane: PodPlaneTransfer { PodPlaneTransfer(logger: podPlaneLogger, now: { [clock] in clock.now() }) }

    /// Runs `body` against two fresh clusters with namespace `shop` and claim `data` (RWO) on both.
    static func with(_ body: (PodPlaneWorld) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-podplane-\(UInt64.random(in: 0...UInt64.max))").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await KubeSimCluster.withRunning(
            KubeSimCluster.Configuration(name: "source", stateDirectory: "\(directory)/source"), logger: podPlaneLogger
        ) { sourceCluster in
            try await KubeSimCluster.withRunning(
                KubeSimCluster.Configuration(name: "destination", stateDirectory: "\(directory)/destination"), logger: podPlaneLogger
            ) { destinationCluster in
                let world = PodPlaneWorld(source: try client(for: sourceCluster), destination: try client(for: destinationCluster))
                do {
                    for client in [world.source, world.destination] {
                        _ = try await client.create(namespaces, KubeObject(apiVersion: "v1", kind: "Namespace", name: "shop"))
                        _ = try await client.create(claims, claim("data", namespace: "shop"))
                    }
                    try await body(world)
                } catch {
                    try? await world.source.shutdown()
                    try? await world.destination.shutdown()
                    throw error
                }
                try await world.source.shutdown()
                try await world.destination.shutdown()
            }
        }
    }

    static func client(for cluster: KubeSimCluster) throws -> KubeClient {
        try KubeClient(
            configuration: ClientConfiguration(
                server: cluster.url,
                tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: cluster.configuration.name),
                credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
            logger: podPlaneLogger)
    }

    /// A claim of 1Gi, ReadWriteOnce unless told otherwise.
    static func claim(_ name: String, namespace: String, accessMode: String = "ReadWriteOnce", storageClass: String? = nil) -> KubeObject {
        var claim = KubeObject(apiVersion: "v1", kind: "PersistentVolumeClaim", name: name, namespace: namespace)
        claim.spec = ["accessModes": [.string(accessMode)], "resources": ["requests": ["storage": "1Gi"]]]
        if let storageClass { claim[path: "spec", "storageClassName"] = .string(storageClass) }
        return claim
    }

    /// A request copying `shop/data` to `shop/data`.
    func request(
        kind: TransferKind = .stage, settings: TransferSettings = TransferSettings(), pods: TransferPodSettings = TransferPodSettings(),
        volumes: [PodTransferVolume] = [PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop", destinationClaim: "data")]
    ) -> PodTransferRequest {
        PodTransferRequest(
            migrationName: "move-shop", migrationUID: Self.uid, kind: kind, volumes: volumes,
            source: source, destination: destination, settings: settings, pods: pods)
    }

    /// The transfer's client pods on the source.
    func clientPods() async throws -> [KubeObject] {
        try await source.list(Self.pods, namespace: "shop", options: ListOptions(labelSelector: "ferry.dev/transfer-role=client")).items
    }

    /// Reconciles until the first client pod exists (the destination's pod must be running first).
    func reconcileUntilClientPod(_ request: PodTransferRequest) async throws -> KubeObject {
        for _ in 0..<200 {
            _ = try await plane.reconcile(request)
            if let pod = try await clientPods().first { return pod }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TransferError(code: .tunnel, message: "no client pod appeared within 10 s")
    }

    /// Ends `pod`'s rsync container with `exitCode`, as kubelet reports it: once the simulated
    /// kubelet has reported it running (it would overwrite an earlier status), and until the
    /// pod reads back as ended.
    func finish(_ pod: KubeObject, exitCode: Int, message: String? = nil) async throws {
        let phase = exitCode == 0 ? "Succeeded" : "Failed"
        for _ in 0..<200 {
            var current = try await source.get(Self.pods, name: pod.name, namespace: pod.namespace)
            if current[path: "status", "phase"]?.stringValue == phase { return }
            guard current[path: "status", "phase"]?.stringValue == "Running" else {
                try await Task.sleep(for: .milliseconds(20))
                continue
            }
            var terminated: JSONObject = [
                "exitCode": .int(Int64(exitCode)), "reason": exitCode == 0 ? "Completed" : "Error",
                "startedAt": .string(KubeTime.now()), "finishedAt": .string(KubeTime.now()),
            ]
            if let message { terminated["message"] = .string(message) }
            var status = current.status ?? [:]
            status["phase"] = .string(phase)
            status["containerStatuses"] = [["name": "rsync", "ready": false, "restartCount": 0, "state": ["terminated": .object(terminated)]]]
            current.status = status
            do {
                _ = try await source.updateStatus(Self.pods, current)
            } catch let error as KubeAPIError where error.isConflict {}
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TransferError(code: .tunnel, message: "pod \(pod.qualifiedName) did not end as \(phase)")
    }
}
