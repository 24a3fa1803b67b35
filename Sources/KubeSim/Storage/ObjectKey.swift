/// Where an object lives inside one resource: its namespace (empty for cluster-scoped
/// objects) and name. Orders by namespace, then name, as lists are returned.
struct ObjectKey: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    init(namespace: String?, name: String) {
        self.namespace = namespace ?? ""
        self.name = name
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        lhs.namespace != rhs.namespace ? lhs.namespace < rhs.namespace : lhs.name < rhs.name
    }
}
