import Foundation
import KubeClient

/// (b) A namespace of many ConfigMaps and Secrets: Ferry's cutover against a kubectl copy,
/// both in every run; the report gives medians and the ratio of the medians.
extension MigrateBench {
    struct BulkRun {
        var baseline: KubectlCopy.Timing
        var ferrySeconds: Double
        var migrated: Int
        var timeline: PhaseTimeline
        var memoryBefore: ProcessMemory
        var memoryAfter: ProcessMemory
    }

    func measureBulkCutovers(
        _ driver: FerryDriver, source: KubeClient, destination: KubeClient, _ report: inout BenchReport
    ) async throws -> (seconds: Double, timeline: PhaseTimeline) {
        var runs: [BulkRun] = []
        let stamp = Self.stamp()
        for run in 1...bulkRuns {
            runs.append(try await measureBulkCutover(driver, namespace: "bench-bulk-\(stamp)-\(run)", source: source, destination: destination))
        }
        let size = "\(configMaps) ConfigMaps + \(secrets) Secrets"
        let of = "median of \(bulkRuns)"
        let kubectl = Stopwatch.median(runs.map(\.baseline.total))
        let ferry = Stopwatch.median(runs.map(\.ferrySeconds))
        let objects = configMaps + secrets
        report.add("\(size): kubectl get -o json, \(of)", value: Stopwatch.median(runs.map(\.baseline.export)), unit: "s")
        report.add("\(size): clean the List for kubectl create, \(of)", value: Stopwatch.median(runs.map(\.baseline.transform)), unit: "s")
        report.add("\(size): kubectl create -f, \(of)", value: Stopwatch.median(runs.map(\.baseline.create)), unit: "s")
        report.add("\(size): kubectl copy (the three above), \(of)", value: kubectl, unit: "s", baseline: kubectl, lowerIsBetter: true)
        report.add("\(size): Ferry cutover, `\(driver.cutoverCommand("PLAN"))`, \(of)", value: ferry, unit: "s", baseline: kubectl, lowerIsBetter: true)
        report.add("\(size): kubectl copy throughput", value: Double(objects) / kubectl, unit: "objects/s", baseline: Double(objects) / kubectl)
        report.add("\(size): Ferry cutover throughput", value: Double(objects) / ferry, unit: "objects/s", baseline: Double(objects) / kubectl)
        let ratios = runs.map { $0.baseline.total / $0.ferrySeconds }.sorted()
        report.add(
            "\(size): Ferry ÷ kubectl throughput, each run", text: ratios.map { String(format: "%.2f×", $0) }.joined(separator: ", "),
            unit: "")
        let last = runs[runs.count - 1]
        report.add("controller memory before the last \(objects)-object cutover (RSS)", value: last.memoryBefore.residentMiB, unit: "MiB")
        report.add("controller memory after the last \(objects)-object cutover (RSS)", value: last.memoryAfter.residentMiB, unit: "MiB")
        return (last.ferrySeconds, last.timeline)
    }

    private func measureBulkCutover(_ driver: FerryDriver, namespace: String, source: KubeClient, destination: KubeClient) async throws -> BulkRun {
        let kubectlTarget = "\(namespace)-kubectl"
        let objects = BenchObjects.bulk(namespace: namespace, configMaps: configMaps, secrets: secrets)
        try await BenchCluster.recreateNamespace(namespace, source)
        try await BenchCluster.create(objects, source, concurrency: concurrency)
        try await BenchCluster.recreateNamespace(kubectlTarget, destination)

        let baseline = try await KubectlCopy(kubectl: BenchProcess(executable: "kubectl"), kubeconfig: kubeconfig)
            .copy(namespace: namespace, from: "source", to: kubectlTarget, on: "destination")
        try BenchCheck.count(baseline.objects, expected: objects.count, what: "kubectl copy of \(namespace)")

        try await driver.createPlan(namespace, namespace: namespace)
        let before = try ProcessMemory(pid: controllerPID)
        let (migration, timeline) = try await PhaseTimeline.record(plan: namespace, destination) { try await driver.cutover(namespace) }
        let after = try ProcessMemory(pid: controllerPID)
        let migrated = try await BenchCluster.count(BenchCluster.bulkKinds, set: "bulk", namespace: namespace, destination)
        try BenchCheck.count(migrated, expected: objects.count, what: "namespace \(namespace) on the destination after cutover \(migration.name)")
        return BulkRun(
            baseline: baseline, ferrySeconds: migration.seconds, migrated: migrated, timeline: timeline, memoryBefore: before, memoryAfter: after)
    }
}
