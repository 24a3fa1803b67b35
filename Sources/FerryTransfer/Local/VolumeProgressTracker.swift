import Foundation

/// Sums the progress of a volume's rsync runs into one ``VolumeTransferProgress`` and reports
/// it about once a second, and at once on every phase or attempt change.
///
/// Each run counts the most bytes it (or an earlier attempt of the same stream) reached, so the
/// volume's bytes never go back when a stream restarts; attempts are numbered per volume, the
/// first covering every stream, each retry of a stream adding one.
///
/// With totals from the start (a copy into an empty destination, where nearly every byte is
/// sent) the percentage is of bytes. Without (a pass onto existing files, which sends little
/// and mostly checks) it is of the entries rsync has checked, as its `to-chk` counts say.
actor VolumeProgressTracker {
    private(set) var progress: VolumeTransferProgress
    private let report: @Sendable (VolumeTransferProgress) async -> Void
    private let start = ContinuousClock.now
    private var lastReport: ContinuousClock.Instant?
    private var bytesByRun: [String: Int64] = [:]
    private var filesByRun: [String: Int] = [:]
    private var rateByRun: [String: Double] = [:]
    private var checkedByRun: [String: (checked: Int, listed: Int)] = [:]
    private let percentOfBytes: Bool
    /// Reports go out one at a time and in order: while one is being delivered, newer ones
    /// replace each other here and the deliverer sends the latest when it is done.
    private var undelivered: VolumeTransferProgress?
    private var delivering = false

    init(id: String, totalBytes: Int64?, totalFiles: Int?, report: @escaping @Sendable (VolumeTransferProgress) async -> Void) {
        progress = VolumeTransferProgress(id: id, totalBytes: totalBytes, percent: 0, totalFiles: totalFiles)
        percentOfBytes = totalBytes != nil
        self.report = report
    }

    /// The copy starts: attempt 1 covers every stream.
    func started(runner: String) async {
        progress.phase = .running
        progress.attempts = [TransferAttempt(number: 1, runner: runner, started: Date(), bytesTransferred: 0)]
        await send(force: true)
    }

    /// A run of `runKey` reported progress.
    func update(runKey: String, with report: RsyncProgress) async {
        bytesByRun[runKey] = max(bytesByRun[runKey] ?? 0, report.bytes)
        filesByRun[runKey] = max(filesByRun[runKey] ?? 0, report.filesTransferred ?? 0)
        rateByRun[runKey] = report.bytesPerSecond
        if let listed = report.filesTotal, let remaining = report.filesRemaining, listed > 0 {
            checkedByRun[runKey] = (checked: max(0, listed - remaining), listed: listed)
        }
        recompute()
        await send(force: false)
    }

    /// A run that belonged to `attempt` ended without failing.
    func runSucceeded(runKey: String, attempt: Int, outcome: RsyncProcess.Outcome) async {
        rateByRun[runKey] = nil
        add(bytes: outcome.literalBytes ?? outcome.lastProgress?.bytes ?? 0, to: attempt)
        if outcome.status.outcome == .warning {
            progress.warnings.append("\(outcome.status): \(outcome.errorTail)")
        }
    }

    /// A run that belonged to `attempt` failed and will be retried by `runner`; returns the retry's attempt number.
    func retrying(runKey: String, failedAttempt attempt: Int, outcome: RsyncProcess.Outcome, runner: String) async -> Int {
        rateByRun[runKey] = nil
        add(bytes: outcome.lastProgress?.bytes ?? 0, to: attempt)
        close(attempt: attempt, outcome: outcome)
        let number = progress.attempts.count + 1
        progress.attempts.append(TransferAttempt(number: number, runner: runner, started: Date(), bytesTransferred: 0))
        progress.attempt = number
        await send(force: true)
        return number
    }

    /// The volume ended with `phase`; open attempts end with `status`.
    func finished(phase: VolumeTransferProgress.Phase, status: RsyncExitStatus, message: String?, lastAttempt: Int? = nil) async {
        if let lastAttempt {
            close(attempt: lastAttempt, outcome: RsyncProcess.Outcome(status: status, errorTail: message ?? ""))
        }
        for index in progress.attempts.indices where progress.attempts[index].ended == nil {
            progress.attempts[index].ended = Date()
            progress.attempts[index].exitCode = status.code
            progress.attempts[index].message = message ?? status.description
        }
        progress.phase = phase
        rateByRun = [:]
        recompute()
        if phase == .succeeded { progress.percent = 100 }
        await send(force: true)
    }

    /// The totals a pass onto existing files learned from rsync's statistics when it ended.
    func setTotals(from statistics: RsyncStatistics) {
        progress.totalBytes = statistics.totalFileSize ?? progress.totalBytes
        progress.totalFiles = statistics.files ?? progress.totalFiles
    }

    /// Adds a warning (shown in the next report).
    func warn(_ warning: String) {
        progress.warnings.append(warning)
    }

    private func add(bytes: Int64, to attempt: Int) {
        guard progress.attempts.indices.contains(attempt - 1) else { return }
        progress.attempts[attempt - 1].bytesTransferred = (progress.attempts[attempt - 1].bytesTransferred ?? 0) + bytes
    }

    private func close(attempt: Int, outcome: RsyncProcess.Outcome) {
        let index = attempt - 1
        guard progress.attempts.indices.contains(index), progress.attempts[index].ended == nil else { return }
        progress.attempts[index].ended = Date()
        progress.attempts[index].exitCode = outcome.status.code
        progress.attempts[index].message = outcome.errorTail.isEmpty ? outcome.status.description : "\(outcome.status): \(outcome.errorTail)"
    }

    private func recompute() {
        progress.bytesTransferred = bytesByRun.values.reduce(0, +)
        progress.filesTransferred = filesByRun.values.reduce(0, +)
        progress.bytesPerSecond = rateByRun.values.reduce(0, +)
        progress.elapsed = ContinuousClock.now - start
        if percentOfBytes {
            if let total = progress.totalBytes, total > 0 {
                progress.percent = Int(min(100, progress.bytesTransferred * 100 / total))
            }
        } else {
            let checked = checkedByRun.values.reduce(0) { $0 + $1.checked }
            let listed = checkedByRun.values.reduce(0) { $0 + $1.listed }
            // rsync lists a tree as it goes, so the share can dip when a directory adds entries;
            // 100 only when the volume is done.
            if listed > 0 { progress.percent = max(progress.percent ?? 0, min(99, checked * 100 / listed)) }
        }
    }

    private func send(force: Bool) async {
        let now = ContinuousClock.now
        if !force, let lastReport, now - lastReport < .seconds(1) { return }
        lastReport = now
        progress.elapsed = now - start
        undelivered = progress
        guard !delivering else { return }
        delivering = true
        while let next = undelivered {
            undelivered = nil
            await report(next)
        }
        delivering = false
    }
}
