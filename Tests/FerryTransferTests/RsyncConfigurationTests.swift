import FerryTransfer
import Testing

@Suite("Rsync daemon configuration and options")
struct RsyncConfigurationTests {
    @Test("every volume gets a writable, password-protected module on a loopback-only daemon")
    func daemonHasOneModulePerVolume() throws {
        let configuration = try RsyncDaemonConfiguration(
            modules: [.init(name: "data", path: "/mnt/ns/data"), .init(name: "logs", path: "/mnt/ns/logs")],
            port: 8873, secretsFile: "/etc/rsync.secrets", pidFile: "/run/rsyncd.pid")
        let text = configuration.rendered()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("address = 127.0.0.1"))
        #expect(lines.contains("hosts allow = 127.0.0.1"))
        #expect(lines.contains("port = 8873"))
        #expect(lines.filter { $0 == "read only = false" }.count == 2)
        #expect(lines.filter { $0 == "auth users = ferry" }.count == 2)
        #expect(lines.filter { $0 == "secrets file = /etc/rsync.secrets" }.count == 2)
        #expect(lines.contains("[data]") && lines.contains("path = /mnt/ns/data"))
        #expect(lines.contains("[logs]") && lines.contains("path = /mnt/ns/logs"))
        #expect(lines.contains("uid = root") && lines.contains("gid = root"))
        #expect(lines.contains("socket options = TCP_NODELAY"))
        #expect(configuration.secretsFileContents(password: "pw") == "ferry:pw\n")
    }

    @Test("module names that rsync would misread and duplicate modules are refused")
    func refusesBadModules() {
        #expect(throws: TransferError.self) {
            try RsyncDaemonConfiguration(modules: [.init(name: "a b]", path: "/x")], port: 1, secretsFile: "s", pidFile: "p")
        }
        #expect(throws: TransferError.self) {
            try RsyncDaemonConfiguration(modules: [.init(name: "a", path: "/x"), .init(name: "a", path: "/y")], port: 1, secretsFile: "s", pidFile: "p")
        }
        #expect(throws: TransferError.self) {
            try RsyncDaemonConfiguration(modules: [.init(name: "a", path: "relative")], port: 1, secretsFile: "s", pidFile: "p")
        }
    }

    @Test("generated passwords are long, alphanumeric and different each time")
    func passwordsAreFresh() {
        let first = TransferPassword.generate()
        #expect(first.count == 32)
        #expect(first.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        #expect(first != TransferPassword.generate())
    }

    @Test("stage options keep files, cutover options also delete; no compression by default")
    func stageAndCutoverOptions() throws {
        let stage = try RsyncOptions.stage.arguments()
        #expect(stage == ["--archive", "--hard-links", "--numeric-ids", "--sparse", "--modify-window=-1", "--partial", "--sockopts=TCP_NODELAY", "--info=progress2"])
        let cutover = try RsyncOptions.cutover.arguments()
        #expect(cutover.contains("--delete"))
        #expect(!cutover.contains("--compress"))
    }

    @Test("bandwidth limit, ACLs, extras are passed; times compare to the nanosecond; --inplace only when asked, never with --delay-updates")
    func settingsBecomeArguments() throws {
        let options = RsyncOptions(bandwidthLimit: 5000, aclsAndExtendedAttributes: true, extras: ["--checksum"])
        let arguments = try options.arguments()
        #expect(arguments.contains("--bwlimit=5000"))
        #expect(arguments.contains("--acls") && arguments.contains("--xattrs"))
        #expect(arguments.last == "--checksum")
        #expect(arguments.contains("--modify-window=-1") && !arguments.contains("--inplace"))
        #expect(arguments.contains("--sockopts=TCP_NODELAY"))
        #expect(!(try RsyncOptions(nanosecondTimes: false).arguments()).contains("--modify-window=-1"))
        let inPlace = try RsyncOptions(inPlace: true).arguments()
        #expect(inPlace.contains("--inplace") && inPlace.contains("--sparse"))
        let error = try #require(throws: TransferError.self) { try RsyncOptions(inPlace: true, extras: ["--delay-updates"]).arguments() }
        #expect(error.message.contains("--delay-updates"))
    }
}
