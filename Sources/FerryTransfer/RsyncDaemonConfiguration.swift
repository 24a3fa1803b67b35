/// The destination's rsync daemon: one module per volume, listening on loopback only so the
/// authenticated tunnel is the only way in, each module guarded by the migration's password.
public struct RsyncDaemonConfiguration: Sendable, Hashable {
    /// One volume the daemon writes into.
    public struct Module: Sendable, Hashable {
        /// The module's name (what the client writes after `::`).
        public var name: String
        /// The directory the volume is mounted at.
        public var path: String
        /// Whether this module chroots, overriding the daemon's ``RsyncDaemonConfiguration/useChroot``.
        public var useChroot: Bool?

        /// Creates a module.
        public init(name: String, path: String, useChroot: Bool? = nil) {
            self.name = name
            self.path = path
            self.useChroot = useChroot
        }
    }

    /// The volumes, one module each.
    public var modules: [Module]
    /// The loopback port the daemon listens on.
    public var port: Int
    /// The address the daemon binds (loopback unless a test needs otherwise).
    public var address: String
    /// The user rsync writes files as, so the source's owners are kept (root in a transfer pod).
    public var uid: String
    /// The group rsync writes files as.
    public var gid: String
    /// The single user allowed into every module.
    public var username: String
    /// The secrets file (`username:password`, mode 0600) the daemon reads.
    public var secretsFile: String
    /// The pid file.
    public var pidFile: String
    /// The log file (stderr when nil).
    public var logFile: String?
    /// Whether the daemon chroots into each module (needs root). Only then does rsyncd keep
    /// symlink targets exactly: without chroot it sanitizes them, turning `/etc/hostname` into
    /// `etc/hostname` and dropping leading `../`.
    public var useChroot: Bool = false

    /// Creates a configuration; module names must be unique and made of letters, digits, `.`, `_` and `-`.
    public init(
        modules: [Module], port: Int, address: String = "127.0.0.1", uid: String = "root", gid: String = "root",
        username: String = "ferry", secretsFile: String, pidFile: String, logFile: String? = nil
    ) throws {
        var seen = Set<String>()
        for module in modules {
            let allowed = module.name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
            }
            guard !module.name.isEmpty, allowed else {
                throw TransferError(code: .invalidSetting, message: "rsync module name '\(module.name)' may only contain letters, digits, '.', '_' and '-'; derive it from the claim's name")
            }
            guard seen.insert(module.name).inserted else {
                throw TransferError(code: .invalidSetting, message: "rsync module '\(module.name)' is listed twice; every volume needs its own module name")
            }
            guard module.path.hasPrefix("/"), !module.path.contains("\n") else {
                throw TransferError(code: .invalidSetting, message: "rsync module '\(module.name)' has path '\(module.path)'; give an absolute path")
            }
        }
        guard (1...65535).contains(port) else {
            throw TransferError(code: .invalidSetting, message: "rsync daemon port \(port) is outside 1-65535")
        }
        self.modules = modules
        self.port = port
        self.address = address
        self.uid = uid
        self.gid = gid
        self.username = username
        self.secretsFile = secretsFile
        self.pidFile = pidFile
        self.logFile = logFile
    }

    /// The rsyncd.conf text.
    public func rendered() -> String {
        var lines = [
            "address = \(address)",
            "port = \(port)",
            "pid file = \(pidFile)",
            "use chroot = \(useChroot ? "yes" : "no")",
            "uid = \(uid)",
            "gid = \(gid)",
            "hosts allow = \(address)",
            // See StunnelConfiguration: without it every turn of the protocol waits for a delayed ACK.
            "socket options = TCP_NODELAY",
        ]
        if let logFile { lines.append("log file = \(logFile)") }
        for module in modules {
            lines += [
                "",
                "[\(module.name)]",
                "path = \(module.path)",
            ]
            if let chroot = module.useChroot { lines.append("use chroot = \(chroot ? "yes" : "no")") }
            lines += [
                "read only = false",
                // rsyncd munges symlinks by default when it does not chroot; the volume's links must arrive as they are.
                "munge symlinks = no",
                "list = no",
                "auth users = \(username)",
                "secrets file = \(secretsFile)",
                "strict modes = yes",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The secrets file's text for `password`.
    public func secretsFileContents(password: String) -> String {
        "\(username):\(password)\n"
    }
}
