/// Who a request comes from, as the authenticator established it.
public struct UserInfo: Sendable, Hashable {
    /// The user name, such as `kubernetes-admin` or `system:serviceaccount:ns:sa`.
    public var name: String
    /// A unique id.
    public var uid: String
    /// Groups, such as `system:masters` or `system:authenticated`.
    public var groups: [String]

    /// Creates user information.
    public init(name: String, uid: String = "", groups: [String] = []) {
        self.name = name
        self.uid = uid
        self.groups = groups
    }
}
