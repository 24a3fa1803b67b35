import FerryTransfer
import Foundation
import KubeCore

extension PodPlaneTransfer {
    /// The attempt a client pod runs (its annotation), 1 when it has none.
    static func attemptNumber(of pod: KubeObject) -> Int {
        Int(pod.annotations[TransferResourceNames.attemptAnnotation] ?? "") ?? 1
    }

    /// When the pod started, else when it was created.
    static func startTime(of pod: KubeObject) -> Date? {
        (pod.string("status", "startTime") ?? pod.creationTimestamp).flatMap(date)
    }

    /// The latest transition among the pod's conditions: when an evicted or lost pod, which
    /// has no terminated container, ended (a stable time, so its retry delay can pass).
    static func lastTransition(of pod: KubeObject) -> Date? {
        (pod.status?["conditions"]?.arrayValue ?? []).compactMap { $0["lastTransitionTime"]?.stringValue.flatMap(date) }.max()
    }

    /// A Kubernetes timestamp as a date.
    static func date(_ text: String) -> Date? {
        KubeTime.parse(text).map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// The terminated state of the rsync container (the exit code that matters).
    static func rsyncTermination(of pod: KubeObject) -> JSONValue? {
        let statuses = pod.status?["containerStatuses"]?.arrayValue ?? []
        let rsync = statuses.first { $0["name"]?.stringValue == "rsync" }
        return rsync?["state"]?["terminated"] ?? rsync?["lastState"]?["terminated"]
    }

    /// rsync's error lines in a log (`rsync: …`, `rsync error: …`, `@ERROR: …`), the last few.
    static func failureLines(_ log: String?) -> String? {
        guard let log else { return nil }
        let lines = log.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
            .filter { $0.hasPrefix("rsync") || $0.hasPrefix("@ERROR") || $0.contains("error") }
        guard !lines.isEmpty else { return nil }
        return lines.suffix(5).joined(separator: "\n")
    }

    /// The delay before the attempt that follows `failures` failures: the initial delay,
    /// doubled per further failure, capped at the maximum.
    static func retryDelay(afterFailures failures: Int, settings: TransferSettings) -> Duration {
        var delay = settings.initialRetryDelay
        for _ in 1..<max(failures, 1) where delay < settings.maximumRetryDelay {
            delay *= 2
        }
        return min(delay, settings.maximumRetryDelay)
    }

    /// The warning of every volume copied by transfer pods that do not run as root.
    static let rewrittenLinksWarning = "the transfer pods do not run as root, so the destination's rsync daemon cannot chroot into the claim: symlinks whose targets are absolute or point outside the volume arrive rewritten relative to it; set runAsRoot to keep them exactly"

    /// The report of a volume from its current attempt's log (rsync's last progress line when
    /// the log can be read; only the phase otherwise).
    static func progress(_ volume: PodTransferVolume, attempt: Int, history: [TransferAttempt], log: String?, now: Date) -> VolumeTransferProgress {
        var progress = VolumeTransferProgress(id: volume.id, attempt: attempt, attempts: history)
        if let first = history.first {
            progress.elapsed = .seconds(max(0, now.timeIntervalSince(first.started)))
        }
        if let log, let last = RsyncProgressParser.reports(in: log).last {
            progress.bytesTransferred = last.bytes
            progress.percent = last.isFinished ? 100 : last.percent
            progress.bytesPerSecond = last.bytesPerSecond
            progress.filesTransferred = last.filesTransferred ?? 0
            if last.fileListComplete { progress.totalFiles = last.filesTotal }
            if history.isEmpty { progress.elapsed = .seconds(last.elapsedSeconds) }
        }
        return progress
    }
}
