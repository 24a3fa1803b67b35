/// The user name a service account authenticates as: `system:serviceaccount:<ns>:<name>`.
public enum ServiceAccountName {
    /// The prefix of every service-account user name.
    public static let prefix = "system:serviceaccount:"

    /// The user name of the service account `name` in `namespace`.
    public static func userName(namespace: String, name: String) -> String {
        "\(prefix)\(namespace):\(name)"
    }

    /// The namespace and name of a service-account user name; `nil` for other users.
    public static func parse(_ userName: String) -> (namespace: String, name: String)? {
        guard userName.hasPrefix(prefix) else { return nil }
        let parts = userName.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }

    /// The groups a service account's user belongs to.
    public static func groups(namespace: String) -> [String] {
        ["system:serviceaccounts", "system:serviceaccounts:\(namespace)", "system:authenticated"]
    }
}
