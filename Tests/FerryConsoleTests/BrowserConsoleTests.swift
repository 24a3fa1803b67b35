import Foundation
import Subprocess
import Testing

/// The console in real headless Chromium: `Tests/console/test_console.py` (Selenium) signs
/// in, adds the source cluster, creates a plan through the wizard, stages, cuts over while
/// watching the live view, rolls back, checks both widths and accessibility basics, and
/// signs in as a restricted user. Screenshots go to `test-artifacts/console/`.
@Suite("Console in a browser")
struct BrowserConsoleTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test("a person can add a cluster, plan, stage, cut over (watching it live), roll back, and a restricted user sees only what RBAC allows", .timeLimit(.minutes(4)))
    func consoleWalkthrough() async throws {
        let browser: BrowserEnvironment
        switch BrowserEnvironment.find() {
        case .success(let found): browser = found
        case .failure(let missing): try Test.cancel("browser tests skipped: \(missing.message)")
        }
        let probe = try await Subprocess.run(.path(.init(browser.python)), arguments: ["-c", "import selenium"], output: .discarded, error: .string(limit: 1 << 16))
        if !probe.terminationStatus.isSuccess {
            try Test.cancel("browser tests skipped: \(browser.python) lacks the selenium package (run scripts/setup.sh): \(probe.standardError)")
        }
        let artifacts = Self.repositoryRoot.appendingPathComponent("test-artifacts/console")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        try await BrowserWorld.run { world in
            let caFile = scratch.appendingPathComponent("source-ca.pem")
            try world.source.caCertificatePEM.write(to: caFile, atomically: true, encoding: .utf8)
            var environment: [Environment.Key: String?] = [
                "FERRY_CONSOLE_URL": world.consoleURL,
                "FERRY_CONSOLE_ADMIN_TOKEN": world.host.adminToken,
                "FERRY_CONSOLE_RESTRICTED_TOKEN": world.restrictedToken,
                "FERRY_SOURCE_URL": world.source.url,
                "FERRY_SOURCE_TOKEN": world.source.adminToken,
                "FERRY_SOURCE_CA_FILE": caFile.path,
                "FERRY_APP_NAMESPACE": BrowserWorld.applicationNamespace,
                "FERRY_RESTRICTED_NAMESPACE": BrowserWorld.restrictedNamespace,
                "FERRY_ARTIFACTS": artifacts.path,
                "FERRY_CHROMIUM": browser.chromium,
                "FERRY_CHROMEDRIVER": browser.chromedriver,
            ]
            environment["HOME"] = scratch.path
            let script = Self.repositoryRoot.appendingPathComponent("Tests/console/test_console.py").path
            let result = try await Subprocess.run(
                .path(.init(browser.python)), arguments: [script], environment: .inherit.updating(environment),
                output: .string(limit: 1 << 20), error: .string(limit: 4 << 20))
            let output = result.standardOutput
            let errors = result.standardError
            #expect(result.terminationStatus.isSuccess, "the browser test failed:\n\(output)\n\(errors.suffix(6000))")
            #expect(output.contains("PASSED"), "\(output)")
            let screenshots = try FileManager.default.contentsOfDirectory(atPath: artifacts.path).filter { $0.hasSuffix(".png") }
            #expect(screenshots.contains("migration-cutover-1280.png") && screenshots.contains("page-migration-390.png"), "\(screenshots.sorted())")
        }
    }
}
