import Foundation

/// Collects per-field problems of a form, so every problem is reported at once.
struct FieldChecks {
    private(set) var problems: [String: String] = [:]

    mutating func add(_ field: String, _ message: String) {
        if problems[field] == nil { problems[field] = message }
    }

    /// The trimmed value; a problem when it is missing or empty.
    @discardableResult
    mutating func required(_ value: String?, _ field: String, what: String) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            add(field, "\(what) is required")
            return nil
        }
        return value
    }

    /// A name most objects may have: a DNS-1123 subdomain.
    mutating func objectName(_ value: String?, _ field: String, what: String) {
        guard let value = required(value, field, what: what) else { return }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        if value.count > 253 || !labels.allSatisfy({ Self.isLabel($0) }) {
            add(field, "\(what) \"\(value)\" is not a valid name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (at most 253)")
        }
    }

    /// A namespace name: a DNS-1123 label.
    mutating func namespaceName(_ value: String?, _ field: String, what: String) {
        guard let value = required(value, field, what: what) else { return }
        if !Self.isLabel(Substring(value)) {
            add(field, "\(what) \"\(value)\" is not a valid namespace name: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
        }
    }

    /// An `https://` (or `http://`) URL with a host.
    mutating func url(_ value: String?, _ field: String, what: String, required isRequired: Bool) {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            if isRequired { add(field, "\(what) is required") }
            return
        }
        guard let url = URL(string: value), let scheme = url.scheme, ["https", "http"].contains(scheme), let host = url.host, !host.isEmpty else {
            add(field, "\(what) \"\(value)\" is not an http(s) URL such as https://api.example.com:6443")
            return
        }
    }

    /// One of `allowed`, when set.
    mutating func oneOf(_ value: String?, _ allowed: [String], _ field: String, what: String) {
        guard let value, !value.isEmpty else { return }
        if !allowed.contains(value) { add(field, "\(what) \"\(value)\" is not one of \(allowed.joined(separator: ", "))") }
    }

    /// PEM certificates, when set.
    mutating func certificates(_ value: String?, _ field: String, what: String) {
        guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return }
        if !value.contains("-----BEGIN CERTIFICATE-----") || !value.contains("-----END CERTIFICATE-----") {
            add(field, "\(what) must be PEM certificates (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)")
        }
    }

    /// Throws the problems found, if any.
    func check() throws(ConsoleValidationError) {
        if !problems.isEmpty { throw ConsoleValidationError(fields: problems) }
    }

    static func isLabel(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, text.count <= 63 else { return false }
        func allowed(_ character: Character) -> Bool { character.isASCII && (character.isLowercase || character.isNumber) }
        return allowed(first) && allowed(last) && text.allSatisfy { allowed($0) || $0 == "-" }
    }
}
