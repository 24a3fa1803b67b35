/// The rsync client's command-line options, from MTC's settings (`RSYNC_OPT_BWLIMIT`,
/// `…_ARCHIVE`, `…_PARTIAL`, `…_DELETE`, `…_HARDLINKS`, `…_INFO`, `…_EXTRAS`).
public struct RsyncOptions: Sendable, Hashable {
    /// Bandwidth limit in KiB/s (`--bwlimit`); nil or 0 is unlimited.
    public var bandwidthLimit: Int?
    /// Archive mode (`-a`: recursion, links, permissions, times, group, owner, devices).
    public var archive: Bool
    /// Keep partly transferred files so a retry resumes them (`--partial`).
    public var partial: Bool
    /// Delete destination files the source no longer has (`--delete`).
    public var delete: Bool
    /// Preserve hard links (`-H`).
    public var hardLinks: Bool
    /// Preserve ACLs and extended attributes (`-A -X`), when both ends support them.
    public var aclsAndExtendedAttributes: Bool
    /// Keep numeric owner ids rather than mapping by name (`--numeric-ids`).
    public var numericIDs: Bool
    /// Write runs of zeros as holes (`-S`; with `--inplace`, rsync 3.1.3 and newer punch them).
    public var sparse: Bool
    /// Write into the destination file itself rather than a temporary copy renamed over it
    /// (`--inplace`), which saves a temporary name and a rename per file. Only safe into a
    /// destination without hard links: written in place, a file hard-linked on the destination
    /// but no longer on the source would change its other names too. Off by default.
    public var inPlace: Bool
    /// Compare modification times to the nanosecond (`--modify-window=-1`). rsync's default
    /// compares whole seconds, so a same-size edit within the second of the last copy would be
    /// taken as unchanged and never copied.
    public var nanosecondTimes: Bool
    /// Compress on the wire (`-z`); off because volume data is often already compressed.
    public var compress: Bool
    /// The `--info` flags; `progress2` gives the whole-transfer progress lines that
    /// ``RsyncProgressParser`` reads.
    public var info: String?
    /// Further options, passed as they are.
    public var extras: [String]

    /// Creates options; the defaults are those of a stage copy.
    public init(
        bandwidthLimit: Int? = nil, archive: Bool = true, partial: Bool = true, delete: Bool = false,
        hardLinks: Bool = true, aclsAndExtendedAttributes: Bool = false, numericIDs: Bool = true,
        sparse: Bool = true, inPlace: Bool = false, nanosecondTimes: Bool = true, compress: Bool = false,
        info: String? = "progress2", extras: [String] = []
    ) {
        self.bandwidthLimit = bandwidthLimit
        self.archive = archive
        self.partial = partial
        self.delete = delete
        self.hardLinks = hardLinks
        self.aclsAndExtendedAttributes = aclsAndExtendedAttributes
        self.numericIDs = numericIDs
        self.sparse = sparse
        self.inPlace = inPlace
        self.nanosecondTimes = nanosecondTimes
        self.compress = compress
        self.info = info
        self.extras = extras
    }

    /// The options of a stage copy: everything but deletion, since the application still writes.
    public static var stage: RsyncOptions { RsyncOptions() }

    /// The options of the cutover copy: also delete what the quiesced source no longer has.
    public static var cutover: RsyncOptions { RsyncOptions(delete: true) }

    /// The options as arguments, before the source and destination.
    public func arguments() throws -> [String] {
        if inPlace, let conflicting = extras.first(where: { $0 == "--delay-updates" || $0.hasPrefix("--partial-dir") }) {
            throw TransferError(code: .invalidSetting, message: "rsync extras contain \(conflicting), which rsync refuses together with --inplace; drop it or turn inPlace off")
        }
        if let bandwidthLimit, bandwidthLimit < 0 {
            throw TransferError(code: .invalidSetting, message: "rsync bandwidth limit \(bandwidthLimit) is negative; give KiB/s, or 0 for unlimited")
        }
        var arguments: [String] = []
        if archive { arguments.append("--archive") }
        if hardLinks { arguments.append("--hard-links") }
        if aclsAndExtendedAttributes { arguments += ["--acls", "--xattrs"] }
        if numericIDs { arguments.append("--numeric-ids") }
        if sparse { arguments.append("--sparse") }
        if inPlace, !extras.contains("--inplace") { arguments.append("--inplace") }
        if nanosecondTimes { arguments.append("--modify-window=-1") }
        if partial { arguments.append("--partial") }
        // Through the tunnel the protocol's turns would otherwise each wait for a delayed ACK.
        arguments.append("--sockopts=TCP_NODELAY")
        if delete { arguments.append("--delete") }
        if compress { arguments.append("--compress") }
        if let bandwidthLimit, bandwidthLimit > 0 { arguments.append("--bwlimit=\(bandwidthLimit)") }
        if let info, !info.isEmpty { arguments.append("--info=\(info)") }
        return arguments + extras
    }
}
