@testable import FerryDirectVolume
import FerryTransfer
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Pod plane lifecycle on two clusters")
struct PodPlaneLifecycleTests {
    static let secrets = GroupVersionResource(group: "", version: "v1", resource: "secrets")
    static let routes = GroupVersionResource(group: "route.openshift.io", version: "v1", resource: "routes")
    static let services = GroupVersionResource(group: "", version: "v1", resource: "services")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")

    static func decoded(_ secret: KubeObject, _ key: String) -> String? {
        secret["data"]?[key]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("the server side comes first; the client pod follows on the node of the claim's user, with the route's host and credentials", .timeLimit(.minutes(1)))
    func createsBothSides() async throws {
        try await PodPlaneWorld.with { world in
            var app = KubeObject(apiVersion: "v1", kind: "Pod", name: "shop-db", namespace: "shop")
            app.spec = [
                "containers": [["name": "db", "image": "postgres"]],
                "volumes": [["name": "data", "persistentVolumeClaim": ["claimName": "data"]]],
            ]
            _ = try await world.source.create(PodPlaneWorld.pods, app)
            var appNode: String?
            for _ in 0..<100 where appNode == nil {
                let pod = try await world.source.get(PodPlaneWorld.pods, name: "shop-db", namespace: "shop")
                if pod[path: "status", "phase"]?.stringValue == "Running" { appNode = pod[path: "spec", "nodeName"]?.stringValue }
                try await Task.sleep(for: .milliseconds(50))
            }
            let request = world.request()
            let pod = try await world.reconcileUntilClientPod(request)
            #expect(pod[path: "spec", "nodeName"]?.stringValue == appNode)
            #expect(pod.annotations["ferry.dev/transfer-attempt"] == "1")

            let selector = ListOptions(labelSelector: "migration.openshift.io/migrated-by-migmigration=\(PodPlaneWorld.uid)")
            let route = try #require(try await world.destination.list(Self.routes, namespace: "shop", options: selector).items.first)
            let host = try #require(route[path: "status", "ingress"]?.arrayValue?.first?["host"]?.stringValue)
            let serverPod = try #require(try await world.destination.list(PodPlaneWorld.pods, namespace: "shop", options: selector).items.first)
            #expect(serverPod[path: "status", "phase"]?.stringValue == "Running")
            #expect(try await world.destination.list(Self.configMaps, namespace: "shop", options: selector).items.count == 1)

            let clientSecret = try #require(try await world.source.list(Self.secrets, namespace: "shop", options: selector).items.first)
            let stunnel = try #require(Self.decoded(clientSecret, "stunnel.conf"))
            #expect(stunnel.contains("connect = \(host):443") && stunnel.contains("checkHost = \(host)"))
            let serverSecret = try #require(try await world.destination.list(Self.secrets, namespace: "shop", options: selector).items.first)
            #expect(Self.decoded(serverSecret, "ca.crt") == Self.decoded(clientSecret, "ca.crt"))
            #expect(Self.decoded(serverSecret, "password") == Self.decoded(clientSecret, "password"))

            // Reconciling again reuses everything: same credentials, same pods.
            let progress = try await world.plane.reconcile(request)
            #expect(progress.map(\.id) == ["shop/data"])
            let again = try await world.destination.get(Self.secrets, name: serverSecret.name, namespace: "shop")
            #expect(Self.decoded(again, "server.key") == Self.decoded(serverSecret, "server.key"))
            #expect(try await world.clientPods().map(\.name) == [pod.name])
        }
    }

    @Test("a retryable failure waits out the backoff, then runs the next attempt with the history; success ends it and nothing more is created", .timeLimit(.minutes(1)))
    func retriesThenSucceeds() async throws {
        try await PodPlaneWorld.with { world in
            var settings = TransferSettings()
            settings.initialRetryDelay = .seconds(60)
            let request = world.request(settings: settings)
            let first = try await world.reconcileUntilClientPod(request)
            try await world.finish(first, exitCode: 10, message: "rsync error: error in socket IO (code 10)")

            let waiting = try #require(try await world.plane.reconcile(request).first)
            #expect(waiting.phase == .pending)
            #expect(waiting.attempts.first?.exitCode == 10)
            #expect(try await world.clientPods().map(\.name) == [first.name], "no new attempt before the backoff delay")

            world.clock.advance(by: .seconds(61))
            let retried = try #require(try await world.plane.reconcile(request).first)
            #expect(retried.attempt == 2)
            let pods = try await world.clientPods()
            #expect(pods.count == 1)
            let second = try #require(pods.first)
            #expect(second.name != first.name && second.name.hasSuffix("-s2"))
            let history = TransferAttemptHistoryProbe.attempts(second)
            #expect(history.count == 1 && history.first?.exitCode == 10)
            #expect(history.first?.message?.contains("socket IO") == true)

            try await world.finish(second, exitCode: 0)
            let done = try #require(try await world.plane.reconcile(request).first)
            #expect(done.phase == .succeeded)
            #expect(done.attempts.map(\.number) == [1, 2])
            #expect(done.attempts.map(\.exitCode) == [10, 0])
            #expect(done.warnings == [PodPlaneTransfer.rewrittenLinksWarning], "not as root: the one warning is about link targets")

            let again = try #require(try await world.plane.reconcile(request).first)
            #expect(again.phase == .succeeded)
            #expect(try await world.clientPods().map(\.name) == [second.name])
        }
    }

    @Test("exit 24 (vanished files) succeeds with a warning", .timeLimit(.minutes(1)))
    func vanishedFilesWarn() async throws {
        try await PodPlaneWorld.with { world in
            let request = world.request()
            let pod = try await world.reconcileUntilClientPod(request)
            try await world.finish(pod, exitCode: 24)
            let progress = try #require(try await world.plane.reconcile(request).first)
            #expect(progress.phase == .succeeded)
            #expect(progress.warnings.filter { $0.contains("24") }.count == 1, "\(progress.warnings)")
        }
    }

    @Test("pods that do not run as root warn that absolute and escaping link targets arrive rewritten; as root they do not", .timeLimit(.minutes(1)))
    func nonRootWarnsAboutLinkTargets() async throws {
        for (pods, warned) in [(TransferPodSettings(), true), (TransferPodSettings(runAsUser: 1001), true), (TransferPodSettings(runAsRoot: true), false)] {
            try await PodPlaneWorld.with { world in
                let request = world.request(pods: pods)
                let pod = try await world.reconcileUntilClientPod(request)
                try await world.finish(pod, exitCode: 0)
                let progress = try #require(try await world.plane.reconcile(request).first)
                #expect(progress.phase == .succeeded)
                #expect(progress.warnings.contains(PodPlaneTransfer.rewrittenLinksWarning) == warned, "\(pods): \(progress.warnings)")
            }
        }
    }

    @Test("a failure retrying cannot fix throws at once with rsync's code and message", .timeLimit(.minutes(1)))
    func nonRetryableThrows() async throws {
        try await PodPlaneWorld.with { world in
            let request = world.request()
            let pod = try await world.reconcileUntilClientPod(request)
            try await world.finish(pod, exitCode: 5, message: "@ERROR: auth failed on module data")
            let error = try await #require(throws: TransferError.self) { try await world.plane.reconcile(request) }
            #expect(error.code == .transferFailed && error.exitCode == 5 && error.volumeID == "shop/data")
            #expect(error.message.contains("auth failed on module data") && error.message.contains(pod.name))
            #expect(try await world.clientPods().count == 1, "no retry for a non-retryable code")
        }
    }

    @Test("retries stop at the backoff limit with the last failure's code", .timeLimit(.minutes(1)))
    func backoffLimit() async throws {
        try await PodPlaneWorld.with { world in
            var settings = TransferSettings()
            settings.backoffLimit = 1
            settings.initialRetryDelay = .seconds(1)
            let request = world.request(settings: settings)
            let first = try await world.reconcileUntilClientPod(request)
            try await world.finish(first, exitCode: 30)
            world.clock.advance(by: .seconds(5))
            _ = try await world.plane.reconcile(request)
            let second = try #require(try await world.clientPods().first)
            #expect(second.name.hasSuffix("-s2"))
            try await world.finish(second, exitCode: 10, message: "rsync: connection unexpectedly closed")
            world.clock.advance(by: .seconds(5))
            let error = try await #require(throws: TransferError.self) { try await world.plane.reconcile(request) }
            #expect(error.code == .transferFailed && error.exitCode == 10)
            #expect(error.message.contains("failed 2 times, more than the backoff limit of 1"))
            #expect(error.message.contains("connection unexpectedly closed"))
        }
    }

    @Test("a destination pod Pending past the timeout throws naming the scheduling reason", .timeLimit(.minutes(1)))
    func pendingTimeout() async throws {
        try await PodPlaneWorld.with { world in
            _ = try await world.destination.create(PodPlaneWorld.claims, PodPlaneWorld.claim("stuck", namespace: "shop", storageClass: "no-such-class"))
            let request = world.request(volumes: [PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop", destinationClaim: "stuck")])
            var reason: String?
            for _ in 0..<100 where reason == nil {
                let progress = try await world.plane.reconcile(request)
                #expect(progress.first?.phase == .pending)
                let pods = try await world.destination.list(PodPlaneWorld.pods, namespace: "shop").items
                reason = pods.first?[path: "status", "conditions"]?.arrayValue?.first { $0["type"] == "PodScheduled" }?["message"]?.stringValue
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await world.clientPods().isEmpty, "no client before the server runs")
            world.clock.advance(by: .seconds(301))
            let error = try await #require(throws: TransferError.self) { try await world.plane.reconcile(request) }
            #expect(error.code == .tunnel)
            #expect(error.message.contains("rsyncd") && error.message.contains("unbound immediate PersistentVolumeClaims"))
        }
    }

    @Test("a NodePort endpoint is reached on a destination node's address, checked by IP", .timeLimit(.minutes(1)))
    func nodePortEndpoint() async throws {
        try await PodPlaneWorld.with { world in
            let request = world.request(pods: TransferPodSettings(endpoint: .nodePort))
            _ = try await world.reconcileUntilClientPod(request)
            let selector = ListOptions(labelSelector: "migration.openshift.io/migrated-by-migmigration=\(PodPlaneWorld.uid)")
            let service = try #require(try await world.destination.list(Self.services, namespace: "shop", options: selector).items.first)
            let nodePort = try #require(service[path: "spec", "ports"]?.arrayValue?.first?["nodePort"]?.intValue)
            #expect(try await world.destination.list(Self.routes, namespace: "shop", options: selector).items.isEmpty)
            let secret = try #require(try await world.source.list(Self.secrets, namespace: "shop", options: selector).items.first)
            let stunnel = try #require(Self.decoded(secret, "stunnel.conf"))
            #expect(stunnel.contains(":\(nodePort)\n") && stunnel.contains("checkIP = "))
        }
    }

    @Test("a LoadBalancer endpoint is reached on its address, a ClusterIP one on the Service's DNS name", .timeLimit(.minutes(1)), arguments: [
        TransferPodSettings.Endpoint.loadBalancer, .clusterIP,
    ])
    func serviceEndpoints(endpoint: TransferPodSettings.Endpoint) async throws {
        try await PodPlaneWorld.with { world in
            _ = try await world.reconcileUntilClientPod(world.request(pods: TransferPodSettings(endpoint: endpoint)))
            let selector = ListOptions(labelSelector: "migration.openshift.io/migrated-by-migmigration=\(PodPlaneWorld.uid)")
            let service = try #require(try await world.destination.list(Self.services, namespace: "shop", options: selector).items.first)
            let secret = try #require(try await world.source.list(Self.secrets, namespace: "shop", options: selector).items.first)
            let stunnel = try #require(Self.decoded(secret, "stunnel.conf"))
            if endpoint == .loadBalancer {
                #expect(service[path: "spec", "type"]?.stringValue == "LoadBalancer")
                let address = try #require(service[path: "status", "loadBalancer", "ingress"]?.arrayValue?.first?["ip"]?.stringValue)
                #expect(stunnel.contains("connect = \(address):2222") && stunnel.contains("checkIP = \(address)"))
            } else {
                #expect(service[path: "spec", "type"]?.stringValue == "ClusterIP")
                #expect(stunnel.contains("connect = \(service.name).shop.svc:2222") && stunnel.contains("checkHost = \(service.name).shop.svc"))
            }
        }
    }

    @Test("cleanUp removes every transfer resource on both clusters and can run twice", .timeLimit(.minutes(1)))
    func cleanUp() async throws {
        try await PodPlaneWorld.with { world in
            _ = try await world.reconcileUntilClientPod(world.request())
            let selector = ListOptions(labelSelector: "migration.openshift.io/migrated-by-migmigration=\(PodPlaneWorld.uid)")
            let resources = [PodPlaneWorld.pods, Self.secrets, Self.configMaps, Self.services, Self.routes]
            var before = 0
            for client in [world.source, world.destination] {
                for resource in resources { before += try await client.listAll(resource, options: selector).items.count }
            }
            #expect(before >= 7)
            try await world.plane.cleanUp(migrationUID: PodPlaneWorld.uid, source: world.source, destination: world.destination)
            try await world.plane.cleanUp(migrationUID: PodPlaneWorld.uid, source: world.source, destination: world.destination)
            for client in [world.source, world.destination] {
                for resource in resources {
                    let left = try await client.listAll(resource, options: selector).items.filter { $0.deletionTimestamp == nil }
                    #expect(left.isEmpty, "\(resource.resource) left")
                }
            }
        }
    }
}

/// Reads the attempt history a client pod carries.
enum TransferAttemptHistoryProbe {
    static func attempts(_ pod: KubeObject) -> [TransferAttempt] {
        guard let text = pod.annotations[TransferResourceNames.historyAnnotation],
              let array = try? JSONValue(parsing: Array(text.utf8)).arrayValue else { return [] }
        return array.map {
            TransferAttempt(
                number: $0["number"]?.intValue ?? 0, started: Date(), exitCode: $0["exitCode"]?.intValue.map { Int32($0) },
                message: $0["message"]?.stringValue)
        }
    }
}
