/// An entry of `metadata.ownerReferences`.
public struct OwnerReference: Sendable, Hashable {
    /// The owner's `apiVersion`.
    public var apiVersion: String
    /// The owner's kind.
    public var kind: String
    /// The owner's name.
    public var name: String
    /// The owner's uid.
    public var uid: String
    /// Whether the owner is the managing controller.
    public var controller: Bool
    /// Whether foreground deletion of the owner waits for this object.
    public var blockOwnerDeletion: Bool

    /// Creates a reference.
    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool = false, blockOwnerDeletion: Bool = false) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    /// Reads a reference from JSON; `nil` when required fields are missing.
    public init?(json: JSONValue) {
        guard let apiVersion = json["apiVersion"]?.stringValue, let kind = json["kind"]?.stringValue,
            let name = json["name"]?.stringValue, let uid = json["uid"]?.stringValue
        else { return nil }
        self.init(
            apiVersion: apiVersion, kind: kind, name: name, uid: uid,
            controller: json["controller"]?.boolValue ?? false,
            blockOwnerDeletion: json["blockOwnerDeletion"]?.boolValue ?? false)
    }

    /// A reference that makes `owner` the controller of the object carrying it.
    public init(controlledBy owner: KubeObject) {
        self.init(
            apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.uid ?? "",
            controller: true, blockOwnerDeletion: true)
    }

    /// The JSON form.
    public var json: JSONValue {
        var value: JSONObject = [
            "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid),
        ]
        if controller { value["controller"] = .bool(true) }
        if blockOwnerDeletion { value["blockOwnerDeletion"] = .bool(true) }
        return .object(value)
    }
}
