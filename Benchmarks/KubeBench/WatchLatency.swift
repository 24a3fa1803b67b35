import Foundation
import KubeClient
import KubeCore
import Synchronization

/// Time from sending a create to receiving its ADDED event on an open watch.
struct WatchLatency {
    var p50: Double
    var p99: Double
    var createRoundTripMedian: Double

    static func measure(_ client: KubeClient, namespace: String, events: Int) async throws -> WatchLatency {
        let resource = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
        let sentAt = SendTimes()
        let start = try await client.list(resource, namespace: namespace)
        return try await withThrowingTaskGroup(of: [Double].self) { group in
            group.addTask {
                var latencies: [Double] = []
                let watch = client.watch(resource, namespace: namespace, options: ListOptions(resourceVersion: start.resourceVersion))
                for try await event in watch where event.type == .added {
                    let received = ContinuousClock.now
                    guard let sent = sentAt.times.withLock({ $0[event.object.name] }) else { continue }
                    latencies.append(Stopwatch.seconds(sent.duration(to: received)))
                    if latencies.count == events { break }
                }
                return latencies
            }
            var roundTrips: [Double] = []
            for index in 0..<events {
                let object = BenchCluster.configMap(index, namespace: namespace)
                let sent = ContinuousClock.now
                sentAt.times.withLock { $0[object.name] = sent }
                _ = try await client.create(object)
                roundTrips.append(Stopwatch.seconds(sent.duration(to: .now)))
            }
            let latencies = try await group.next() ?? []
            group.cancelAll()
            let sorted = latencies.sorted()
            return WatchLatency(
                p50: sorted[sorted.count / 2], p99: sorted[min(sorted.count - 1, sorted.count * 99 / 100)],
                createRoundTripMedian: Stopwatch.median(roundTrips))
        }
    }
}

/// When each create was sent, shared between the creating task and the watching task.
private final class SendTimes: Sendable {
    let times = Mutex<[String: ContinuousClock.Instant]>([:])
}
