#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The process's standard output, written unbuffered so live redraws appear at once.
enum Terminal {
    /// Whether standard output is a terminal (live redraws) or a file or pipe (plain lines).
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns, when standard output is a terminal that says.
    static var columns: Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Writes `text` as is.
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes `lines`, each with a newline.
    static func write(lines: [String]) {
        write(lines.map { $0 + "\n" }.joined())
    }

    /// Writes `text` to standard error.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
