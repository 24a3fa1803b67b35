import Foundation
import Hummingbird

/// A posted `application/x-www-form-urlencoded` form as the pages read it: trimmed values,
/// checkboxes, and groups of fields named `prefix.KEY` (one per namespace or volume).
struct FormData: Sendable {
    private let fields: FormFields

    /// Parses an encoded form body.
    init(encoded: String) {
        fields = FormFields(encoded)
    }

    /// Reads the form a request posted (bounded, so a huge body cannot exhaust memory).
    init(request: Request, limit: Int = 2 << 20) async throws {
        var request = request
        let body = try await request.collectBody(upTo: limit)
        self.init(encoded: String(buffer: body))
    }

    /// The first value posted under `name`, trimmed of surrounding white space; `""` when absent.
    subscript(_ name: String) -> String {
        (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The value under `name`, or `nil` when it is absent or blank.
    func optional(_ name: String) -> String? {
        let value = self[name]
        return value.isEmpty ? nil : value
    }

    /// The first value posted under `name` exactly as sent (for PEM bundles and kubeconfigs).
    func raw(_ name: String) -> String {
        fields[name] ?? ""
    }

    /// Whether a checkbox named `name` was checked.
    func isChecked(_ name: String) -> Bool {
        fields.values(name).contains { $0 != "" && $0 != "false" }
    }

    /// The fields whose names start with `prefix`, keyed by the rest of the name.
    func values(prefixed prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in fields.pairs where pair.name.hasPrefix(prefix) && result[String(pair.name.dropFirst(prefix.count))] == nil {
            result[String(pair.name.dropFirst(prefix.count))] = pair.value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return result
    }
}
