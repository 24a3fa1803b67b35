extension LabelSelector {
    /// Parses the query-string syntax: comma-separated `a=b`, `a==b`, `a!=b`,
    /// `a in (x,y)`, `a notin (x)`, `a`, `!a`. An empty string selects everything.
    /// Fails with 400 BadRequest on a malformed selector.
    public init(parsing text: String) throws(KubeAPIError) {
        var parser = LabelSelectorParser(text: text)
        self.init(requirements: try parser.parse())
    }
}

/// A hand-written scanner for label selector strings; whitespace separates nothing but
/// tokens, and commas inside parentheses separate set values rather than requirements.
struct LabelSelectorParser {
    private let characters: [Character]
    private let text: String
    private var position = 0

    init(text: String) {
        self.text = text
        self.characters = Array(text)
    }

    mutating func parse() throws(KubeAPIError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        skipSpaces()
        if position == characters.count { return [] }
        while true {
            requirements.append(try parseRequirement())
            skipSpaces()
            if position == characters.count { break }
            guard characters[position] == "," else {
                throw failure("found '\(characters[position])', expected: ',' or end of string")
            }
            position += 1
        }
        return requirements
    }

    private mutating func parseRequirement() throws(KubeAPIError) -> LabelSelector.Requirement {
        skipSpaces()
        if position < characters.count, characters[position] == "!" {
            position += 1
            let key = try identifier(what: "identifier after '!'")
            try LabelSelector.validateKey(key)
            return LabelSelector.Requirement(key: key, op: .doesNotExist)
        }
        let key = try identifier(what: "identifier")
        try LabelSelector.validateKey(key)
        skipSpaces()
        guard position < characters.count, characters[position] != "," else {
            return LabelSelector.Requirement(key: key, op: .exists)
        }
        if characters[position] == "=" || characters[position] == "!" {
            let op: LabelSelector.Operator
            if characters[position] == "!" {
                guard position + 1 < characters.count, characters[position + 1] == "=" else {
                    throw failure("found '!', expected: '!='")
                }
                op = .notEquals
                position += 2
            } else {
                op = .equals
                position += 1
                if position < characters.count, characters[position] == "=" { position += 1 }
            }
            skipSpaces()
            let value = scanWord()
            try LabelSelector.validateValue(value, key: key)
            return LabelSelector.Requirement(key: key, op: op, values: [value])
        }
        let word = scanWord()
        let op: LabelSelector.Operator
        switch word {
        case "in": op = .in
        case "notin": op = .notIn
        default: throw failure("found '\(word)', expected: in, notin, =, ==, !=, ',' or end of string")
        }
        skipSpaces()
        guard position < characters.count, characters[position] == "(" else {
            throw failure("found '\(position < characters.count ? String(characters[position]) : "")', expected: '('")
        }
        position += 1
        var values: [String] = []
        while true {
            skipSpaces()
            let value = scanWord()
            try LabelSelector.validateValue(value, key: key)
            values.append(value)
            skipSpaces()
            guard position < characters.count else { throw failure("found end of string, expected: ')'") }
            if characters[position] == ")" {
                position += 1
                break
            }
            guard characters[position] == "," else { throw failure("found '\(characters[position])', expected: ',' or ')'") }
            position += 1
        }
        return LabelSelector.Requirement(key: key, op: op, values: values)
    }

    private mutating func identifier(what: String) throws(KubeAPIError) -> String {
        skipSpaces()
        let word = scanWord()
        guard !word.isEmpty else {
            let found = position < characters.count ? "'\(characters[position])'" : "end of string"
            throw failure("found \(found), expected: \(what)")
        }
        return word
    }

    private mutating func scanWord() -> String {
        let start = position
        while position < characters.count, !" \t,()=!".contains(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private mutating func skipSpaces() {
        while position < characters.count, characters[position] == " " || characters[position] == "\t" { position += 1 }
    }

    private func failure(_ detail: String) -> KubeAPIError {
        KubeAPIError.badRequest("unable to parse requirement: invalid label selector \"\(text)\": \(detail)")
    }
}
