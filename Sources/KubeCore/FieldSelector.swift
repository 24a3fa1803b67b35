/// A field selector: a conjunction of `path=value`, `path==value` and `path!=value` on
/// dotted object paths such as `metadata.name`, `status.phase` or `involvedObject.uid`.
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// One comparison of one field.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// The dotted path, such as `metadata.namespace`.
        public var field: String
        /// Whether the field must differ from `value` (`!=`) rather than equal it.
        public var negated: Bool
        /// The value compared against.
        public var value: String

        /// Creates a requirement.
        public init(field: String, negated: Bool = false, value: String) {
            self.field = field
            self.negated = negated
            self.value = value
        }

        /// Whether `object` satisfies this requirement. A missing field reads as `""`; numbers
        /// and Booleans compare by their JSON text.
        public func matches(_ object: KubeObject) -> Bool {
            let actual = FieldSelector.text(of: object.json[path: field.split(separator: ".").map(String.init)])
            return (actual == value) != negated
        }

        /// The requirement in query-string syntax.
        public var description: String { "\(field)\(negated ? "!=" : "=")\(value)" }
    }

    /// The requirements, all of which must hold.
    public var requirements: [Requirement]

    /// Creates a selector; no requirements selects everything.
    public init(requirements: [Requirement] = []) {
        self.requirements = requirements
    }

    /// Whether this selector has no requirements.
    public var isEmpty: Bool { requirements.isEmpty }

    /// Whether `object` satisfies every requirement.
    public func matches(_ object: KubeObject) -> Bool {
        requirements.allSatisfy { $0.matches(object) }
    }

    /// The selector in query-string syntax.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// The value of `field` when every object this selector matches must have it, as for
    /// `metadata.name=x`; lets a store look an object up instead of scanning.
    public func requiredValue(of field: String) -> String? {
        requirements.first { $0.field == field && !$0.negated }?.value
    }

    /// Parses `a=b,c!=d` (`==` is the same as `=`; `\,`, `\=` and `\\` escape). An empty string
    /// selects everything. Fails with 400 BadRequest on a malformed selector.
    public init(parsing text: String) throws(KubeAPIError) {
        var requirements: [Requirement] = []
        for term in Self.splitUnescaped(text, on: ",") where !term.allSatisfy({ $0 == " " }) {
            let (field, negated, rawValue) = try Self.splitTerm(term, selector: text)
            guard !field.isEmpty, field.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
                throw KubeAPIError.badRequest("invalid field selector \"\(text)\": invalid field path \"\(field)\"")
            }
            requirements.append(Requirement(field: field, negated: negated, value: Self.unescape(rawValue)))
        }
        self.init(requirements: requirements)
    }

    private static func splitTerm(_ term: String, selector: String) throws(KubeAPIError) -> (String, Bool, String) {
        let characters = Array(term)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "\\" {
                index += 2
                continue
            }
            if character == "!" && index + 1 < characters.count && characters[index + 1] == "=" {
                return (trim(characters[..<index]), true, String(characters[(index + 2)...]))
            }
            if character == "=" {
                let valueStart = index + 1 < characters.count && characters[index + 1] == "=" ? index + 2 : index + 1
                return (trim(characters[..<index]), false, String(characters[valueStart...]))
            }
            index += 1
        }
        throw KubeAPIError.badRequest("invalid field selector \"\(selector)\": \"\(term)\": is not a valid field selector: expected '=', '==' or '!='")
    }

    private static func trim(_ characters: ArraySlice<Character>) -> String {
        String(characters).trimmingSpaces()
    }

    private static func splitUnescaped(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                current.append(character)
                escaped = true
            } else if character == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    private static func unescape(_ text: String) -> String {
        var result = ""
        var escaped = false
        for character in text {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    static func text(of value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .bool(let flag)?: return flag ? "true" : "false"
        case .int(let number)?: return String(number)
        case let other?: return other.serializedString()
        }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
