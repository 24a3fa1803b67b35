public import KubeCore

/// A Migration Toolkit custom resource: the lossless object and typed views of its spec and
/// status.
///
/// The typed views cover the fields Ferry knows. ``encoded()`` writes them back into the
/// object it was read from, so fields written by a newer client survive a round trip.
public protocol MigrationResource: Sendable {
    /// The spec's fields.
    associatedtype Spec: MigrationFields
    /// The status' fields.
    associatedtype Status: MigrationFields

    /// The kind's names.
    static var resourceType: MigrationResourceType { get }

    /// The object as read (or created), carrying metadata and every unknown field.
    var object: KubeObject { get set }
    /// The typed spec.
    var spec: Spec { get set }
    /// The typed status.
    var status: Status { get set }

    /// Creates the resource from its parts; used by the protocol's readers.
    init(object: KubeObject, spec: Spec, status: Status)
}

/// The typed fields of a spec or status: Codable with JSON names equal to property names, and
/// an initializer that leaves every field unset.
public protocol MigrationFields: Codable, Sendable, Equatable {
    /// Every field unset.
    init()
}

extension MigrationResource {
    /// Reads `object`, which must be of this kind.
    public init(object: KubeObject) throws(MigrationAPIError) {
        guard object.kind == Self.resourceType.kind, object.groupVersion.group == MigrationAPI.group else {
            throw MigrationAPIError(
                code: "wrong-kind",
                message: "\(object.apiVersion)/\(object.kind) \(object.qualifiedName) is not a \(MigrationAPI.apiVersion) \(Self.resourceType.kind)")
        }
        let spec: Spec = try FieldCoding.decode(object.spec, of: object, part: "spec")
        let status: Status = try FieldCoding.decode(object.status, of: object, part: "status")
        self.init(object: object, spec: spec, status: status)
    }

    /// A new resource with metadata `name` and `namespace` (the controller's by default).
    public init(name: String, namespace: String = MigrationAPI.defaultNamespace, spec: Spec) {
        let object = KubeObject(apiVersion: MigrationAPI.apiVersion, kind: Self.resourceType.kind, name: name, namespace: namespace)
        self.init(object: object, spec: spec, status: Status())
    }

    /// The object with the typed spec and status written into it; fields the typed views do
    /// not know are kept as they were.
    public func encoded() -> KubeObject {
        var result = object
        result["apiVersion"] = .string(MigrationAPI.apiVersion)
        result["kind"] = .string(Self.resourceType.kind)
        result["spec"] = FieldCoding.merge(spec, into: object.spec)
        let status = FieldCoding.merge(self.status, into: object.status)
        if case .object(let fields) = status, fields.isEmpty {
            result["status"] = nil
        } else {
            result["status"] = status
        }
        return result
    }

    /// `metadata.name`.
    public var name: String { object.name }
    /// `metadata.namespace`.
    public var namespace: String { object.namespace ?? MigrationAPI.defaultNamespace }
    /// `metadata.uid`; empty before the object is created.
    public var uid: String { object.uid ?? "" }
    /// A reference to this resource as other resources write it.
    public var reference: MigrationObjectReference { MigrationObjectReference(name: name, namespace: namespace) }
}
