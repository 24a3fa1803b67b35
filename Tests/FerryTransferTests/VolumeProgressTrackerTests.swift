@testable import FerryTransfer
import Synchronization
import Testing

@Suite("Volume progress")
struct VolumeProgressTrackerTests {
    /// Keeps every report the tracker delivered.
    final class Delivered: Sendable {
        let reports = Mutex<[VolumeTransferProgress]>([])
    }

    private func report(bytes: Int64, remaining: Int, listed: Int, complete: Bool = false) -> RsyncProgress {
        RsyncProgress(bytes: bytes, percent: 0, bytesPerSecond: 1000, elapsedSeconds: 1, filesRemaining: remaining, filesTotal: listed, fileListComplete: complete)
    }

    @Test("with totals from the start the percentage is of bytes sent")
    func percentOfBytesWithTotals() async {
        let tracker = VolumeProgressTracker(id: "ns/data", totalBytes: 1000, totalFiles: 10, report: { _ in })
        await tracker.started(runner: "rsync, one pass")
        await tracker.update(runKey: "final", with: report(bytes: 250, remaining: 1, listed: 10, complete: true))
        #expect(await tracker.progress.percent == 25)
    }

    @Test("without totals (a pass onto existing files) the percentage is of entries checked, never goes back, and reaches 100 only when done; the statistics then give the totals")
    func percentOfCheckedEntriesWithoutTotals() async {
        let delivered = Delivered()
        let tracker = VolumeProgressTracker(id: "ns/data", totalBytes: nil, totalFiles: nil, report: { progress in
            delivered.reports.withLock { $0.append(progress) }
        })
        await tracker.started(runner: "rsync, one pass")
        // Few bytes go over the wire: what moves is rsync's count of entries still to check.
        await tracker.update(runKey: "final", with: report(bytes: 10, remaining: 600, listed: 1000))
        #expect(await tracker.progress.percent == 40)
        // A directory listed later adds entries: the share dips, the percentage stays.
        await tracker.update(runKey: "final", with: report(bytes: 20, remaining: 1500, listed: 2000))
        #expect(await tracker.progress.percent == 40)
        await tracker.update(runKey: "final", with: report(bytes: 30, remaining: 0, listed: 2000, complete: true))
        #expect(await tracker.progress.percent == 99)
        var statistics = RsyncStatistics()
        statistics.read(Array("Number of files: 2,001 (reg: 1,900, dir: 100, link: 1)".utf8)[...])
        statistics.read(Array("Total file size: 123,456 bytes".utf8)[...])
        await tracker.setTotals(from: statistics)
        await tracker.finished(phase: .succeeded, status: RsyncExitStatus(code: 0), message: nil)
        let final = await tracker.progress
        #expect(final.percent == 100 && final.totalFiles == 1901 && final.totalBytes == 123_456)
        #expect(final.bytesTransferred == 30)
        let percents = delivered.reports.withLock { $0.compactMap(\.percent) }
        #expect(zip(percents, percents.dropFirst()).allSatisfy { $0 <= $1 }, "\(percents)")
        #expect(percents.last == 100)
    }
}
