import FerryTransfer
import Foundation

/// The ended attempts of a volume, kept as JSON in an annotation of its newest client pod so
/// the count and the reasons survive a controller restart.
enum TransferAttemptHistory {
    private struct Record: Codable {
        var number: Int
        var runner: String?
        var started: Date
        var ended: Date?
        var exitCode: Int32?
        var message: String?
    }

    /// The longest message kept per attempt: the annotation must stay small.
    static let messageLimit = 1024

    /// The annotation's text for `attempts`.
    static func encode(_ attempts: [TransferAttempt]) -> String {
        let records = attempts.map {
            Record(number: $0.number, runner: $0.runner, started: $0.started, ended: $0.ended, exitCode: $0.exitCode,
                   message: $0.message.map { String($0.suffix(messageLimit)) })
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(records) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The attempts in an annotation's text; nothing for a missing or unreadable annotation.
    static func decode(_ text: String?) -> [TransferAttempt] {
        guard let text, !text.isEmpty else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let records = try? decoder.decode([Record].self, from: Data(text.utf8)) else { return [] }
        return records.map {
            TransferAttempt(number: $0.number, runner: $0.runner, started: $0.started, ended: $0.ended, exitCode: $0.exitCode, message: $0.message)
        }
    }
}
