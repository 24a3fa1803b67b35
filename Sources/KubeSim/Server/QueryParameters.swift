import Foundation
import HummingbirdCore

/// The decoded query string of a request, with typed readers for the parameters the
/// Kubernetes API accepts.
struct QueryParameters: Sendable {
    private var values: [String: String]

    /// Reads the query of `uri`.
    init(_ uri: URI) {
        var values: [String: String] = [:]
        for (key, value) in uri.queryParameters {
            values[String(key)] = String(value).replacingOccurrences(of: "+", with: " ")
        }
        self.values = values
    }

    /// The value of `name`, `nil` when absent or empty.
    subscript(name: String) -> String? {
        guard let value = values[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether `name` is present (with any value but `false` or `0`).
    func flag(_ name: String) -> Bool {
        guard let value = values[name] else { return false }
        return value != "false" && value != "0"
    }

    /// The value of `name` as an integer.
    func int(_ name: String) -> Int? {
        self[name].flatMap { Int($0) }
    }
}
