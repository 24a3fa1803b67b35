import ArgumentParser
import FerryDirectVolume
import Foundation

/// How volume data is copied, for `ferry controller` and `ferry migrate --local`: MTC's
/// environment variables (`RSYNC_OPT_*`, `RSYNC_BACKOFF_LIMIT`, `STUNNEL_TCP_PROXY`, …) are
/// read first, then these flags override them.
struct DirectVolumeOptions: ParsableArguments {
    @Option(help: "Where volume data is copied: automatic (local rsync when this machine reaches both volumes' directories, transfer pods otherwise), local, or pod. Env: DVM_DATA_PLANE. Default: automatic, pod inside a pod.")
    var dataPlane: String?

    @Option(help: "Bandwidth limit per rsync stream in KiB/s. Env: RSYNC_OPT_BWLIMIT.")
    var rsyncBandwidthLimit: Int?

    @Option(help: "Further rsync options, space-separated. Env: RSYNC_OPT_EXTRAS.")
    var rsyncExtraOptions: String?

    @Option(help: "Attempts after a retryable rsync failure before a volume fails (default 20). Env: RSYNC_BACKOFF_LIMIT.")
    var rsyncBackoffLimit: Int?

    @Option(help: "rsync streams per volume (default 4). Env: DVM_STREAMS_PER_VOLUME.")
    var streamsPerVolume: Int?

    @Option(help: "Volumes copied at once (default 2). Env: DVM_CONCURRENT_VOLUMES.")
    var concurrentVolumes: Int?

    @Option(help: "HTTP CONNECT proxy for the transfer tunnel (http://user:pass@host:port). Env: STUNNEL_TCP_PROXY.")
    var stunnelProxy: String?

    @Flag(help: "Keep transfer work files, processes' configurations and pods after the copy, for debugging. Env: DVM_KEEP_TRANSFER_RESOURCES.")
    var keepTransferResources = false

    @Flag(help: "Create the destination claims without copying volume data.")
    var noVolumeData = false

    func validate() throws {
        if let dataPlane, DataPlaneSelection(rawValue: dataPlane) == nil {
            throw ValidationError("--data-plane \(dataPlane) is not one of automatic, local, pod")
        }
        if let rsyncBandwidthLimit, rsyncBandwidthLimit < 0 { throw ValidationError("--rsync-bandwidth-limit must not be negative") }
        if let rsyncBackoffLimit, rsyncBackoffLimit < 0 { throw ValidationError("--rsync-backoff-limit must not be negative") }
        if let streamsPerVolume, streamsPerVolume < 1 { throw ValidationError("--streams-per-volume must be at least 1") }
        if let concurrentVolumes, concurrentVolumes < 1 { throw ValidationError("--concurrent-volumes must be at least 1") }
    }

    /// The settings from the environment and the flags; nil with `--no-volume-data`.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DirectVolumeSettings? {
        guard !noVolumeData else { return nil }
        var settings: DirectVolumeSettings
        do {
            settings = try DirectVolumeSettings().applying(environment: environment)
        } catch {
            throw ValidationError("environment variable \(error.name): \(error.message)")
        }
        if let dataPlane, let plane = DataPlaneSelection(rawValue: dataPlane) {
            settings.plane = plane
        } else if environment["DVM_DATA_PLANE"] == nil, environment["KUBERNETES_SERVICE_HOST"] != nil {
            // Inside a pod, a hostPath that happens to exist in the container is not the
            // node's volume: copy with transfer pods unless told otherwise.
            settings.plane = .pod
        }
        if let rsyncBandwidthLimit { settings.transfer.bandwidthLimitKiBps = rsyncBandwidthLimit > 0 ? rsyncBandwidthLimit : nil }
        if let rsyncExtraOptions { settings.transfer.extraOptions = rsyncExtraOptions.split(separator: " ").map(String.init) }
        if let rsyncBackoffLimit { settings.transfer.backoffLimit = rsyncBackoffLimit }
        if let streamsPerVolume { settings.transfer.streamsPerVolume = streamsPerVolume }
        if let concurrentVolumes { settings.transfer.concurrentVolumes = concurrentVolumes }
        if let stunnelProxy { settings.transfer.tunnelProxy = stunnelProxy }
        if keepTransferResources { settings.transfer.keepTransferResources = true }
        return settings
    }
}
