/// Where things live inside the transfer pods and which ports they use (MTC's 2222 outside).
enum TransferPaths {
    /// The port the destination's stunnel accepts TLS on, and its Service's port.
    static let tunnelPort = 2222
    /// The loopback port of the rsync daemon, and of the client's stunnel end.
    static let rsyncPort = 8873
    /// The configuration files (a ConfigMap on the destination, the Secret on the source).
    static let configDirectory = "/etc/ferry-transfer/config"
    /// The certificates, keys and rsync secrets.
    static let secretDirectory = "/etc/ferry-transfer/secret"
    /// A writable emptyDir for pid files.
    static let runDirectory = "/run/ferry-transfer"
    /// The user rsync authenticates as.
    static let rsyncUser = "ferry"

    /// Where a claim is mounted: `/mnt/<namespace>/<claim>`.
    static func mountPath(namespace: String, claim: String) -> String { "/mnt/\(namespace)/\(claim)" }
}
