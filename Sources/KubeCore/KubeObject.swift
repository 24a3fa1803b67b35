/// A Kubernetes object of any kind, kept as lossless JSON with typed access to the fields
/// every object shares.
///
/// Changing a typed accessor writes straight into the JSON; every other field is carried
/// untouched.
public struct KubeObject: Sendable, Hashable {
    /// The whole object.
    public var body: JSONObject

    /// Wraps a JSON object.
    public init(_ body: JSONObject = [:]) {
        self.body = body
    }

    /// Wraps a JSON value, which must be an object.
    public init(json: JSONValue) throws(KubeAPIError) {
        guard case .object(let members) = json else {
            throw KubeAPIError.badRequest("the object is not a JSON object")
        }
        self.body = members
    }

    /// Parses JSON text.
    public init(parsing bytes: some Collection<UInt8>) throws(KubeAPIError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes)
        } catch {
            throw KubeAPIError.badRequest("the body is not valid JSON: \(error)")
        }
        try self.init(json: value)
    }

    /// Creates an object with an API version, kind, name and optional namespace.
    public init(apiVersion: String, kind: String, name: String, namespace: String? = nil) {
        self.body = ["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": .object([:])]
        self.name = name
        self.namespace = namespace
    }

    /// The object as a JSON value.
    public var json: JSONValue { .object(body) }

    /// The value at a path of object keys.
    public subscript(path path: String...) -> JSONValue? {
        get { JSONValue.object(body)[path: path] }
        set {
            var value = JSONValue.object(body)
            value[path: path] = newValue
            body = value.objectValue ?? [:]
        }
    }

    /// The top-level member `key`.
    public subscript(key: String) -> JSONValue? {
        get { body[key] }
        set { body[key] = newValue }
    }

    /// `apiVersion`, such as `apps/v1`.
    public var apiVersion: String {
        get { body["apiVersion"]?.stringValue ?? "" }
        set { body["apiVersion"] = .string(newValue) }
    }

    /// `kind`, such as `Deployment`.
    public var kind: String {
        get { body["kind"]?.stringValue ?? "" }
        set { body["kind"] = .string(newValue) }
    }

    /// The group and version from `apiVersion`.
    public var groupVersion: GroupVersion { GroupVersion(parsing: apiVersion) }

    /// `metadata`, as JSON.
    public var metadata: JSONObject {
        get { body["metadata"]?.objectValue ?? [:] }
        set { body["metadata"] = .object(newValue) }
    }

    private func metadataString(_ key: String) -> String? {
        body["metadata"]?[key]?.stringValue
    }

    private mutating func setMetadata(_ key: String, _ value: JSONValue?) {
        var members = metadata
        members[key] = value
        metadata = members
    }

    /// `metadata.name`; empty when not set.
    public var name: String {
        get { metadataString("name") ?? "" }
        set { setMetadata("name", newValue.isEmpty ? nil : .string(newValue)) }
    }

    /// `metadata.generateName`.
    public var generateName: String? {
        get { metadataString("generateName") }
        set { setMetadata("generateName", newValue.map(JSONValue.string)) }
    }

    /// `metadata.namespace`; `nil` for cluster-scoped objects.
    public var namespace: String? {
        get { metadataString("namespace") }
        set { setMetadata("namespace", newValue.map(JSONValue.string)) }
    }

    /// `metadata.uid`.
    public var uid: String? {
        get { metadataString("uid") }
        set { setMetadata("uid", newValue.map(JSONValue.string)) }
    }

    /// `metadata.resourceVersion`.
    public var resourceVersion: String? {
        get { metadataString("resourceVersion") }
        set { setMetadata("resourceVersion", newValue.map(JSONValue.string)) }
    }

    /// `metadata.generation`.
    public var generation: Int? {
        get { body["metadata"]?["generation"]?.intValue }
        set { setMetadata("generation", newValue.map { JSONValue.int(Int64($0)) }) }
    }

    /// `metadata.creationTimestamp`.
    public var creationTimestamp: String? {
        get { metadataString("creationTimestamp") }
        set { setMetadata("creationTimestamp", newValue.map(JSONValue.string)) }
    }

    /// `metadata.deletionTimestamp`; set while the object waits on finalizers.
    public var deletionTimestamp: String? {
        get { metadataString("deletionTimestamp") }
        set { setMetadata("deletionTimestamp", newValue.map(JSONValue.string)) }
    }

    private func stringMap(_ key: String) -> [String: String] {
        guard let members = body["metadata"]?[key]?.objectValue else { return [:] }
        var result: [String: String] = [:]
        for (name, value) in members {
            if let text = value.stringValue { result[name] = text }
        }
        return result
    }

    private mutating func setStringMap(_ key: String, _ map: [String: String]) {
        setMetadata(key, map.isEmpty ? nil : .object(map.mapValues(JSONValue.string)))
    }

    /// `metadata.labels`.
    public var labels: [String: String] {
        get { stringMap("labels") }
        set { setStringMap("labels", newValue) }
    }

    /// `metadata.annotations`.
    public var annotations: [String: String] {
        get { stringMap("annotations") }
        set { setStringMap("annotations", newValue) }
    }

    /// `metadata.finalizers`.
    public var finalizers: [String] {
        get { body["metadata"]?["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { setMetadata("finalizers", newValue.isEmpty ? nil : .array(newValue.map(JSONValue.string))) }
    }

    /// `metadata.ownerReferences`.
    public var ownerReferences: [OwnerReference] {
        get { body["metadata"]?["ownerReferences"]?.arrayValue?.compactMap(OwnerReference.init(json:)) ?? [] }
        set { setMetadata("ownerReferences", newValue.isEmpty ? nil : .array(newValue.map(\.json))) }
    }

    /// The owner reference marked `controller: true`, if any.
    public var controllerReference: OwnerReference? {
        ownerReferences.first { $0.controller }
    }

    /// `spec`.
    public var spec: JSONValue? {
        get { body["spec"] }
        set { body["spec"] = newValue }
    }

    /// `status`.
    public var status: JSONValue? {
        get { body["status"] }
        set { body["status"] = newValue }
    }

    /// `namespace/name`, or `name` for cluster-scoped objects; for messages.
    public var qualifiedName: String {
        if let namespace, !namespace.isEmpty { return "\(namespace)/\(name)" }
        return name
    }
}

extension KubeObject: CustomStringConvertible {
    public var description: String { json.serializedString() }
}

extension KubeObject: Codable {
    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let members) = value else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected an object"))
        }
        self.body = members
    }

    public func encode(to encoder: any Encoder) throws {
        try json.encode(to: encoder)
    }
}
