import FerryDirectVolume
import FerryTransfer
import Testing

@Suite("Direct volume settings and progress text")
struct DirectVolumeSettingsTests {
    @Test("MTC's environment variables set the transfer settings")
    func environmentSetsTheSettings() throws {
        let settings = try DirectVolumeSettings().applying(environment: [
            "RSYNC_OPT_BWLIMIT": "2048", "RSYNC_OPT_DELETE": "true", "RSYNC_OPT_HARDLINKS": "false", "RSYNC_OPT_EXTRAS": "--acls --xattrs",
            "RSYNC_BACKOFF_LIMIT": "3", "STUNNEL_TCP_PROXY": "http://u:p@proxy:3128", "DVM_STREAMS_PER_VOLUME": "8", "DVM_DATA_PLANE": "pod",
            "SOURCE_SUPPLEMENTAL_GROUPS": "1000, 2000", "DVM_ENDPOINT_TYPE": "nodePort", "RSYNC_OPT_PARTIAL": "",
        ])
        #expect(settings.transfer.bandwidthLimitKiBps == 2048)
        #expect(settings.transfer.delete == true)
        #expect(settings.transfer.hardLinks == false)
        #expect(settings.transfer.partial == true, "an empty value keeps the default")
        #expect(settings.transfer.extraOptions == ["--acls", "--xattrs"])
        #expect(settings.transfer.backoffLimit == 3)
        #expect(settings.transfer.tunnelProxy == "http://u:p@proxy:3128")
        #expect(settings.transfer.streamsPerVolume == 8)
        #expect(settings.plane == .pod)
        #expect(settings.pods.sourceSupplementalGroups == [1000, 2000])
        #expect(settings.pods.endpoint == .nodePort)
    }

    @Test("a bad value is refused naming the variable")
    func badValueIsRefusedNamingTheVariable() {
        #expect(throws: DirectVolumeSettings.EnvironmentError.self) {
            _ = try DirectVolumeSettings().applying(environment: ["RSYNC_OPT_ARCHIVE": "maybe"])
        }
        do {
            _ = try DirectVolumeSettings().applying(environment: ["DVM_STREAMS_PER_VOLUME": "0"])
            Issue.record("0 streams was accepted")
        } catch {
            #expect(error.name == "DVM_STREAMS_PER_VOLUME")
            #expect(error.message.contains("at least 1"))
        }
    }

    @Test("a running volume's line shows percent, sizes, files, rate, elapsed time and attempt")
    func runningLineShowsEverything() {
        let progress = VolumeTransferProgress(
            id: "shop/data", phase: .running, bytesTransferred: 1_288_490_189, totalBytes: 2_899_102_925, percent: 45, filesTransferred: 1234,
            totalFiles: 5000, bytesPerSecond: 118 * 1_048_576, elapsed: .seconds(12), attempt: 2)
        #expect(VolumeProgressText.line(progress) == "shop/data: 45% (1.2 GiB of 2.7 GiB), 1,234 of 5,000 files, 118 MiB/s, 12s elapsed, attempt 2")
    }

    @Test("a failed volume's line names its attempts, rsync's exit code and message")
    func failedLineNamesExitCodeAndMessage() {
        let attempt = TransferAttempt(number: 3, started: .now, ended: .now, exitCode: 23, message: "rsync: open \"x\" failed: Permission denied")
        let progress = VolumeTransferProgress(id: "shop/data", phase: .failed, attempt: 3, attempts: [attempt])
        #expect(VolumeProgressText.line(progress) == "shop/data: failed after 3 attempt(s), exit code 23: rsync: open \"x\" failed: Permission denied")
        #expect(VolumeProgressText.duration(.seconds(3725)) == "1h2m5s")
        #expect(VolumeProgressText.count(1_234_567) == "1,234,567")
    }
}
