@testable import FerryDirectVolume
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Pod plane topology and recovery")
struct PodPlaneTopologyTests {
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    static let serverSelector = ListOptions(labelSelector: "ferry.dev/transfer-role=server")

    @Test("two claims of one destination namespace share one transfer pod, a module each, and get a client pod each", .timeLimit(.minutes(1)))
    func sharedServer() async throws {
        try await PodPlaneWorld.with { world in
            for client in [world.source, world.destination] {
                _ = try await client.create(PodPlaneWorld.claims, PodPlaneWorld.claim("logs", namespace: "shop"))
            }
            let request = world.request(volumes: ["data", "logs"].map {
                PodTransferVolume(sourceNamespace: "shop", sourceClaim: $0, destinationNamespace: "shop", destinationClaim: $0)
            })
            var clients: [KubeObject] = []
            for _ in 0..<200 where clients.count < 2 {
                let progress = try await world.plane.reconcile(request)
                #expect(progress.map(\.id) == ["shop/data", "shop/logs"])
                clients = try await world.clientPods()
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(Set(clients.map { $0.labels["ferry.dev/transfer-volume"] ?? "" }) == ["data", "logs"])
            let servers = try await world.destination.list(PodPlaneWorld.pods, namespace: "shop", options: Self.serverSelector).items
            #expect(servers.count == 1)
            let claims = servers.first?[path: "spec", "volumes"]?.arrayValue?.compactMap { $0["persistentVolumeClaim"]?["claimName"]?.stringValue }
            #expect(claims == ["data", "logs"])
            let config = try #require(try await world.destination.list(Self.configMaps, namespace: "shop", options: Self.serverSelector).items.first)
            let rsyncd = config[path: "data", "rsyncd.conf"]?.stringValue ?? ""
            #expect(rsyncd.contains("[data]") && rsyncd.contains("[logs]"))
        }
    }

    @Test("only a ReadWriteOnce claim used by a running pod pins the client to that pod's node", .timeLimit(.minutes(1)))
    func nodePinning() async throws {
        try await PodPlaneWorld.with { world in
            _ = try await world.source.create(PodPlaneWorld.claims, PodPlaneWorld.claim("shared", namespace: "shop", accessMode: "ReadWriteMany"))
            for claim in ["data", "shared"] {
                var app = KubeObject(apiVersion: "v1", kind: "Pod", name: "uses-\(claim)", namespace: "shop")
                app.spec = ["containers": [["name": "app", "image": "busybox"]], "volumes": [["name": "v", "persistentVolumeClaim": ["claimName": .string(claim)]]]]
                _ = try await world.source.create(PodPlaneWorld.pods, app)
            }
            let plane = world.plane
            let rwo = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop", destinationClaim: "data")
            var node: String?
            for _ in 0..<100 where node == nil {
                node = try await plane.nodeOfClaimUser(rwo, on: world.source)
                try await Task.sleep(for: .milliseconds(50))
            }
            let user = try await world.source.get(PodPlaneWorld.pods, name: "uses-data", namespace: "shop")
            #expect(node != nil && node == user[path: "spec", "nodeName"]?.stringValue)
            let rwx = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "shared", destinationNamespace: "shop", destinationClaim: "shared")
            #expect(try await plane.nodeOfClaimUser(rwx, on: world.source) == nil)
            let missing = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "gone", destinationNamespace: "shop", destinationClaim: "gone")
            let error = try await #require(throws: TransferError.self) { try await plane.nodeOfClaimUser(missing, on: world.source) }
            #expect(error.code == .sourceMissing && error.message.contains("shop/gone"))
        }
    }

    @Test("settings that cannot work are refused naming the setting", .timeLimit(.minutes(1)))
    func invalidSettings() async throws {
        try await PodPlaneWorld.with { world in
            let ingress = try await #require(throws: TransferError.self) {
                try await world.plane.reconcile(world.request(pods: TransferPodSettings(endpoint: .ingress)))
            }
            #expect(ingress.code == .invalidSetting && ingress.message.contains("ingressHost"))
            var settings = TransferSettings()
            settings.tunnelProxy = "socks5://proxy:1080"
            let proxy = try await #require(throws: TransferError.self) { try await world.plane.reconcile(world.request(settings: settings)) }
            #expect(proxy.code == .invalidSetting && proxy.message.contains("http"))
            let twice = world.request(volumes: ["data", "logs"].map {
                PodTransferVolume(sourceNamespace: "shop", sourceClaim: $0, destinationNamespace: "shop", destinationClaim: "data")
            })
            let duplicate = try await #require(throws: TransferError.self) { try await world.plane.reconcile(twice) }
            #expect(duplicate.message.contains("shop/data"))
            #expect(try await world.destination.listAll(PodPlaneWorld.pods, options: Self.serverSelector).items.isEmpty)
        }
    }

    @Test("a transfer server pod that ended is replaced, and an attempt left behind by an interrupted retry is removed", .timeLimit(.minutes(1)))
    func recovers() async throws {
        try await PodPlaneWorld.with { world in
            let request = world.request()
            let client = try await world.reconcileUntilClientPod(request)

            let server = try #require(try await world.destination.list(PodPlaneWorld.pods, namespace: "shop", options: Self.serverSelector).items.first)
            var replaced: KubeObject?
            for _ in 0..<200 where replaced == nil {
                let current = try await world.destination.list(PodPlaneWorld.pods, namespace: "shop", options: Self.serverSelector).items
                if var original = current.first(where: { $0.uid == server.uid }), original[path: "status", "phase"]?.stringValue == "Running" {
                    // Until it reads back as Failed: the simulated kubelet may still write its last Running status.
                    original.status?["phase"] = "Failed"
                    _ = try? await world.destination.updateStatus(PodPlaneWorld.pods, original)
                }
                _ = try await world.plane.reconcile(request)
                replaced = current.first { $0.uid != server.uid && $0[path: "status", "phase"]?.stringValue == "Running" }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(replaced?.name == server.name)

            // As if the controller stopped after creating attempt 2 but before deleting attempt 1.
            var successor = client
            successor.body["metadata"] = ["name": .string(client.name.replacingOccurrences(of: "-s1", with: "-s2")), "namespace": "shop"]
            successor.labels = client.labels
            successor.annotations = client.annotations.merging(["ferry.dev/transfer-attempt": "2"]) { $1 }
            successor.status = nil
            successor.spec?["nodeName"] = nil
            _ = try await world.source.create(PodPlaneWorld.pods, successor)
            let progress = try #require(try await world.plane.reconcile(request).first)
            #expect(progress.attempt == 2)
            #expect(try await world.clientPods().map(\.name) == [successor.name])
        }
    }

    @Test("an evicted client pod, which has no exit code, is retried after the backoff with the eviction's message", .timeLimit(.minutes(1)))
    func evictedPodRetried() async throws {
        try await PodPlaneWorld.with { world in
            var settings = TransferSettings()
            settings.initialRetryDelay = .seconds(30)
            let request = world.request(settings: settings)
            let first = try await world.reconcileUntilClientPod(request)
            for _ in 0..<200 {
                var pod = try await world.source.get(PodPlaneWorld.pods, name: first.name, namespace: "shop")
                let phase = pod[path: "status", "phase"]?.stringValue
                if phase == "Failed" { break }
                if phase == "Running" {
                    pod.status?["phase"] = "Failed"
                    pod.status?["reason"] = "Evicted"
                    pod.status?["message"] = "The node was low on resource: ephemeral-storage."
                    pod.status?["containerStatuses"] = nil
                    _ = try? await world.source.updateStatus(PodPlaneWorld.pods, pod)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            let waiting = try #require(try await world.plane.reconcile(request).first)
            #expect(waiting.phase == .pending && waiting.attempt == 1)
            world.clock.advance(by: .seconds(31))
            let retried = try #require(try await world.plane.reconcile(request).first)
            #expect(retried.attempt == 2)
            let second = try #require(try await world.clientPods().first)
            #expect(second.name.hasSuffix("-s2"))
            let history = TransferAttemptHistory.decode(second.annotations[TransferResourceNames.historyAnnotation])
            #expect(history.first?.exitCode == nil && history.first?.message == "The node was low on resource: ephemeral-storage.")
        }
    }

    @Test("progress comes from rsync's last progress line; failures keep rsync's error lines")
    func progressFromLog() {
        let volume = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop", destinationClaim: "data")
        let log = "sending incremental file list\r      1,024   1%    1.00kB/s    0:00:01 (xfr#1, ir-chk=10/12)\r  1,234,567  45%   12.34MB/s    0:00:05 (xfr#12, to-chk=3/20)\n"
        let progress = PodPlaneTransfer.progress(volume, attempt: 1, history: [], log: log, now: Date())
        #expect(progress.bytesTransferred == 1_234_567 && progress.percent == 45 && progress.filesTransferred == 12)
        #expect(progress.totalFiles == 20 && progress.elapsed == .seconds(5))
        #expect(progress.bytesPerSecond > 12_000_000)
        let silent = PodPlaneTransfer.progress(volume, attempt: 2, history: [], log: nil, now: Date())
        #expect(silent.bytesTransferred == 0 && silent.percent == nil && silent.attempt == 2)

        let failure = "file list\nrsync: [sender] write error: Broken pipe (32)\nrsync error: error in socket IO (code 10) at io.c(848) [sender=3.2.7]\n"
        #expect(PodPlaneTransfer.failureLines(failure) == "rsync: [sender] write error: Broken pipe (32)\nrsync error: error in socket IO (code 10) at io.c(848) [sender=3.2.7]")
        #expect(PodPlaneTransfer.failureLines("all fine\n") == nil)
    }
}
