import Foundation
public import KubeClient
import KubeCore
public import Logging
import Synchronization

/// Elects one leader among controller replicas with a `coordination.k8s.io/v1` Lease, as
/// client-go's leaderelection does: the holder renews the lease every retry period; others
/// take it over once it has not changed for a lease duration (measured on their own clock,
/// so clock skew between replicas does not matter) or when the holder released it.
public final class LeaderElector: Sendable {
    static let leases = GroupVersionResource(group: "coordination.k8s.io", version: "v1", resource: "leases")

    /// The settings.
    public let settings: LeaderElection
    private let client: KubeClient
    private let logger: Logger
    private let clock = ContinuousClock()
    private let state = Mutex(State())

    private struct State {
        var isLeader = false
        var attempts = 0
        /// The lease's holder and renew time as last seen, and when they last changed.
        var observedRecord: String?
        var observedAt: ContinuousClock.Instant?
    }

    /// Creates an elector; `run(whileLeading:)` campaigns.
    public init(client: KubeClient, settings: LeaderElection, logger: Logger) {
        self.client = client
        self.settings = settings
        self.logger = logger
    }

    /// Whether this candidate holds the lease right now.
    public var isLeader: Bool { state.withLock { $0.isLeader } }

    /// How many times this candidate tried to acquire or renew the lease.
    public var attempts: Int { state.withLock { $0.attempts } }

    /// Waits until this candidate holds the lease, then runs `body` while renewing it.
    ///
    /// Returns when `body` returns or the task is cancelled, releasing the lease so another
    /// candidate takes over at once. Throws `LeaderElectionError` when the lease could not be
    /// renewed within the renew deadline: `body` is cancelled first, because another replica
    /// may lead by then.
    public func run(whileLeading body: @escaping @Sendable () async throws -> Void) async throws {
        while try await !campaign() {
            try await Task.sleep(for: settings.retryPeriod)
        }
        logger.info("became leader", metadata: ["lease": "\(settings.namespace)/\(settings.leaseName)", "identity": "\(settings.identity)"])
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>.self) { group in
            group.addTask {
                do {
                    try await body()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask { await self.renewUntilLost() }
            let first = await group.next() ?? .success(())
            group.cancelAll()
            return first
        }
        state.withLock { $0.isLeader = false }
        if case .failure(let error) = outcome, error is LeaderElectionError {
            throw error
        }
        // Releasing must happen even though the task was cancelled (that is how shutdown
        // arrives), so it runs in a task that does not inherit the cancellation.
        let releasing = Task { [self] in await self.release() }
        await releasing.value
        if case .failure(let error) = outcome, !(error is CancellationError) { throw error }
    }

    /// One attempt to acquire; an unreachable API server is logged and tried again, not fatal.
    private func campaign() async throws -> Bool {
        do {
            return try await tryAcquireOrRenew()
        } catch {
            try Task.checkCancellation()
            logger.warning("acquiring the lease failed; retrying", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// Renews every retry period; returns a failure once renewal failed for longer than the
    /// renew deadline, and success when cancelled.
    private func renewUntilLost() async -> Result<Void, any Error> {
        var lastRenewal = clock.now
        while true {
            do {
                try await Task.sleep(for: settings.retryPeriod)
            } catch {
                return .success(())
            }
            do {
                if try await tryAcquireOrRenew() {
                    lastRenewal = clock.now
                    continue
                }
            } catch {
                if Task.isCancelled { return .success(()) }
                logger.warning("renewing the lease failed", metadata: ["error": "\(error)"])
            }
            if clock.now - lastRenewal > settings.renewDeadline {
                return .failure(LeaderElectionError(
                    "lost the lease \(settings.namespace)/\(settings.leaseName): not renewed within \(settings.renewDeadline); stopping so that only one replica leads"))
            }
        }
    }

    /// Takes the lease when it is free, expired or ours; `false` when another candidate holds it.
    func tryAcquireOrRenew() async throws -> Bool {
        state.withLock { $0.attempts += 1 }
        let now = Self.microTime(Date())
        let durationSeconds = Int(settings.leaseDuration.components.seconds)
        let lease: KubeObject
        do {
            lease = try await client.get(Self.leases, name: settings.leaseName, namespace: settings.namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            var fresh = KubeObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", name: settings.leaseName, namespace: settings.namespace)
            fresh["spec"] = .object([
                "holderIdentity": .string(settings.identity), "leaseDurationSeconds": .int(Int64(durationSeconds)),
                "acquireTime": .string(now), "renewTime": .string(now), "leaseTransitions": .int(0),
            ])
            do {
                _ = try await client.create(Self.leases, fresh, namespace: settings.namespace)
            } catch let error as KubeAPIError where error.isAlreadyExists {
                return false
            }
            return becameLeader(true)
        }
        let holder = lease[path: "spec", "holderIdentity"]?.stringValue ?? ""
        let record = "\(holder)|\(lease[path: "spec", "renewTime"]?.stringValue ?? "")"
        let observedAt: ContinuousClock.Instant = state.withLock { state in
            if state.observedRecord != record || state.observedAt == nil {
                state.observedRecord = record
                state.observedAt = clock.now
            }
            return state.observedAt ?? clock.now
        }
        let heldByOther = !holder.isEmpty && holder != settings.identity
        if heldByOther, clock.now - observedAt < settings.leaseDuration {
            return becameLeader(false)
        }
        var updated = lease
        var spec = lease[path: "spec"]?.objectValue ?? [:]
        if holder != settings.identity {
            spec["acquireTime"] = .string(now)
            let transitions = spec["leaseTransitions"]?.intValue ?? 0
            spec["leaseTransitions"] = .int(Int64(transitions + 1))
        }
        spec["holderIdentity"] = .string(settings.identity)
        spec["leaseDurationSeconds"] = .int(Int64(durationSeconds))
        spec["renewTime"] = .string(now)
        updated["spec"] = .object(spec)
        do {
            _ = try await client.update(Self.leases, updated, namespace: settings.namespace)
        } catch let error as KubeAPIError where error.isConflict {
            return becameLeader(false)
        }
        return becameLeader(true)
    }

    private func becameLeader(_ leading: Bool) -> Bool {
        state.withLock { $0.isLeader = leading }
        return leading
    }

    /// Gives the lease up so a waiting candidate need not wait for it to expire.
    private func release() async {
        do {
            var lease = try await client.get(Self.leases, name: settings.leaseName, namespace: settings.namespace)
            guard lease[path: "spec", "holderIdentity"]?.stringValue == settings.identity else { return }
            var spec = lease[path: "spec"]?.objectValue ?? [:]
            spec["holderIdentity"] = .string("")
            spec["leaseDurationSeconds"] = .int(1)
            spec["renewTime"] = .string(Self.microTime(Date()))
            lease["spec"] = .object(spec)
            _ = try await client.update(Self.leases, lease, namespace: settings.namespace)
            logger.info("released the lease", metadata: ["lease": "\(settings.namespace)/\(settings.leaseName)"])
        } catch {
            logger.warning("releasing the lease failed; others take over once it expires", metadata: ["error": "\(error)"])
        }
    }

    /// `MicroTime`: RFC 3339 with six fractional digits.
    static func microTime(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970
        let whole = Int64(seconds.rounded(.down))
        let micros = Int((seconds - Double(whole)) * 1_000_000)
        let base = KubeTime.format(secondsSince1970: whole).dropLast()
        let fraction = String(micros)
        return "\(base).\(String(repeating: "0", count: Swift.max(0, 6 - fraction.count)))\(fraction)Z"
    }
}
