import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import ServiceLifecycle

/// `ferry sandbox demo`: starts the sandbox and deploys the sample application into `source`.
struct SandboxDemo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the sandbox, deploy a sample application into the source cluster and show it.",
        discussion: "Runs until Ctrl-C (or `ferry sandbox down`) so that you can explore with kubectl; --exit stops after the show."
    )

    @OptionGroup var sandbox: SandboxUp

    @Flag(help: "Stop the sandbox once the application is shown.")
    var exit = false

    func run() async throws {
        var logger = Logger(label: "ferry.sandbox.demo")
        logger.logLevel = .warning
        try await sandbox.run { clusters in
            let seeder = SampleApplicationSeeder(
                source: clusters[0], kubeconfig: SandboxLayout(directory: sandbox.stateDirectory).kubeconfig,
                stopWhenDone: exit, logger: logger)
            return [.init(service: seeder, successTerminationBehavior: exit ? .gracefullyShutdownGroup : .ignore)]
        }
    }
}

/// Deploys the sample application with server-side apply (so running the demo again changes
/// nothing), waits until it is ready and prints what runs where.
struct SampleApplicationSeeder: Service {
    let source: KubeSimCluster
    let kubeconfig: String
    let stopWhenDone: Bool
    let logger: Logger

    func run() async throws {
        try await source.waitUntilServing()
        let client = try KubeClient(
            configuration: ClientConfiguration(
                server: source.url, tls: .init(certificateAuthorityPEM: Array(source.caCertificatePEM.utf8)),
                credentials: .bearerToken(source.adminToken), queriesPerSecond: 200, burst: 400,
                origin: "sandbox cluster source"),
            logger: logger)
        do {
            let started = ContinuousClock.now
            let objects = try SampleApplication.objects()
            try await SampleApplication.apply(objects, with: client, fieldManager: "ferry-sandbox-demo")
            let applied = started.duration(to: .now)
            try await SampleApplicationReadiness.wait(client, namespace: SampleApplication.namespace, timeout: .seconds(60))
            let ready = started.duration(to: .now)
            let summary = try await SampleApplicationSummary.render(client, namespace: SampleApplication.namespace)
            let message = """

                Deployed the sample application "\(SampleApplication.namespace)" (\(objects.count) objects) to the source cluster: \
                applied in \(applied.formatted(.units(allowed: [.milliseconds]))), ready after \(ready.formatted(.units(allowed: [.milliseconds]))).

                \(summary)
                Explore it:
                  export KUBECONFIG=\(kubeconfig)
                  kubectl --context source -n \(SampleApplication.namespace) get all,pvc,ingress,route,hpa,shops
                  kubectl --context destination get namespaces


                """
            FileHandle.standardOutput.write(Data(message.utf8))
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        if !stopWhenDone { try? await gracefulShutdown() }
    }
}
