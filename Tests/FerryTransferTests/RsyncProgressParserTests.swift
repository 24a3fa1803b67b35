import FerryTransfer
import Testing

@Suite("Rsync progress and exit codes")
struct RsyncProgressParserTests {
    @Test("a progress2 line yields bytes, percent, rate, elapsed time and file counts")
    func parsesProgressLine() throws {
        let progress = try #require(RsyncProgressParser.parse(line: "      1,234,567  45%   12.34MB/s    0:00:05 (xfr#12, to-chk=3/20)"))
        #expect(progress.bytes == 1_234_567)
        #expect(progress.percent == 45)
        #expect(abs(progress.bytesPerSecond - 12.34 * 1024 * 1024) < 1)
        #expect(progress.elapsedSeconds == 5)
        #expect(progress.filesTransferred == 12)
        #expect(progress.filesRemaining == 3)
        #expect(progress.filesTotal == 20)
    }

    @Test("carriage-return separated output gives every report and skips other lines")
    func parsesStream() throws {
        let output = "sending incremental file list\r\n          0   0%    0.00kB/s    0:00:00\r     32,768  50%  512.00kB/s    1:02:03 (xfr#1, ir-chk=1/4)\r\n     65,536 100%  1.5GB/s    0:00:01 (xfr#2, to-chk=0/4)\n\nsent 1,234 bytes  received 56 bytes\n"
        let reports = RsyncProgressParser.reports(in: output)
        try #require(reports.map(\.percent) == [0, 50, 100])
        #expect(reports[1].elapsedSeconds == 3723)
        #expect(reports[1].filesRemaining == 1)
        #expect(reports[1].bytesPerSecond == 512 * 1024)
        #expect(reports[2].filesTotal == 4)
        #expect(!reports[1].isFinished, "ir-chk=0 would still be scanning; 1 left here anyway")
        #expect(reports[2].isFinished)
        #expect(RsyncProgressParser.parse(line: "  10  50%  1.00MB/s  0:00:00 (xfr#1, ir-chk=0/9)")?.isFinished == false)
    }

    @Test("human-readable byte counts are understood and junk is not a report")
    func humanReadableAndJunk() {
        #expect(RsyncProgressParser.parse(line: "  1.50M  10%  1.00MB/s  0:00:01")?.bytes == 1_572_864)
        #expect(RsyncProgressParser.parse(line: "total size is 1,234  speedup is 1.00") == nil)
        #expect(RsyncProgressParser.parse(line: "  12  140%  1.00MB/s  0:00:01") == nil)
    }

    @Test("exit code 24 is a warning, 0 success, others failures with rsync's meaning")
    func classifiesExitCodes() {
        #expect(RsyncExitStatus(code: 0).outcome == .success)
        let vanished = RsyncExitStatus(code: 24)
        #expect(vanished.outcome == .warning && vanished.isSuccess)
        #expect(vanished.meaning.contains("vanished"))
        for (code, words) in [(23, "partial"), (10, "socket"), (30, "timeout"), (5, "protocol")] as [(Int32, String)] {
            let status = RsyncExitStatus(code: code)
            #expect(status.outcome == .failure)
            #expect(status.meaning.contains(words))
            #expect(status.description.contains("\(code)"))
        }
        #expect(RsyncExitStatus(code: 10).isRetryable)
        #expect(!RsyncExitStatus(code: 1).isRetryable)
        #expect(RsyncExitStatus(code: 99).meaning.contains("unknown"))
    }
}
