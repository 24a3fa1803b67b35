public import Foundation
public import KubeCore
public import Logging
import Subprocess
import SystemPackage

/// Runs a kubeconfig `exec` credential plugin and caches what it returns until it expires
/// or the server refuses it.
public actor ExecCredentialPlugin {
    /// The `apiVersion`s Ferry speaks.
    public static let supportedVersions: Set<String> = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    private let config: Kubeconfig.ExecConfig
    private let clusterInfo: JSONValue?
    private let now: @Sendable () -> Date
    private let logger: Logger
    private var cached: ExecCredential?
    private var running = false
    private var waiters: [CheckedContinuation<ExecCredential, any Error>] = []

    /// Creates a plugin runner; `clusterInfo` is the `spec.cluster` passed when
    /// `provideClusterInfo` is set; `now` is injectable for tests.
    public init(config: Kubeconfig.ExecConfig, clusterInfo: JSONValue? = nil, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.config = config
        self.clusterInfo = clusterInfo
        self.logger = logger
        self.now = now
    }

    /// A valid credential: the cached one, or a fresh one from the plugin. Callers that
    /// arrive while the plugin runs wait for that run instead of starting another.
    public func credential() async throws(KubeClientError) -> ExecCredential {
        if let cached, cached.isValid(at: now()) { return cached }
        if running {
            do {
                return try await withCheckedThrowingContinuation { waiters.append($0) }
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw failure("failed: \(error)")
            }
        }
        running = true
        defer { running = false }
        let waiting: [CheckedContinuation<ExecCredential, any Error>]
        do {
            let fresh = try await run()
            cached = fresh
            waiting = waiters
            waiters = []
            for waiter in waiting { waiter.resume(returning: fresh) }
            return fresh
        } catch {
            waiting = waiters
            waiters = []
            for waiter in waiting { waiter.resume(throwing: error) }
            throw error
        }
    }

    /// Forgets the cached credential, so the next request runs the plugin again; called
    /// when the server answers 401.
    public func invalidate() {
        cached = nil
    }

    /// The `KUBERNETES_EXEC_INFO` document.
    var execInfo: String {
        var spec: JSONObject = ["interactive": false]
        if config.provideClusterInfo, let clusterInfo { spec["cluster"] = clusterInfo }
        let info: JSONValue = ["apiVersion": .string(config.apiVersion), "kind": "ExecCredential", "spec": .object(spec)]
        return info.serializedString()
    }

    private func run() async throws(KubeClientError) -> ExecCredential {
        var overrides: [Environment.Key: String?] = ["KUBERNETES_EXEC_INFO": execInfo]
        for variable in config.env { overrides[Environment.Key(stringLiteral: variable.name)] = variable.value }
        let executable: Executable = config.command.contains("/") ? .path(FilePath(config.command)) : .name(config.command)
        logger.debug("running credential plugin", metadata: ["command": "\(config.command)"])
        let result: ExecutionResult<Void, StringOutput<UTF8>, StringOutput<UTF8>>
        do {
            result = try await Subprocess.run(
                executable, arguments: Arguments(config.args), environment: .inherit.updating(overrides),
                output: .string(limit: 1 << 20), error: .string(limit: 1 << 16))
        } catch {
            throw failure("could not be started: \(error)")
        }
        guard result.terminationStatus.isSuccess else {
            let stderr = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
            throw failure("failed with \(result.terminationStatus)\(stderr.isEmpty ? "" : ": \(stderr)")")
        }
        return try parse(result.standardOutput)
    }

    /// Reads the plugin's standard output.
    func parse(_ output: String) throws(KubeClientError) -> ExecCredential {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: output)
        } catch {
            throw failure("printed something that is not an ExecCredential JSON document: \(error)")
        }
        guard document["kind"]?.stringValue == "ExecCredential" else {
            throw failure("printed kind \"\(document["kind"]?.stringValue ?? "")\", expected ExecCredential")
        }
        guard document["apiVersion"]?.stringValue == config.apiVersion else {
            throw failure("printed apiVersion \"\(document["apiVersion"]?.stringValue ?? "")\", but the kubeconfig asks for \(config.apiVersion)")
        }
        guard let status = document["status"], status.objectValue != nil else {
            throw failure("printed an ExecCredential without status")
        }
        var credential = ExecCredential()
        credential.token = status["token"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        credential.clientCertificatePEM = status["clientCertificateData"]?.stringValue.map { Array($0.utf8) }
        credential.clientKeyPEM = status["clientKeyData"]?.stringValue.map { Array($0.utf8) }
        if let stamp = status["expirationTimestamp"]?.stringValue {
            guard let date = Self.parseTimestamp(stamp) else {
                throw failure("printed expirationTimestamp \"\(stamp)\", which is not an RFC 3339 time")
            }
            credential.expiration = date
        }
        guard credential.token != nil || (credential.clientCertificatePEM != nil && credential.clientKeyPEM != nil) else {
            throw failure("returned neither a token nor a client certificate and key")
        }
        if (credential.clientCertificatePEM == nil) != (credential.clientKeyPEM == nil) {
            throw failure("returned only one of clientCertificateData and clientKeyData")
        }
        return credential
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    private func failure(_ problem: String) -> KubeClientError {
        KubeClientError(.credentialPlugin, "credential plugin \(config.command) \(problem)")
    }
}
