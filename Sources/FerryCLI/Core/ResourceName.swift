/// Checks of names the API server would reject, so the error names the flag instead.
enum ResourceName {
    /// A DNS subdomain (RFC 1123): what most objects' names must be.
    static func check(_ name: String, what: String) throws(FerryCLIError) {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard name.count <= 253, !labels.isEmpty, labels.allSatisfy({ isLabel(Substring($0)) }) else {
            throw FerryCLIError(
                code: "invalid-name",
                message: "\(what) \"\(name)\" is not a valid name: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit")
        }
    }

    /// A DNS label (RFC 1123): what namespaces' names must be.
    static func checkLabel(_ name: String, what: String) throws(FerryCLIError) {
        guard isLabel(Substring(name)) else {
            throw FerryCLIError(
                code: "invalid-name",
                message: "\(what): \"\(name)\" is not a valid namespace name: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit")
        }
    }

    private static func isLabel(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, text.count <= 63 else { return false }
        func allowed(_ character: Character) -> Bool { character.isASCII && (character.isLowercase || character.isNumber) }
        return allowed(first) && allowed(last) && text.allSatisfy { allowed($0) || $0 == "-" }
    }
}
