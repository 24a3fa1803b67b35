import ArgumentParser

/// The Swift side of `scripts/bench-volumes.sh`: writes the rsync-over-stunnel baseline's
/// configuration with FerryTransfer's own credentials and configuration types (so the
/// baseline's tunnel is configured exactly like Ferry's), and times Ferry's local transfer.
@main
struct VolumeBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "volume-bench",
        abstract: "Direct volume migration benchmark helpers (see scripts/bench-volumes.sh).",
        subcommands: [TunnelConfigCommand.self, TransferCommand.self])
}
