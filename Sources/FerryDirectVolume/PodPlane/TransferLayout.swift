/// Where things live inside the transfer pods and which ports they use (MTC's 2222 outside).
/// The pods use ``pod``; tests run the pods' commands as local processes with another layout.
struct TransferLayout: Sendable, Hashable {
    /// The port the destination's stunnel accepts TLS on, and its Service's port.
    var tunnelPort = 2222
    /// The loopback port of the rsync daemon, and of the client's stunnel end.
    var rsyncPort = 8873
    /// The configuration files (a ConfigMap on the destination).
    var configDirectory = "/etc/ferry-transfer/config"
    /// The certificates, keys and rsync secrets (and the client's `stunnel.conf`).
    var secretDirectory = "/etc/ferry-transfer/secret"
    /// A writable emptyDir for pid files and rsyncd's own copy of its secrets.
    var runDirectory = "/run/ferry-transfer"
    /// Where claims are mounted, under `<namespace>/<claim>`.
    var mountRoot = "/mnt"
    /// The rsync program the containers run.
    var rsync = "/usr/bin/rsync"
    /// The stunnel program the containers run.
    var stunnel = "/usr/bin/stunnel"

    /// The user rsync authenticates as.
    static let rsyncUser = "ferry"
    /// The layout inside the transfer pods.
    static let pod = TransferLayout()

    /// Where a claim is mounted: `/mnt/<namespace>/<claim>`.
    func mountPath(namespace: String, claim: String) -> String { "\(mountRoot)/\(namespace)/\(claim)" }
}
