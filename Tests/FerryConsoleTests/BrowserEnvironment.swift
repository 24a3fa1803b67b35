import Foundation

/// What the browser tests need on the machine: a Python with Selenium (`FERRY_PYTHON`, as
/// `scripts/test.sh` sets it), Chromium and its WebDriver. `missing` says what is absent and
/// how to install it, so the test can skip with a clear message.
struct BrowserEnvironment {
    var python: String
    var chromium: String
    var chromedriver: String

    /// The environment, or a message naming what is missing and the command that installs it.
    static func find() -> Result<BrowserEnvironment, BrowserEnvironmentMissing> {
        let environment = ProcessInfo.processInfo.environment
        guard let python = environment["FERRY_PYTHON"], FileManager.default.isExecutableFile(atPath: python) else {
            return .failure(BrowserEnvironmentMissing(message: "FERRY_PYTHON is not set to a Python with Selenium; run the tests with scripts/test.sh (it runs scripts/setup.sh)"))
        }
        let chromium = environment["FERRY_CHROMIUM"] ?? firstExecutable(["/usr/bin/chromium", "/usr/bin/chromium-browser"])
        let chromedriver = environment["FERRY_CHROMEDRIVER"] ?? firstExecutable(["/usr/bin/chromedriver"])
        guard let chromium, let chromedriver else {
            return .failure(BrowserEnvironmentMissing(message: "Chromium or chromedriver is missing; install the Debian packages chromium and chromium-driver (sudo scripts/setup.sh)"))
        }
        return .success(BrowserEnvironment(python: python, chromium: chromium, chromedriver: chromedriver))
    }

    private static func firstExecutable(_ paths: [String]) -> String? {
        paths.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Why the browser tests cannot run here.
struct BrowserEnvironmentMissing: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
