import ArgumentParser
import Foundation
import KubeClient
import KubeCore
import Logging
import Subprocess

/// Measures KubeClient against a running sandbox cluster, with kubectl doing the same work
/// in the same run as the baseline. Prints a Markdown table.
@main
struct KubeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kube-bench",
        abstract: "Benchmark KubeClient and KubeSim against kubectl in the same run.")

    @Option(help: "The sandbox kubeconfig.")
    var kubeconfig: String

    @Option(help: "The context to use.")
    var context = "source"

    @Option(help: "The sandbox process id, for its memory readings.")
    var sandboxPID: Int32

    @Option(help: "Objects created by each client in the create-throughput run.")
    var creates = 2000

    @Option(help: "Objects in the list benchmark.")
    var listSize = 10_000

    @Option(help: "Watch events measured for latency.")
    var watchEvents = 500

    @Option(help: "Objects the sandbox holds for the memory reading.")
    var memoryObjects = 50_000

    @Option(help: "Concurrent requests KubeClient keeps in flight in the throughput runs.")
    var concurrency = 16

    func run() async throws {
        var logger = Logger(label: "kube-bench")
        logger.logLevel = .warning
        var configuration = try ClientConfiguration(
            kubeconfig: try Kubeconfig.load(paths: [kubeconfig]), context: context)
        configuration.queriesPerSecond = 100_000
        configuration.burst = 100_000
        let client = try KubeClient(configuration: configuration, logger: logger)
        do {
            print(try await measureAll(client).markdown())
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private func measureAll(_ client: KubeClient) async throws -> BenchReport {
        var report = BenchReport()
        let idleMemory = try ProcessMemory(pid: sandboxPID)
        report.add("sandbox memory, idle (RSS)", value: idleMemory.residentMiB, unit: "MiB")
        try await measureCreates(client, &report)
        try await measureList(client, &report)
        try await measureWatchLatency(client, &report)
        try await measureMemory(client, idle: idleMemory, &report)
        return report
    }

    private func measureCreates(_ client: KubeClient, _ report: inout BenchReport) async throws {
        try await BenchCluster.recreateNamespace("bench-kubeclient", client)
        try await BenchCluster.recreateNamespace("bench-kubeclient-serial", client)
        try await BenchCluster.recreateNamespace("bench-kubectl", client)

        let serial = try await Stopwatch.time {
            for index in 0..<creates {
                _ = try await client.create(BenchCluster.configMap(index, namespace: "bench-kubeclient-serial"))
            }
        }
        let concurrent = try await Stopwatch.time {
            try await BenchCluster.createConfigMaps(
                client, namespace: "bench-kubeclient", range: 0..<creates, concurrency: concurrency)
        }
        let manifest = FileManager.default.temporaryDirectory.appendingPathComponent("kube-bench-\(getpid()).json")
        try BenchCluster.configMapList(count: creates, namespace: "bench-kubectl").serialized()
            .withUnsafeBufferPointer { try Data(buffer: $0).write(to: manifest) }
        defer { try? FileManager.default.removeItem(at: manifest) }
        let kubectl = try await Stopwatch.time {
            try await Kubectl.run(["--kubeconfig", kubeconfig, "--context", context, "create", "-f", manifest.path, "-o", "name"])
        }
        let kubectlRate = Double(creates) / kubectl
        report.add("create, kubectl create -f (\(creates) ConfigMaps)", value: kubectlRate, unit: "objects/s", baseline: kubectlRate)
        report.add("create, KubeClient one at a time", value: Double(creates) / serial, unit: "objects/s", baseline: kubectlRate)
        report.add("create, KubeClient \(concurrency) in flight", value: Double(creates) / concurrent, unit: "objects/s", baseline: kubectlRate)
    }

    private func measureList(_ client: KubeClient, _ report: inout BenchReport) async throws {
        let namespace = "bench-list"
        try await BenchCluster.recreateNamespace(namespace, client)
        try await BenchCluster.createConfigMaps(client, namespace: namespace, range: 0..<listSize, concurrency: concurrency)
        let resource = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
        var whole: [Double] = []
        var paged: [Double] = []
        var kubectl: [Double] = []
        for _ in 0..<5 {
            whole.append(try await Stopwatch.time {
                let list = try await client.list(resource, namespace: namespace, options: ListOptions(labelSelector: "app=bench"))
                try BenchCheck.count(list.items.count, expected: listSize, what: "list")
            })
            paged.append(try await Stopwatch.time {
                let list = try await client.listAll(resource, namespace: namespace, options: ListOptions(labelSelector: "app=bench", limit: 500))
                try BenchCheck.count(list.items.count, expected: listSize, what: "paged list")
            })
            kubectl.append(try await Stopwatch.time {
                try await Kubectl.run(["--kubeconfig", kubeconfig, "--context", context, "get", "configmaps", "-n", namespace, "-l", "app=bench", "-o", "json"])
            })
        }
        let baseline = Stopwatch.median(kubectl)
        report.add("list \(listSize), kubectl get -o json (pages of 500)", value: baseline * 1000, unit: "ms (median of 5)", baseline: baseline * 1000, lowerIsBetter: true)
        report.add("list \(listSize), KubeClient one request", value: Stopwatch.median(whole) * 1000, unit: "ms (median of 5)", baseline: baseline * 1000, lowerIsBetter: true)
        report.add("list \(listSize), KubeClient pages of 500", value: Stopwatch.median(paged) * 1000, unit: "ms (median of 5)", baseline: baseline * 1000, lowerIsBetter: true)
        _ = try await client.delete(apiVersion: "v1", kind: "Namespace", name: namespace)
    }

    private func measureWatchLatency(_ client: KubeClient, _ report: inout BenchReport) async throws {
        let namespace = "bench-watch"
        try await BenchCluster.recreateNamespace(namespace, client)
        let latencies = try await WatchLatency.measure(client, namespace: namespace, events: watchEvents)
        report.add("create round trip (baseline for watch latency)", value: latencies.createRoundTripMedian * 1000, unit: "ms p50", baseline: latencies.createRoundTripMedian * 1000, lowerIsBetter: true)
        report.add("watch event latency, create sent → event received", value: latencies.p50 * 1000, unit: "ms p50", baseline: latencies.createRoundTripMedian * 1000, lowerIsBetter: true)
        report.add("watch event latency", value: latencies.p99 * 1000, unit: "ms p99")
    }

    private func measureMemory(_ client: KubeClient, idle: ProcessMemory, _ report: inout BenchReport) async throws {
        let namespace = "bench-memory"
        try await BenchCluster.recreateNamespace(namespace, client)
        let held = try await BenchCluster.objectCount(client)
        let toCreate = max(0, memoryObjects - held)
        try await BenchCluster.createConfigMaps(client, namespace: namespace, range: 0..<toCreate, concurrency: concurrency)
        let total = try await BenchCluster.objectCount(client)
        let loaded = try ProcessMemory(pid: sandboxPID)
        report.add("sandbox holding \(total) objects, RSS now", value: loaded.residentMiB, unit: "MiB")
        report.add("sandbox holding \(total) objects, peak RSS (VmHWM)", value: loaded.peakMiB, unit: "MiB")
        report.add("memory per object above idle", value: (loaded.residentMiB - idle.residentMiB) * 1024 * 1024 / Double(max(total, 1)), unit: "bytes")
    }
}
