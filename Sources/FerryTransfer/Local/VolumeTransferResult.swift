/// How the copy of one volume ended.
public struct VolumeTransferResult: Sendable {
    /// The last progress report of the volume (phase, totals, attempts, warnings).
    public var progress: VolumeTransferProgress
    /// rsync's exit status of the last attempt (the worst of its streams).
    public var exitStatus: RsyncExitStatus
    /// The checksum comparison, when the volume asked for one.
    public var verification: VerificationReport?

    /// Creates a result.
    public init(progress: VolumeTransferProgress, exitStatus: RsyncExitStatus, verification: VerificationReport? = nil) {
        self.progress = progress
        self.exitStatus = exitStatus
        self.verification = verification
    }
}
