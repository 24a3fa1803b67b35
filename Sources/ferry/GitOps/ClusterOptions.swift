import ArgumentParser
import KubeClient
import Logging

/// `--kubeconfig` and `--context`: which cluster a GitOps command talks to.
struct ClusterOptions: ParsableArguments {
    @Option(help: "The kubeconfig file (default: $KUBECONFIG, else ~/.kube/config).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context (default: its current context).")
    var context: String?

    // As the other commands: client-go's default of 5 requests a second would make listing
    // every resource of a namespace take seconds, while the collector's and the restorer's
    // bounded requests in flight already limit the load, and the server's 429s are honoured.
    @Option(name: .customLong("kube-api-qps"), help: "Requests per second to the API server (0: no client-side limit).")
    var queriesPerSecond: Double = 0

    @Option(name: .customLong("kube-api-burst"), help: "Requests allowed in a burst above --kube-api-qps.")
    var burst: Int = 200

    /// A client for the chosen cluster; the caller shuts it down.
    func client(logger: Logger) throws -> KubeClient {
        var configuration: ClientConfiguration
        if let kubeconfig {
            configuration = try ClientConfiguration(kubeconfig: Kubeconfig.loadFile(kubeconfig), context: context)
        } else {
            configuration = try ClientConfiguration.fromDefaultKubeconfig(context: context)
        }
        configuration.queriesPerSecond = queriesPerSecond
        configuration.burst = burst
        return try KubeClient(configuration: configuration, logger: logger)
    }
}

extension KubeClient {
    /// Runs `body`, then shuts the client down whether `body` succeeded or not.
    func closing<T>(_ body: (KubeClient) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await shutdown()
            throw error
        }
        try await shutdown()
        return result
    }
}
