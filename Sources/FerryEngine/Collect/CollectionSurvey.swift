/// How many objects of each kind a collection would read.
public struct CollectionSurvey: Sendable, Hashable {
    /// Objects by kind.
    public var counts: [String: Int] = [:]
    /// Whether the counts are exact; a label selector makes some of them lower bounds.
    public var isExact = true

    /// Creates an empty survey.
    public init() {}

    /// All objects.
    public var total: Int { counts.values.reduce(0, +) }

    /// `12 ConfigMap, 3 Deployment, …`, most numerous first.
    public var summary: String {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }
}
