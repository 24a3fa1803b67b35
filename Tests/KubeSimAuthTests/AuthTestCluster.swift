import KubeCore
import KubeSimAuth
import KubeSimStorage

/// An in-memory store with an authenticator and authorizer over it.
struct AuthTestCluster {
    static let adminToken = "admin-token-for-tests"
    static let restrictedToken = "restricted-token-for-tests"
    static let restrictedUser = UserInfo(name: "restricted", uid: "restricted-uid", groups: ["system:authenticated"])

    let store: ObjectStore
    let authenticator: Authenticator
    let authorizer: RBACAuthorizer
    var reviews: AuthReviews { AuthReviews(authenticator: authenticator, authorizer: authorizer) }

    init(namespaces: [String] = ["app"]) throws {
        store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: nil)
        authenticator = Authenticator(
            store: store, adminToken: Self.adminToken, signingKey: Authenticator.generateSigningKey(),
            staticUsers: [Self.restrictedToken: Self.restrictedUser])
        authorizer = RBACAuthorizer(store: store)
        for namespace in namespaces {
            try create("namespaces", KubeObject(apiVersion: "v1", kind: "Namespace", name: namespace))
        }
    }

    func definition(_ resource: String, group: String = "") throws -> ResourceDefinition {
        guard let definition = store.registry.definition(for: GroupResource(group: group, resource: resource)) else {
            throw KubeAPIError.notFound(message: "no resource \(resource)")
        }
        return definition
    }

    @discardableResult
    func create(_ resource: String, group: String = "", _ object: KubeObject) throws -> KubeObject {
        try store.create(object, in: definition(resource, group: group))
    }

    func delete(_ resource: String, group: String = "", namespace: String?, name: String) throws {
        try store.delete(definition(resource, group: group), namespace: namespace, name: name, options: DeleteOptions(gracePeriodSeconds: 0))
    }

    @discardableResult
    func createServiceAccount(_ name: String, namespace: String = "app") throws -> KubeObject {
        try create("serviceaccounts", KubeObject(apiVersion: "v1", kind: "ServiceAccount", name: name, namespace: namespace))
    }

    func createRBAC(_ object: KubeObject) throws {
        let resource = object.kind.lowercased() + "s"
        try create(resource, group: RBACAuthorizer.rbacGroup, object)
    }
}
