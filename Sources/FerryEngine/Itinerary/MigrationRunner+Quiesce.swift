import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    /// Scales the source application down, saving what it was in annotations.
    func quiesceSource(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.quiescesSource else {
            return .skipped("quiescePods is not set: the source application keeps running")
        }
        let report = try await Quiescer(client: source, logger: logger).quiesce(namespaces: scope.plan.sourceNamespaces)
        return .done(
            report.isEmpty ? "Nothing to quiesce" : "Quiesced \(report.changes.count) workload(s)",
            progress: report.changes.map(\.description))
    }

    /// Waits until the quiesced workloads' pods are gone.
    func waitForSourceQuiesced(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.quiescesSource else { return .skipped("quiescePods is not set") }
        let quiescer = Quiescer(client: source, logger: logger)
        do {
            try await quiescer.waitUntilQuiesced(namespaces: scope.plan.sourceNamespaces, timeout: settings.inlineWait)
            return .done("The source application's pods are gone")
        } catch let error as QuiesceError where error.code == .timedOut {
            let waited = secondsInStep(of: .ensureSourceQuiesced, migration: scope.migration)
            if waited >= settings.quiesceTimeout.components.seconds {
                throw MigrationRunnerError(code: "quiesce-timeout", message: "the source did not quiesce in \(waited)s: \(error.message)")
            }
            return .waiting("Waiting for the source application's pods to go: \(error.message)")
        }
    }

    /// Puts workloads back as their annotations say they were.
    func unquiesce(_ client: KubeClient, namespaces: [String], side: String) async throws -> PhaseResult {
        let report = try await Quiescer(client: client, logger: logger).unquiesce(namespaces: namespaces)
        if report.isEmpty { return .done("No quiesced workloads on the \(side)") }
        return .done("Restored \(report.changes.count) workload(s) on the \(side)", progress: report.changes.map(\.description))
    }

    static let workloadResources: [GroupVersionResource] = [
        GroupVersionResource(group: "apps", version: "v1", resource: "deployments"),
        GroupVersionResource(group: "apps", version: "v1", resource: "statefulsets"),
        GroupVersionResource(group: "apps", version: "v1", resource: "daemonsets"),
    ]

    /// Waits (within limits) until the migrated workloads are ready on the destination; a
    /// workload that is not ready in time is a warning, not a failure: its objects are there.
    func verify(_ scope: MigrationScope) async throws -> PhaseResult {
        let selector = ListOptions(labelSelector: "\(MigrationAPI.migratedByPlanLabel)=\(scope.plan.uid)")
        let deadline = ContinuousClock.now + settings.inlineWait
        var notReady: [String] = []
        var checked = 0
        while true {
            notReady = []
            checked = 0
            for namespace in scope.plan.destinationNamespaces {
                for resource in Self.workloadResources {
                    for workload in try await destination.listAll(resource, namespace: namespace, options: selector).items {
                        checked += 1
                        if !Self.isReady(workload) { notReady.append("\(workload.kind.isEmpty ? resource.resource : workload.kind) \(workload.qualifiedName)") }
                    }
                }
            }
            if notReady.isEmpty || ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        if notReady.isEmpty {
            return .done("\(checked) workload(s) ready on the destination")
        }
        let waited = secondsInStep(of: .verification, migration: scope.migration)
        guard waited >= settings.verificationTimeout.components.seconds else {
            return .waiting("Waiting for \(notReady.count) workload(s) to become ready: \(notReady.prefix(5).joined(separator: ", "))")
        }
        let condition = MigrationCondition(
            type: "DestinationWorkloadsNotReady", reason: "NotReady", category: MigrationCondition.Category.warn,
            message: "\(notReady.count) workload(s) were not ready on the destination after \(waited)s: \(notReady.prefix(10).joined(separator: ", ")); check their pods with kubectl describe",
            durable: true)
        return .done("\(notReady.count) of \(checked) workload(s) not ready", progress: notReady, conditions: [condition])
    }

    static func isReady(_ workload: KubeObject) -> Bool {
        if workload.kind == "DaemonSet" {
            let desired = workload[path: "status", "desiredNumberScheduled"]?.intValue ?? 0
            return (workload[path: "status", "numberReady"]?.intValue ?? 0) >= desired
        }
        let wanted = workload[path: "spec", "replicas"]?.intValue ?? 1
        return (workload[path: "status", "readyReplicas"]?.intValue ?? 0) >= wanted
    }
}
