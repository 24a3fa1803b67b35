import Foundation

/// Timestamps in the API's format.
enum Timestamp {
    /// Now, as `2006-01-02T15:04:05Z`.
    static func now() -> String {
        Date.now.formatted(Date.ISO8601FormatStyle())
    }

    /// Parses an API timestamp.
    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}
