import ArgumentParser
import FerryAPI
import FerryCLI
import KubeClient
import Logging

/// Options every command that talks to the host cluster takes.
struct HostOptions: ParsableArguments {
    @Option(help: "Kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "Kubeconfig context of the host cluster, which holds the migration resources (default: the current context).")
    var context: String?

    @Option(name: .customLong("namespace"), help: "Namespace of the migration resources and the controller.")
    var namespace: String = MigrationAPI.defaultNamespace

    // No client-side limit by default: a restore keeps at most MigrationRunnerSettings'
    // maxConcurrentWrites requests in flight, which bounds its load on the API server, and the
    // server's own Priority and Fairness answers 429 with Retry-After, which KubeClient honours.
    // A per-second limit on top only slowed restores down: at 100 a second a cutover of 5,000
    // objects took 54 s (1.8 s without), where kubectl copies them in about 5 s.
    @Option(name: .customLong("kube-api-qps"), help: "Requests per second to each cluster's API server (0: no client-side limit).")
    var queriesPerSecond: Double = 0

    @Option(name: .customLong("kube-api-burst"), help: "Requests allowed in a burst above --kube-api-qps.")
    var burst: Int = 200

    /// `configuration` with this command's request rate.
    func rateLimited(_ configuration: ClientConfiguration) -> ClientConfiguration {
        var configuration = configuration
        configuration.queriesPerSecond = queriesPerSecond
        configuration.burst = burst
        return configuration
    }

    /// The kubeconfig's contexts.
    func contexts() throws -> KubeconfigContexts {
        try KubeconfigContexts.load(path: kubeconfig)
    }

    /// Runs `body` with a client of the host cluster, shut down on every path.
    func withHost<Result>(
        logger: Logger = CommandLogger.make(),
        _ body: (HostCluster, KubeconfigContexts, String) async throws -> Result
    ) async throws -> Result {
        let contexts = try contexts()
        let hostContext = try contexts.contextName(context)
        let configuration = rateLimited(try contexts.configuration(context: hostContext, namespace: namespace))
        let client = try KubeClient(configuration: configuration, logger: logger)
        let host = HostCluster(client: client, namespace: namespace)
        let result: Result
        do {
            result = try await body(host, contexts, hostContext)
        } catch {
            try? await client.shutdown()
            if let error = error as? KubeClientError, error.code == .transport { throw HostCluster.unreachable(client, error) }
            throw error
        }
        try await client.shutdown()
        return result
    }
}

/// The logger of commands other than `ferry controller`: warnings and errors on stderr, so
/// stdout carries only the command's output.
enum CommandLogger {
    static func make(level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: "ferry", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level
        return logger
    }
}
