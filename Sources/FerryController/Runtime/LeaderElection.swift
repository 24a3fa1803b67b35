import Foundation

/// Settings of leader election among controller replicas, with client-go's defaults.
public struct LeaderElection: Sendable, Hashable {
    /// The namespace of the Lease.
    public var namespace: String
    /// The Lease's name.
    public var leaseName: String
    /// This candidate's identity (unique per replica: pod name, host name plus a random id).
    public var identity: String
    /// How long a lease is valid after its last renewal; a candidate takes over a lease that
    /// nobody renewed for this long.
    public var leaseDuration: Duration
    /// How long the leader keeps trying to renew before it gives up leading.
    public var renewDeadline: Duration
    /// How often candidates try to acquire, and the leader renews.
    public var retryPeriod: Duration

    /// An identity unique to this process: the host name (the pod name in a cluster) and a
    /// random suffix, so two replicas on one host never share it.
    public static func uniqueIdentity() -> String {
        ProcessInfo.processInfo.hostName + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
    }

    /// Creates settings.
    public init(namespace: String, leaseName: String = "ferry-controller", identity: String, leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)) {
        self.namespace = namespace
        self.leaseName = leaseName
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}

/// Why a leader stopped leading.
public struct LeaderElectionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public var message: String

    /// Creates an error.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
