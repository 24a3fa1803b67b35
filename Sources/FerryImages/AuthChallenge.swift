/// A parsed `WWW-Authenticate` challenge from a registry's 401 answer.
struct AuthChallenge: Sendable, Equatable {
    /// The scheme the registry asks for.
    enum Scheme: Sendable, Equatable {
        case basic
        /// A token from `realm`, for `service`, covering `scope` when the registry names one.
        case bearer(realm: String, service: String?, scope: String?)
    }

    let scheme: Scheme

    /// Parses a header such as `Bearer realm="https://auth/token",service="registry",scope="repository:a:pull"`.
    init?(header: String) {
        let trimmed = header.drop(while: { $0 == " " })
        guard let space = trimmed.firstIndex(of: " ") ?? (trimmed.isEmpty ? nil : trimmed.endIndex) else { return nil }
        let name = trimmed[..<space].lowercased()
        let parameters = Self.parameters(String(trimmed[space...]))
        switch name {
        case "basic":
            scheme = .basic
        case "bearer":
            guard let realm = parameters["realm"] else { return nil }
            scheme = .bearer(realm: realm, service: parameters["service"], scope: parameters["scope"])
        default:
            return nil
        }
    }

    /// `key=value` and `key="quoted, value"` pairs separated by commas.
    private static func parameters(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        var index = text.startIndex
        func skip(_ characters: String) {
            while index < text.endIndex, characters.contains(text[index]) { index = text.index(after: index) }
        }
        while index < text.endIndex {
            skip(" ,")
            let keyStart = index
            while index < text.endIndex, text[index] != "=" { index = text.index(after: index) }
            guard index < text.endIndex else { break }
            let key = text[keyStart..<index].trimmingCharacters(in: " ").lowercased()
            index = text.index(after: index)
            var value = ""
            if index < text.endIndex, text[index] == "\"" {
                index = text.index(after: index)
                while index < text.endIndex, text[index] != "\"" {
                    if text[index] == "\\", text.index(after: index) < text.endIndex { index = text.index(after: index) }
                    value.append(text[index])
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
            } else {
                while index < text.endIndex, text[index] != "," {
                    value.append(text[index])
                    index = text.index(after: index)
                }
            }
            result[key] = value
        }
        return result
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(drop(while: { characters.contains($0) }).reversed().drop(while: { characters.contains($0) }).reversed())
    }
}
