import Foundation
import KubeCore
import KubeSim
import Logging
import Subprocess
import Testing

/// Two in-process clusters (`source`, `destination`) and a kubeconfig for them, driven with
/// the real `kubectl` binary.
struct KubectlHarness: Sendable {
    /// The directory holding the kubeconfig, manifests and kubectl's cache.
    let directory: String
    /// The kubeconfig with contexts `source` (current) and `destination`.
    let kubeconfigPath: String
    let source: KubeSimCluster
    let destination: KubeSimCluster

    /// The kubectl on PATH, if any.
    static let kubectlPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether kubectl tests can run.
    static var kubectlAvailable: Bool { kubectlPath != nil }

    /// Starts both clusters, writes the kubeconfig, runs `body`, and tears everything down.
    static func withClusters<T: Sendable>(_ body: (KubectlHarness) async throws -> T) async throws -> T {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-kubectl-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "kubesim-test") { _ in SwiftLogNoOpLogHandler() }
        // A state directory gives each cluster a place for provisioned hostPath volumes.
        return try await KubeSimCluster.withRunning(.init(name: "source", stateDirectory: "\(directory)/source"), logger: logger) { source in
            try await KubeSimCluster.withRunning(.init(name: "destination", stateDirectory: "\(directory)/destination"), logger: logger) { destination in
                let kubeconfig = "\(directory)/kubeconfig"
                try Self.kubeconfig(for: [("source", source), ("destination", destination)])
                    .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
                return try await body(KubectlHarness(directory: directory, kubeconfigPath: kubeconfig, source: source, destination: destination))
            }
        }
    }

    /// A kubeconfig with one cluster, user and context per named cluster; the first is current.
    static func kubeconfig(for clusters: [(name: String, cluster: KubeSimCluster)]) -> String {
        var text = "apiVersion: v1\nkind: Config\nclusters:\n"
        for (name, cluster) in clusters {
            let ca = Data(cluster.caCertificatePEM.utf8).base64EncodedString()
            text += "- name: \(name)\n  cluster:\n    server: \(cluster.url)\n    certificate-authority-data: \(ca)\n"
        }
        text += "users:\n"
        for (name, cluster) in clusters {
            text += "- name: \(name)-admin\n  user:\n    token: \(cluster.adminToken)\n"
        }
        text += "contexts:\n"
        for (name, _) in clusters {
            text += "- name: \(name)\n  context:\n    cluster: \(name)\n    user: \(name)-admin\n    namespace: default\n"
        }
        text += "current-context: \(clusters[0].name)\n"
        return text
    }

    /// Writes `text` to a file in the harness directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let path = "\(directory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs kubectl with `arguments`; never throws for a non-zero exit.
    func kubectl(_ arguments: [String], timeoutSeconds: Int = 60) async throws -> KubectlResult {
        let kubectl = try #require(Self.kubectlPath, "kubectl is not on PATH")
        // `timeout` guarantees a stuck kubectl (a watch that never ends) cannot hang the suite.
        let result = try await run(
            .name("timeout"), arguments: Arguments(["\(timeoutSeconds)", kubectl] + arguments),
            environment: .inherit.updating(["KUBECONFIG": kubeconfigPath, "HOME": directory]),
            output: .string(limit: 32 << 20), error: .string(limit: 4 << 20))
        var code: Int32 = -1
        if case .exited(let exit) = result.terminationStatus { code = exit }
        return KubectlResult(arguments: arguments, exitCode: code, output: result.standardOutput, errorOutput: result.standardError)
    }

    /// Runs kubectl with `arguments`.
    func kubectl(_ arguments: String...) async throws -> KubectlResult {
        try await kubectl(arguments)
    }

    /// Runs kubectl, requires success, and returns its standard output.
    @discardableResult
    func succeed(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await kubectl(arguments)
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return result.output
    }

    /// Runs kubectl with `-o json` appended, requires success, and parses the output.
    func json(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let result = try await kubectl(arguments + ["-o", "json"])
        try #require(result.succeeded, "\(result)", sourceLocation: sourceLocation)
        return try JSONValue(parsing: Array(result.output.utf8))
    }

    /// Applies a manifest given as text.
    @discardableResult
    func apply(_ manifest: String, _ extra: String...) async throws -> String {
        let path = try write("manifest-\(UUID().uuidString).yaml", manifest)
        let result = try await kubectl(["apply", "-f", path] + extra)
        try #require(result.succeeded, "\(result)")
        return result.output
    }

    /// Polls `condition` every 200 ms until it holds or `timeoutSeconds` pass; returns whether it held.
    func eventually(timeoutSeconds: Double = 30, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return try await condition()
    }

    /// The names of the items of a list.
    static func names(_ list: JSONValue) -> [String] {
        list["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
    }
}

/// What one kubectl run produced.
struct KubectlResult: Sendable, CustomStringConvertible {
    var program = "kubectl"
    var arguments: [String]
    var exitCode: Int32
    var output: String
    var errorOutput: String

    var succeeded: Bool { exitCode == 0 }

    var description: String {
        "\(program) \(arguments.joined(separator: " ")) exited \(exitCode)\nstdout: \(output.prefix(2000))\nstderr: \(errorOutput.prefix(2000))"
    }
}

extension KubectlHarness {
    /// Pods, claims and workloads of `namespace` with their status, to explain a failed wait.
    func diagnostics(namespace: String) async throws -> String {
        let result = try await kubectl(["get", "pods,pvc,deployments,replicasets,statefulsets", "-n", namespace, "-o", "wide"])
        let pods = try await kubectl(["get", "pods", "-n", namespace, "-o", "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.conditions}{\"\\n\"}{end}"])
        return "diagnostics for \(namespace):\n\(result.output)\(result.errorOutput)\n\(pods.output)"
    }
}
