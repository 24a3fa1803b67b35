import ArgumentParser
import FerryController
import FerryCLI
import Foundation
import KubeClient
import Logging
import ServiceLifecycle

/// `ferry controller`: reconciles MigClusters, MigPlans and MigMigrations until stopped.
struct ControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller",
        abstract: "Run the Ferry controller against the host cluster (SIGTERM or SIGINT stops it gracefully).",
        discussion: "Inside a pod without --kubeconfig or --context, the pod's service account is used.")

    @OptionGroup var host: HostOptions

    @Flag(help: "Reconcile only while holding the controller's Lease (for more than one replica).")
    var leaderElect = false

    @Option(help: "Concurrent reconciles per kind.")
    var workers: Int?

    @Option(help: "Log level (trace, debug, info, notice, warning, error).")
    var logLevel: String = "info"

    @OptionGroup(title: "Volume data") var volumes: DirectVolumeOptions

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if Logger.Level(rawValue: logLevel) == nil { throw ValidationError("--log-level \(logLevel) is not one of trace, debug, info, notice, warning, error") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ferry.controller")
        let configuration = try clientConfiguration()
        var settings = ControllerSettings()
        if let workers {
            settings.workers = workers
            settings.migrationWorkers = workers
        }
        let environment = ProcessInfo.processInfo.environment
        settings.enablePVResizing = environment["ENABLE_DVM_PV_RESIZING"] == "true"
        let identity = environment["POD_NAME"] ?? "\(ProcessInfo.processInfo.hostName)-\(UUID().uuidString.prefix(8).lowercased())"
        let service = FerryControllerService(
            configuration: configuration, namespace: host.namespace, settings: settings,
            leaderElection: leaderElect ? LeaderElection(namespace: host.namespace, identity: identity) : nil,
            directVolume: try volumes.settings(), logger: logger)
        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: service)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        // A stop must end the process even when some request or child process does not wind
        // down: every phase resumes after a kill (tested), while a controller that lingers holds
        // its lease and keeps its replacement waiting. Past both bounds ServiceLifecycle exits
        // the process with a fatal error, as the kubelet's SIGKILL would after the grace period.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(5)
        groupConfiguration.maximumCancellationDuration = .seconds(3)
        let group = ServiceGroup(configuration: groupConfiguration)
        try await group.run()
    }

    /// The kubeconfig's context when one is named or no in-cluster account exists; the pod's
    /// service account otherwise.
    private func clientConfiguration() throws -> ClientConfiguration {
        let environment = ProcessInfo.processInfo.environment
        if host.kubeconfig == nil, host.context == nil, environment["KUBERNETES_SERVICE_HOST"] != nil {
            return host.rateLimited(try ClientConfiguration.inCluster(environment: environment))
        }
        return host.rateLimited(try host.contexts().configuration(context: host.context, namespace: host.namespace))
    }
}
