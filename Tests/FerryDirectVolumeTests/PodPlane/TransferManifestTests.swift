@testable import FerryDirectVolume
import FerryTransfer
import Foundation
import KubeCore
import Testing

@Suite("Pod plane manifests")
struct TransferManifestTests {
    static let names = TransferResourceNames(migrationUID: PodPlaneWorld.uid)
    static let volume = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop-new", destinationClaim: "data-new")
    static let credentials = TransferCredentials(
        caCertificatePEM: "CA", serverCertificatePEM: "SC", serverKeyPEM: "SK", clientCertificatePEM: "CC", clientKeyPEM: "CK")
    static let endpoint = ServerEndpoint(namespace: "shop-new", host: "dvm-x-shop-new.apps.example.com", port: 443, credentials: credentials, password: "pw")

    static func containers(_ pod: KubeObject, _ key: String = "containers") -> [JSONValue] {
        pod.spec?[key]?.arrayValue ?? []
    }

    static func container(_ pod: KubeObject, named name: String) -> JSONValue? {
        (containers(pod) + containers(pod, "initContainers")).first { $0["name"]?.stringValue == name }
    }

    @Test("every transfer object carries MTC's labels and the migration's uid")
    func labels() throws {
        let server = ServerManifests(names: Self.names, namespace: "shop-new", claims: ["data-new"], pods: TransferPodSettings())
        let client = ClientManifests(names: Self.names, pods: TransferPodSettings(), settings: TransferSettings(), kind: .stage)
        let objects = [
            server.pod(), server.service(), try server.configMap(), try #require(server.exposure()),
            server.secret(credentials: Self.credentials, password: "pw", daemon: try server.daemonConfiguration()),
            try client.secret(namespace: "shop", endpoint: Self.endpoint),
            try client.pod(for: Self.volume, endpoint: Self.endpoint, attempt: 1, nodeName: nil, history: "[]"),
        ]
        for object in objects {
            #expect(object.labels["owner"] == "directvolumemigration", "\(object.kind)")
            #expect(object.labels["app"] == "directvolumemigration-rsync-transfer", "\(object.kind)")
            #expect(object.labels["migration.openshift.io/migrated-by-migmigration"] == PodPlaneWorld.uid, "\(object.kind)")
            #expect(object.labels["migration.openshift.io/hook-for-migmigration"] == PodPlaneWorld.uid, "\(object.kind) is a helper collection skips")
            #expect(object.name.count <= 63)
        }
    }

    @Test("the destination pod mounts every claim of its namespace and only stunnel listens beyond loopback")
    func serverPod() throws {
        let server = ServerManifests(names: Self.names, namespace: "shop-new", claims: ["b", "a"], pods: TransferPodSettings())
        let pod = server.pod()
        #expect(Self.containers(pod).compactMap { $0["name"]?.stringValue } == ["rsync", "stunnel"])
        let rsyncMounts = Self.container(pod, named: "rsync")?["volumeMounts"]?.arrayValue?.compactMap { $0["mountPath"]?.stringValue } ?? []
        #expect(rsyncMounts.contains("/mnt/shop-new/a") && rsyncMounts.contains("/mnt/shop-new/b"))
        let claims = pod.spec?["volumes"]?.arrayValue?.compactMap { $0["persistentVolumeClaim"]?["claimName"]?.stringValue }
        #expect(claims == ["a", "b"])
        #expect(Self.container(pod, named: "rsync")?["ports"] == nil)
        #expect(Self.container(pod, named: "stunnel")?["ports"]?.arrayValue?.first?["containerPort"]?.intValue == 2222)

        let config = try server.configMap()
        let rsyncd = try #require(config["data"]?["rsyncd.conf"]?.stringValue)
        #expect(rsyncd.contains("address = 127.0.0.1") && rsyncd.contains("hosts allow = 127.0.0.1"))
        #expect(rsyncd.contains("[a]\npath = /mnt/shop-new/a") && rsyncd.contains("[b]\npath = /mnt/shop-new/b"))
        let stunnel = try #require(config["data"]?["stunnel.conf"]?.stringValue)
        #expect(stunnel.contains("accept = 2222") && stunnel.contains("connect = 127.0.0.1:8873") && stunnel.contains("requireCert = yes"))
    }

    @Test("as root the daemon chroots into each claim and only its container may; otherwise no chroot and no capabilities")
    func chrootOnlyAsRoot() throws {
        let root = ServerManifests(names: Self.names, namespace: "shop-new", claims: ["a"], pods: TransferPodSettings(runAsRoot: true))
        let rootCapabilities = { (name: String) in
            Self.container(root.pod(), named: name)?["securityContext"]?["capabilities"]?["add"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        #expect(rootCapabilities("rsync").contains("SYS_CHROOT"))
        #expect(!rootCapabilities("stunnel").contains("SYS_CHROOT"))
        #expect(try root.daemonConfiguration().rendered().contains("use chroot = yes"))
        let asUser = ServerManifests(names: Self.names, namespace: "shop-new", claims: ["a"], pods: TransferPodSettings(runAsUser: 1001))
        #expect(try asUser.daemonConfiguration().rendered().contains("use chroot = no"))
        #expect(Self.container(asUser.pod(), named: "rsync")?["securityContext"]?["capabilities"]?["add"] == nil)
        let rootByUserID = ServerManifests(names: Self.names, namespace: "shop-new", claims: ["a"], pods: TransferPodSettings(runAsUser: 0))
        #expect(try rootByUserID.daemonConfiguration().rendered().contains("use chroot = yes"))
    }

    @Test("the endpoint is a passthrough Route by default, a NodePort Service or an SSL-passthrough Ingress when chosen")
    func endpoints() throws {
        let route = try #require(ServerManifests(names: Self.names, namespace: "n", claims: ["c"], pods: TransferPodSettings()).exposure())
        #expect(route.kind == "Route")
        #expect(route[path: "spec", "tls", "termination"]?.stringValue == "passthrough")
        #expect(route[path: "spec", "to", "name"]?.stringValue == Self.names.endpoint)

        let nodePort = ServerManifests(names: Self.names, namespace: "n", claims: ["c"], pods: TransferPodSettings(endpoint: .nodePort))
        #expect(nodePort.exposure() == nil)
        #expect(nodePort.service()[path: "spec", "type"]?.stringValue == "NodePort")
        #expect(nodePort.service()[path: "spec", "ports"]?.arrayValue?.first?["port"]?.intValue == 2222)

        let ingress = try #require(ServerManifests(
            names: Self.names, namespace: "n", claims: ["c"],
            pods: TransferPodSettings(endpoint: .ingress, ingressClass: "nginx", ingressHost: "transfer.example.com")).exposure())
        #expect(ingress.kind == "Ingress")
        #expect(ingress.annotations["nginx.ingress.kubernetes.io/ssl-passthrough"] == "true")
        #expect(ingress[path: "spec", "ingressClassName"]?.stringValue == "nginx")
        #expect(ingress[path: "spec", "rules"]?.arrayValue?.first?["host"]?.stringValue == "transfer.example.com")
    }

    @Test("the client pod mounts its claim read-only, never restarts, and runs with the configured identity and resources")
    func clientPod() throws {
        let settings = TransferPodSettings(
            runAsRoot: false, runAsUser: 1001, runAsGroup: 1002, sourceSupplementalGroups: [5555],
            sourceResources: .init(cpuRequest: "50m", memoryLimit: "512Mi"))
        let client = ClientManifests(names: Self.names, pods: settings, settings: TransferSettings(), kind: .stage)
        let pod = try client.pod(for: Self.volume, endpoint: Self.endpoint, attempt: 3, nodeName: "node-7", history: "[]")
        #expect(pod.name.hasSuffix("-s3"))
        #expect(pod[path: "spec", "restartPolicy"]?.stringValue == "Never")
        #expect(pod[path: "spec", "nodeName"]?.stringValue == "node-7")
        #expect(pod[path: "spec", "securityContext", "runAsUser"]?.intValue == 1001)
        #expect(pod[path: "spec", "securityContext", "runAsGroup"]?.intValue == 1002)
        #expect(pod[path: "spec", "securityContext", "runAsNonRoot"]?.boolValue == true)
        #expect(pod[path: "spec", "securityContext", "supplementalGroups"] == [5555])
        let rsync = try #require(Self.container(pod, named: "rsync"))
        #expect(rsync["resources"]?["requests"]?["cpu"]?.stringValue == "50m")
        #expect(rsync["resources"]?["limits"]?["memory"]?.stringValue == "512Mi")
        let mount = rsync["volumeMounts"]?.arrayValue?.first { $0["mountPath"]?.stringValue == "/mnt/shop/data" }
        #expect(mount?["readOnly"]?.boolValue == true)
        let claim = pod.spec?["volumes"]?.arrayValue?.first { $0["persistentVolumeClaim"] != nil }
        #expect(claim?["persistentVolumeClaim"]?["claimName"]?.stringValue == "data")
        #expect(claim?["persistentVolumeClaim"]?["readOnly"]?.boolValue == true)
        #expect(Self.container(pod, named: "stunnel")?["restartPolicy"]?.stringValue == "Always")
        #expect(Self.containers(pod).allSatisfy { $0["ports"] == nil } && Self.containers(pod, "initContainers").allSatisfy { $0["ports"] == nil })
        let command = rsync["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(command.suffix(2) == ["/mnt/shop/data/", "rsync://ferry@127.0.0.1:8873/data-new/"])
        #expect(!command.contains("--delete") && !command.contains("--checksum"))
    }

    @Test("cutover adds --delete, a verified volume --checksum")
    func rsyncCommand() throws {
        var verified = Self.volume
        verified.verify = true
        let cutover = try ClientManifests(names: Self.names, pods: TransferPodSettings(), settings: TransferSettings(), kind: .cutover).rsyncCommand(for: verified)
        #expect(cutover.contains("--delete") && cutover.contains("--checksum") && cutover.contains("--partial"))
        var settings = TransferSettings()
        settings.bandwidthLimitKiBps = 2048
        let limited = try ClientManifests(names: Self.names, pods: TransferPodSettings(), settings: settings, kind: .stage).rsyncCommand(for: Self.volume)
        #expect(limited.contains("--bwlimit=2048"))
    }

    @Test("the client's tunnel goes through the CONNECT proxy and checks the destination's name")
    func proxy() throws {
        var settings = TransferSettings()
        settings.tunnelProxy = "http://squid:secret@proxy.corp:3128"
        let client = ClientManifests(names: Self.names, pods: TransferPodSettings(), settings: settings, kind: .stage)
        let secret = try client.secret(namespace: "shop", endpoint: Self.endpoint)
        let encoded = try #require(secret["data"]?["stunnel.conf"]?.stringValue)
        let config = String(decoding: try #require(Data(base64Encoded: encoded)), as: UTF8.self)
        #expect(config.contains("connect = proxy.corp:3128"))
        #expect(config.contains("protocol = connect") && config.contains("protocolHost = dvm-x-shop-new.apps.example.com:443"))
        #expect(config.contains("protocolUsername = squid") && config.contains("protocolPassword = secret"))
        #expect(config.contains("checkHost = dvm-x-shop-new.apps.example.com"))
        #expect(config.contains("accept = 127.0.0.1:8873"))
        #expect(secret["data"]?["server.key"] == nil, "the source never holds the server's key")
    }

    @Test("names stay valid DNS labels for long claims and differ per attempt and kind")
    func names() {
        let long = String(repeating: "volume-", count: 20)
        let first = Self.names.clientPod(claim: long, kind: .stage, attempt: 1)
        #expect(first.count <= 63)
        #expect(first != Self.names.clientPod(claim: long + "x", kind: .stage, attempt: 1))
        #expect(first != Self.names.clientPod(claim: long, kind: .cutover, attempt: 1))
        #expect(Self.names.clientPod(claim: long, kind: .stage, attempt: 21).count <= 63)
        #expect(TransferResourceNames(migrationUID: "a").base != TransferResourceNames(migrationUID: "b").base)
    }

    @Test("the retry delay doubles from the initial delay up to the maximum")
    func retryDelay() {
        var settings = TransferSettings()
        settings.initialRetryDelay = .seconds(2)
        settings.maximumRetryDelay = .seconds(10)
        let delays = (1...5).map { PodPlaneTransfer.retryDelay(afterFailures: $0, settings: settings) }
        #expect(delays == [.seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }

    @Test("the attempt history survives its annotation round trip")
    func history() {
        let attempts = [TransferAttempt(number: 1, runner: "p-s1", started: Date(timeIntervalSince1970: 1_700_000_000), ended: Date(timeIntervalSince1970: 1_700_000_060), exitCode: 10, message: "rsync error: error in socket IO (code 10)")]
        #expect(TransferAttemptHistory.decode(TransferAttemptHistory.encode(attempts)) == attempts)
        #expect(TransferAttemptHistory.decode("not json").isEmpty)
    }
}
