import Foundation
import KubeCore
import KubeSim
import Logging
import Subprocess
import Testing

/// The official Kubernetes Python client against the simulator: list, create, watch.
@Suite("Kubernetes Python client against KubeSim", .timeLimit(.minutes(3)))
struct PythonClientTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The project's virtual environment (scripts/setup.sh) when present, else python3 on PATH.
    static var python: Executable {
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: venv) ? .path(.init(venv)) : .name("python3")
    }

    static func run(_ arguments: [String]) async throws -> KubectlResult {
        let result = try await Subprocess.run(
            python, arguments: Arguments(arguments), output: .string(limit: 8 << 20), error: .string(limit: 1 << 20))
        var code: Int32 = -1
        if case .exited(let exit) = result.terminationStatus { code = exit }
        return KubectlResult(program: "python3", arguments: arguments, exitCode: code, output: result.standardOutput, errorOutput: result.standardError)
    }

    @Test("the Python client lists namespaces and pods, creates objects, and watches ADDED and MODIFIED events")
    func listAndWatch() async throws {
        let probe = try await Self.run(["-c", "import kubernetes"])
        if !probe.succeeded {
            try Test.cancel("the Python package 'kubernetes' is not installed (run scripts/setup.sh): \(probe.errorOutput.suffix(200))")
        }
        let script = Self.repositoryRoot.appendingPathComponent("Tests/python/kubernetes_client_check.py").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-python-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let logger = Logger(label: "kubesim-test") { _ in SwiftLogNoOpLogHandler() }

        try await KubeSimCluster.withRunning(.init(name: "source"), logger: logger) { cluster in
            let kubeconfig = "\(directory)/kubeconfig"
            try KubectlHarness.kubeconfig(for: [("source", cluster)]).write(toFile: kubeconfig, atomically: true, encoding: .utf8)
            let result = try await Self.run([script, kubeconfig, "source"])
            try #require(result.succeeded, "\(result)")
            let report = try JSONValue(parsing: Array(result.output.utf8))

            let namespaces = report["namespaces"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(namespaces.contains("default"))
            #expect(namespaces.contains("kube-system"))
            #expect(report["pods"]?.arrayValue?.compactMap(\.stringValue) == ["probe"])
            #expect(report["pod_images"]?.arrayValue?.compactMap(\.stringValue) == ["registry.example.com/probe:1"])
            #expect(report["missing_status"]?.intValue == 404)
            #expect(report["kindless_create_error"]?.isNull == true, "an object without apiVersion/kind takes them from the URL: \(report["kindless_create_error"] ?? .null)")

            let events = (report["events"]?.arrayValue ?? []).map { event in
                "\(event["type"]?.stringValue ?? "") \(event["name"]?.stringValue ?? "") step=\(event[path: ["data", "step"]]?.stringValue ?? "")"
            }
            #expect(events.first == "ADDED first step=1", "\(events)")
            #expect(events.contains("MODIFIED first step=2"), "\(events)")
            #expect(events.contains("ADDED second step=1"), "\(events)")
        }
    }
}
