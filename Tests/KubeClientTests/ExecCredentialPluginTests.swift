import Foundation
import KubeCore
import Logging
import Testing
@testable import KubeClient

@Suite("exec credential plugins")
struct ExecCredentialPluginTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    /// A plugin that records each run and its KUBERNETES_EXEC_INFO, then prints `status`.
    private func plugin(version: String = "client.authentication.k8s.io/v1", status: String, exitCode: Int = 0) throws -> Kubeconfig.ExecConfig {
        let script = try directory.write("plugin.sh", """
            #!/bin/sh
            echo run >> "\(directory.path)/runs"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "\(directory.path)/exec-info"
            printf '%s' "$1 $PLUGIN_FLAVOR" > "\(directory.path)/args"
            echo "plugin complaint" >&2
            cat <<'JSON'
            {"apiVersion": "\(version)", "kind": "ExecCredential", "status": \(status)}
            JSON
            exit \(exitCode)
            """, executable: true)
        return Kubeconfig.ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1", command: script, args: ["first-arg"],
            env: [("PLUGIN_FLAVOR", "mint")], provideClusterInfo: true)
    }

    private var runs: Int {
        (try? String(contentsOfFile: "\(directory.path)/runs", encoding: .utf8))?.split(separator: "\n").count ?? 0
    }

    @Test("the token is parsed, cached until expiry, and fetched again after invalidation")
    func tokenCaching() async throws {
        let config = try plugin(status: #"{"token": "plugin-token", "expirationTimestamp": "2030-01-01T00:00:00Z"}"#)
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let runner = ExecCredentialPlugin(config: config, clusterInfo: ["server": "https://x:1"], logger: Logger(label: "test"), now: { clock.now })
        let first = try await runner.credential()
        #expect(first.token == "plugin-token")
        #expect(first.expiration == Date(timeIntervalSince1970: 1_893_456_000))
        _ = try await runner.credential()
        #expect(runs == 1)
        clock.now = Date(timeIntervalSince1970: 1_893_456_001)
        _ = try await runner.credential()
        #expect(runs == 2)
        await runner.invalidate()
        _ = try await runner.credential()
        #expect(runs == 3)
        let info = try JSONValue(parsing: String(contentsOfFile: "\(directory.path)/exec-info", encoding: .utf8))
        #expect(info["kind"] == "ExecCredential")
        #expect(info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info["spec"]?["interactive"] == false)
        #expect(info["spec"]?["cluster"]?["server"] == "https://x:1")
        #expect(try String(contentsOfFile: "\(directory.path)/args", encoding: .utf8) == "first-arg mint")
    }

    @Test("client certificate data from the plugin is returned as PEM")
    func clientCertificate() async throws {
        let certificate = TestCertificates.cluster.servingCertificatePEM.replacingOccurrences(of: "\n", with: "\\n")
        let key = TestCertificates.cluster.servingKeyPEM.replacingOccurrences(of: "\n", with: "\\n")
        let config = try plugin(status: #"{"clientCertificateData": "\#(certificate)", "clientKeyData": "\#(key)"}"#)
        let credential = try await ExecCredentialPlugin(config: config, logger: Logger(label: "test")).credential()
        #expect(credential.token == nil)
        #expect(credential.clientCertificatePEM == Array(TestCertificates.cluster.servingCertificatePEM.utf8))
        #expect(credential.clientKeyPEM == Array(TestCertificates.cluster.servingKeyPEM.utf8))
        #expect(credential.expiration == nil)
    }

    @Test("a failing plugin reports its exit status and standard error")
    func failingPlugin() async throws {
        let config = try plugin(status: "{}", exitCode: 3)
        await #expect {
            _ = try await ExecCredentialPlugin(config: config, logger: Logger(label: "test")).credential()
        } throws: { error in
            guard let error = error as? KubeClientError else { return false }
            return error.code == .credentialPlugin && error.message.contains("plugin complaint") && error.message.contains("3")
        }
    }

    @Test("a plugin answering with the wrong apiVersion or without credentials is refused")
    func wrongOutput() async throws {
        let wrongVersion = try plugin(version: "client.authentication.k8s.io/v1beta1", status: #"{"token": "t"}"#)
        await #expect(throws: KubeClientError.self) {
            _ = try await ExecCredentialPlugin(config: wrongVersion, logger: Logger(label: "test")).credential()
        }
        let empty = try plugin(status: "{}")
        await #expect(throws: KubeClientError.self) {
            _ = try await ExecCredentialPlugin(config: empty, logger: Logger(label: "test")).credential()
        }
    }
}

/// A settable clock for code that takes a `now` function.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date

    init(_ start: Date) { value = start }

    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

@Suite("exec credential plugins under concurrency")
struct ExecCredentialConcurrencyTests {
    @Test("concurrent requests for a credential run the plugin once")
    func coalesced() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let script = try directory.write("plugin.sh", """
            #!/bin/sh
            echo run >> "\(directory.path)/runs"
            sleep 0.3
            echo '{"apiVersion": "client.authentication.k8s.io/v1beta1", "kind": "ExecCredential", "status": {"token": "shared"}}'
            """, executable: true)
        let runner = ExecCredentialPlugin(config: Kubeconfig.ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: script), logger: Logger(label: "test"))
        let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<5 { group.addTask { try await runner.credential().token } }
            var tokens: [String?] = []
            for try await token in group { tokens.append(token) }
            return tokens
        }
        #expect(tokens == Array(repeating: "shared", count: 5))
        let runs = try String(contentsOfFile: "\(directory.path)/runs", encoding: .utf8).split(separator: "\n").count
        #expect(runs == 1)
    }
}
