public import KubeClient

/// A signed-in person: who the host cluster says they are, and a client that acts as them.
public struct ConsoleUser: Sendable {
    /// The user name the API server reported, such as `system:serviceaccount:team:deployer`.
    public var name: String
    /// The groups the API server reported.
    public var groups: [String]
    /// A client of the host cluster authenticated with the user's own token.
    public var client: KubeClient

    /// Creates a user.
    public init(name: String, groups: [String], client: KubeClient) {
        self.name = name
        self.groups = groups
        self.client = client
    }

    /// The namespace of a service account user (`system:serviceaccount:NAMESPACE:NAME`).
    public var serviceAccountNamespace: String? {
        let parts = name.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "system", parts[1] == "serviceaccount" else { return nil }
        return String(parts[2])
    }
}
