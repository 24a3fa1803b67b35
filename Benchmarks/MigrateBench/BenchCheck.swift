/// Checks that a measured operation did the whole job.
enum BenchCheck {
    struct Mismatch: Error, CustomStringConvertible {
        var description: String
    }

    static func count(_ actual: Int, expected: Int, what: String) throws {
        guard actual == expected else { throw Mismatch(description: "\(what): \(actual) objects, expected \(expected)") }
    }
}
