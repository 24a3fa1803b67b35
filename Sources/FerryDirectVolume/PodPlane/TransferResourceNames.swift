public import FerryTransfer

/// The deterministic names and labels of one migration's transfer resources: the same
/// migration always finds the same objects, and every name stays a valid DNS label (≤ 63).
public struct TransferResourceNames: Sendable, Hashable {
    /// `owner: directvolumemigration` (MTC's label; network policies select on it).
    public static let ownerLabel = "owner"
    /// The owner label's value.
    public static let ownerValue = "directvolumemigration"
    /// `app: directvolumemigration-rsync-transfer` (MTC's label; network policies select on it).
    public static let appLabel = "app"
    /// The app label's value.
    public static let appValue = "directvolumemigration-rsync-transfer"
    /// `server` on the destination's objects, `client` on the source's.
    public static let roleLabel = "ferry.dev/transfer-role"
    /// The client pod's volume: its source claim (hashed when longer than a label value may be).
    public static let volumeLabel = "ferry.dev/transfer-volume"
    /// `stage` or `cutover`, so a cutover never mistakes a stage's finished pod for its own.
    public static let kindLabel = "ferry.dev/transfer-kind"
    /// The attempt a client pod runs, from 1.
    public static let attemptAnnotation = "ferry.dev/transfer-attempt"
    /// The ended attempts before this pod's, as JSON; kept on the newest pod so a restarted controller continues the count.
    public static let historyAnnotation = "ferry.dev/transfer-attempts"

    /// The migration's uid.
    public let migrationUID: String
    /// The prefix of every name: `dvm-` and a hash of the uid.
    public let base: String

    /// Names for the migration with `migrationUID`.
    public init(migrationUID: String) {
        self.migrationUID = migrationUID
        self.base = "dvm-" + Self.hash(migrationUID)
    }

    /// The destination's Service, Route or Ingress.
    public var endpoint: String { base }
    /// The destination's Secret (server certificate, key, CA, rsync secrets).
    public var serverSecret: String { "\(base)-server" }
    /// The destination's ConfigMap (`rsyncd.conf`, `stunnel.conf`).
    public var serverConfigMap: String { "\(base)-server" }
    /// The destination's transfer pod.
    public var serverPod: String { "\(base)-rsyncd" }

    /// The source's Secret for clients that send to `destinationNamespace`.
    public func clientSecret(destinationNamespace: String) -> String {
        "\(base)-client-" + Self.hash(destinationNamespace)
    }

    /// The client pod of attempt `attempt` of a `kind` copy of `claim`.
    public func clientPod(claim: String, kind: TransferKind, attempt: Int) -> String {
        let suffix = "-\(kind == .stage ? "s" : "c")\(attempt)"
        let room = 63 - base.count - 1 - suffix.count
        return "\(base)-\(Self.shortened(claim, to: room))\(suffix)"
    }

    /// The value of ``volumeLabel`` for `claim`.
    public func volumeLabelValue(claim: String) -> String { Self.shortened(claim, to: 63) }

    /// The labels every transfer resource of the migration carries on both clusters; the
    /// helper label keeps a collection of the source namespace from migrating them.
    public var commonLabels: [String: String] {
        [
            Self.ownerLabel: Self.ownerValue, Self.appLabel: Self.appValue,
            MigrationLabels.migration: migrationUID, MigrationLabels.helper: migrationUID,
        ]
    }

    /// The labels of the destination's objects.
    public var serverLabels: [String: String] { commonLabels.merging([Self.roleLabel: "server"]) { $1 } }

    /// The labels of a client pod.
    public func clientLabels(claim: String, kind: TransferKind) -> [String: String] {
        commonLabels.merging([Self.roleLabel: "client", Self.volumeLabel: volumeLabelValue(claim: claim), Self.kindLabel: kind == .stage ? "stage" : "cutover"]) { $1 }
    }

    /// The selector that finds every transfer resource of the migration.
    public var migrationSelector: String { "\(MigrationLabels.migration)=\(migrationUID),\(Self.ownerLabel)=\(Self.ownerValue)" }

    /// `name` if it fits in `limit` characters, else its head and a hash of the whole.
    static func shortened(_ name: String, to limit: Int) -> String {
        guard name.count > limit else { return name }
        var head = String(name.prefix(limit - 9))
        while head.hasSuffix("-") || head.hasSuffix(".") { head.removeLast() }
        return "\(head)-\(hash(name))"
    }

    /// Eight hex digits of the 64-bit FNV-1a hash: short, stable across runs and platforms.
    static func hash(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String((String(repeating: "0", count: 16 - hex.count) + hex).suffix(8))
    }
}
