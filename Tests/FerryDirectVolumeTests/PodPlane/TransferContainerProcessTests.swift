@testable import FerryDirectVolume
import FerryTransfer
import Foundation
import KubeCore
import Testing

/// The transfer pods' own commands, configuration files and Secrets, run as local processes:
/// what the manifests say is what makes rsync reach the destination through the tunnel.
@Suite("Pod plane containers as local processes", .enabled(if: PodProcesses.available, PodProcesses.skipReason))
struct TransferContainerProcessTests {
    /// One run's directories and ports standing in for the two pods' mounts and the endpoint.
    struct Sandbox {
        let root: String
        let server: TransferLayout
        let client: TransferLayout

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-pods-\(UUID().uuidString)").path
            let tunnel = try PodProcesses.freePort()
            server = TransferLayout(
                tunnelPort: tunnel, rsyncPort: try PodProcesses.freePort(), configDirectory: "\(root)/server/config",
                secretDirectory: "\(root)/server/secret", runDirectory: "\(root)/server/run", mountRoot: "\(root)/destination")
            client = TransferLayout(
                tunnelPort: tunnel, rsyncPort: try PodProcesses.freePort(), configDirectory: "\(root)/client/config",
                secretDirectory: "\(root)/client/secret", runDirectory: "\(root)/client/run", mountRoot: "\(root)/source")
            for directory in [server.runDirectory, client.runDirectory, server.mountPath(namespace: "shop-new", claim: "data-new")] {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
        }

        /// Writes a Secret's or ConfigMap's keys as the kubelet mounts them.
        func mount(_ object: KubeObject, at directory: String, mode: Int) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (key, value) in object["data"]?.objectValue ?? [:] {
                guard let text = value.stringValue else { continue }
                let bytes = object.kind == "Secret" ? (Data(base64Encoded: text) ?? Data()) : Data(text.utf8)
                try bytes.write(to: URL(fileURLWithPath: "\(directory)/\(key)"))
                try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: "\(directory)/\(key)")
            }
        }

        /// A source claim with a nested file, a symlink and an empty directory.
        func makeSource() throws -> String {
            let path = client.mountPath(namespace: "shop", claim: "data")
            try FileManager.default.createDirectory(atPath: "\(path)/nested/empty", withIntermediateDirectories: true)
            try Data("orders\n".utf8).write(to: URL(fileURLWithPath: "\(path)/orders.csv"))
            try Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: "\(path)/nested/blob.bin"))
            try FileManager.default.createSymbolicLink(atPath: "\(path)/latest", withDestinationPath: "orders.csv")
            return path
        }
    }

    static let volume = PodTransferVolume(sourceNamespace: "shop", sourceClaim: "data", destinationNamespace: "shop-new", destinationClaim: "data-new", verify: true)

    static func command(_ pod: KubeObject, _ container: String) throws -> [String] {
        let all = (pod.spec?["containers"]?.arrayValue ?? []) + (pod.spec?["initContainers"]?.arrayValue ?? [])
        let found = try #require(all.first { $0["name"]?.stringValue == container })
        return found["command"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// Starts the destination pod's two containers and the client's stunnel, then runs the
    /// client's rsync with the password from its Secret.
    static func copy(
        _ sandbox: Sandbox, server credentials: TransferCredentials, client clientCredentials: TransferCredentials, pods: TransferPodSettings = TransferPodSettings()
    ) async throws -> (code: Int32, output: String) {
        let names = TransferResourceNames(migrationUID: "process-test")
        let server = ServerManifests(names: names, namespace: "shop-new", claims: ["data-new"], pods: pods, layout: sandbox.server)
        let password = TransferPassword.generate()
        try sandbox.mount(server.secret(credentials: credentials, password: password, daemon: try server.daemonConfiguration()), at: sandbox.server.secretDirectory, mode: 0o400)
        try sandbox.mount(try server.configMap(), at: sandbox.server.configDirectory, mode: 0o644)
        let endpoint = ServerEndpoint(namespace: "shop-new", host: "localhost", port: sandbox.server.tunnelPort, credentials: clientCredentials, password: password)
        let client = ClientManifests(names: names, pods: pods, settings: TransferSettings(), kind: .cutover, layout: sandbox.client)
        try sandbox.mount(try client.secret(namespace: "shop", endpoint: endpoint), at: sandbox.client.secretDirectory, mode: 0o400)
        let serverPod = server.pod()
        let clientPod = try client.pod(for: volume, endpoint: endpoint, attempt: 1, nodeName: nil, history: "[]")
        let root = sandbox.root
        return try await PodProcesses.withBackground(try command(serverPod, "rsync"), logPath: "\(root)/rsyncd.log", readyPort: sandbox.server.rsyncPort) {
            try await PodProcesses.withBackground(try command(serverPod, "stunnel"), logPath: "\(root)/server.log", readyPort: sandbox.server.tunnelPort) {
                try await PodProcesses.withBackground(try command(clientPod, "stunnel"), logPath: "\(root)/client.log", readyPort: sandbox.client.rsyncPort) {
                    try await PodProcesses.run(try command(clientPod, "rsync"), environment: ["RSYNC_PASSWORD": password])
                }
            }
        }
    }

    @Test("the pods' commands, configuration and Secrets copy a claim through the authenticated tunnel", .timeLimit(.minutes(1)))
    func copiesThroughTheTunnel() async throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
        let source = try sandbox.makeSource()
        let target = sandbox.server.mountPath(namespace: "shop-new", claim: "data-new")
        try Data("gone from the source\n".utf8).write(to: URL(fileURLWithPath: "\(target)/stale.txt"))
        let credentials = try TransferCredentials.generate(migrationName: "process-test", serverDNSNames: ["localhost"])

        let (code, output) = try await Self.copy(sandbox, server: credentials, client: credentials)
        #expect(code == 0, "\(output)")
        #expect(RsyncProgressParser.reports(in: output).last?.isFinished == true, "\(output)")
        let manager = FileManager.default
        #expect(manager.contents(atPath: "\(target)/orders.csv") == manager.contents(atPath: "\(source)/orders.csv"))
        #expect(manager.contents(atPath: "\(target)/nested/blob.bin") == manager.contents(atPath: "\(source)/nested/blob.bin"))
        #expect(try manager.destinationOfSymbolicLink(atPath: "\(target)/latest") == "orders.csv")
        #expect(manager.fileExists(atPath: "\(target)/nested/empty"))
        #expect(!manager.fileExists(atPath: "\(target)/stale.txt"), "cutover deletes what the source no longer has")
    }

    @Test(
        "as root the daemon chroots into the claim and absolute, escaping and dangling symlink targets arrive exactly",
        .enabled(if: getuid() == 0, "chroot needs root; this test runs as root (as CI does)"), .timeLimit(.minutes(1)))
    func rootKeepsLinkTargets() async throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
        let source = try sandbox.makeSource()
        let targets = ["absolute": "/etc/hostname", "escaping": "../../shared/config", "dangling": "/no/such/file", "dotted": "./nested//blob.bin"]
        for (name, target) in targets {
            try FileManager.default.createSymbolicLink(atPath: "\(source)/\(name)", withDestinationPath: target)
        }
        let credentials = try TransferCredentials.generate(migrationName: "process-test", serverDNSNames: ["localhost"])

        let (code, output) = try await Self.copy(sandbox, server: credentials, client: credentials, pods: TransferPodSettings(runAsRoot: true))
        #expect(code == 0, "\(output)")
        let target = sandbox.server.mountPath(namespace: "shop-new", claim: "data-new")
        for (name, linkTarget) in targets {
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: "\(target)/\(name)") == linkTarget, "\(name)")
        }
        #expect(FileManager.default.contents(atPath: "\(target)/nested/blob.bin") == FileManager.default.contents(atPath: "\(source)/nested/blob.bin"))
    }

    @Test("a client holding another migration's certificate is refused and nothing is written", .timeLimit(.minutes(1)))
    func refusesForeignClient() async throws {
        let sandbox = try Sandbox()
        defer { try? FileManager.default.removeItem(atPath: sandbox.root) }
        _ = try sandbox.makeSource()
        let credentials = try TransferCredentials.generate(migrationName: "process-test", serverDNSNames: ["localhost"])
        let foreign = try TransferCredentials.generate(migrationName: "another", serverDNSNames: ["localhost"])

        let (code, output) = try await Self.copy(sandbox, server: credentials, client: foreign)
        #expect(code != 0, "\(output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.server.mountPath(namespace: "shop-new", claim: "data-new")).isEmpty)
    }
}
