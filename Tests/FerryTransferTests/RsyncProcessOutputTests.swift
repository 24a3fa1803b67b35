@testable import FerryTransfer
import Synchronization
import Testing

@Suite("Rsync client output")
struct RsyncProcessOutputTests {
    /// Collects what a run passed on.
    final class Collected: Sendable {
        let reports = Mutex<[RsyncProgress]>([])
        let lines = Mutex<[String]>([])
    }

    @Test("thousands of per-file reports, written one at a time: the reports passed on only grow, the last is rsync's last, other lines and the statistics survive", .timeLimit(.minutes(1)))
    func readsEveryKindOfLine() async throws {
        let script = """
            i=1
            while [ $i -le 3000 ]; do
                printf '         %d,000  %d%%    1.00MB/s    0:00:01 (xfr#%d, to-chk=%d/3000)\\r' $i $((i / 30)) $i $((3000 - i))
                i=$((i + 1))
            done
            printf '\\nNumber of files: 3,001 (reg: 2,990, dir: 1, link: 10)\\nTotal file size: 3,000,000 bytes\\nLiteral data: 3,000,000 bytes\\nTotal bytes sent: 3,100,000\\n'
            """
        let collected = Collected()
        let outcome = try await RsyncProcess(
            executable: "/bin/sh", arguments: ["-c", script], password: "unused", errorFile: "/dev/null"
        ).run(
            progress: { report in collected.reports.withLock { $0.append(report) } },
            line: { line in collected.lines.withLock { $0.append(line) } })

        #expect(outcome.status.code == 0)
        #expect(outcome.literalBytes == 3_000_000)
        #expect(outcome.statistics == RsyncStatistics(entries: 3001, files: 3000, totalFileSize: 3_000_000, literalBytes: 3_000_000))
        #expect(outcome.lastProgress?.bytes == 3_000_000)
        #expect(outcome.lastProgress?.filesTransferred == 3000)
        let reports = collected.reports.withLock { $0 }
        #expect(!reports.isEmpty)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytes < $1.bytes })
        #expect(reports.last?.filesRemaining == 0)
        #expect(collected.lines.withLock { $0 } == [
            "Number of files: 3,001 (reg: 2,990, dir: 1, link: 10)", "Total file size: 3,000,000 bytes", "Literal data: 3,000,000 bytes", "Total bytes sent: 3,100,000",
        ])
    }

    @Test("a report is told from statistics and itemized lines by its leading digits and percentage")
    func classifiesLines() {
        #expect(RsyncProcess.isProgressReport(Array("    15,165   0%    0.00kB/s    0:00:00 (xfr#1, ir-chk=1002/1355)".utf8)[...]))
        #expect(!RsyncProcess.isProgressReport(Array("Number of files: 3 (reg: 3)".utf8)[...]))
        #expect(!RsyncProcess.isProgressReport(Array(">f+++++++++ dir/100%.txt".utf8)[...]))
        #expect(!RsyncProcess.isProgressReport(Array("".utf8)[...]))
    }

    @Test("statistics: only their own lines count, thousands commas and all; a run with no entries has no files")
    func readsStatistics() {
        var statistics = RsyncStatistics()
        for line in ["Matched data: 1,234 bytes", "Number of regular files transferred: 7", "Total transferred file size: 9 bytes"] {
            statistics.read(Array(line.utf8)[...])
        }
        #expect(statistics == RsyncStatistics())
        statistics.read(Array("Literal data: 1,234 bytes".utf8)[...])
        statistics.read(Array("Number of files: 1,203,457 (reg: 1,100,000, dir: 103,000, link: 450, dev: 4, special: 3)".utf8)[...])
        #expect(statistics == RsyncStatistics(entries: 1_203_457, files: 1_100_450, literalBytes: 1234))
        var empty = RsyncStatistics()
        empty.read(Array("Number of files: 0".utf8)[...])
        #expect(empty.entries == 0 && empty.files == 0)
    }
}
