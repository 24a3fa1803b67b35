#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A process told apart from later holders of its pid by its start time (`/proc/PID/stat`).
struct ProcessIdentity: Equatable, Sendable {
    var pid: Int32
    /// Clock ticks after boot at which the process started.
    var startTime: UInt64

    /// This process.
    static func current() -> ProcessIdentity? {
        startTime(of: getpid()).map { ProcessIdentity(pid: getpid(), startTime: $0) }
    }

    /// Reads "PID STARTTIME" as `recordOwner` writes it.
    init?(recorded: String) {
        let fields = recorded.split(whereSeparator: \.isWhitespace)
        guard fields.count == 2, let pid = Int32(fields[0]), let startTime = UInt64(fields[1]) else { return nil }
        self.init(pid: pid, startTime: startTime)
    }

    init(pid: Int32, startTime: UInt64) {
        self.pid = pid
        self.startTime = startTime
    }

    /// Whether this very process still runs (its pid is taken by a process that started then).
    var isRunning: Bool {
        Self.startTime(of: pid) == startTime
    }

    /// Field 22 of `/proc/PID/stat`.
    static func startTime(of pid: Int32) -> UInt64? {
        // The fields after the name start at field 3 (the state): start time is the 20th of them.
        guard let fields = statFields(of: pid), fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }

    /// The fields of `/proc/PID/stat` after the command name (which may hold spaces and
    /// parentheses), from field 3, the state, on; nil when there is no such process.
    static func statFields(of pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let end = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: end)...].split(separator: " ")
    }

    /// The process's command line, its arguments joined by spaces.
    static func commandLine(of pid: Int32) -> String? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"), !data.isEmpty else { return nil }
        return String(decoding: data.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
