import Foundation
import KubeCore
import KubeSimAuth
import KubeSimStorage

/// Who may do what: turns the `Authorization` header into a user and asks RBAC about each
/// request, failing with the Status errors kube-apiserver writes (401, 403).
struct AccessControl: Sendable {
    let authenticator: Authenticator
    let authorizer: RBACAuthorizer

    /// The user a bearer token belongs to; 401 without a valid one.
    func authenticate(_ header: String?) throws(KubeAPIError) -> UserInfo {
        guard let header, header.lowercased().hasPrefix("bearer ") else { throw KubeAPIError.unauthorized() }
        let token = header.dropFirst("bearer ".count).trimmingCharacters(in: .whitespaces)
        guard let user = authenticator.authenticate(token: token) else { throw KubeAPIError.unauthorized() }
        return user
    }

    /// Checks a resource request; 403 when RBAC does not allow it.
    func authorize(_ call: ResourceCall, user: UserInfo) throws(KubeAPIError) {
        let attributes = RequestAttributes(
            user: user, verb: call.verb, group: call.definition.group, version: call.path.version,
            resource: call.definition.resource, subresource: call.path.subresource ?? "",
            namespace: call.path.namespace ?? "", name: call.path.name ?? "")
        guard !authorizer.authorize(attributes).allowed else { return }
        throw KubeAPIError.forbidden(
            user: user.name, verb: call.verb, resource: call.definition.groupResource, name: call.path.name,
            namespace: call.path.namespace, subresource: call.path.subresource)
    }

    /// Checks a request for a path that is not a resource (discovery, OpenAPI).
    func authorizeNonResource(user: UserInfo, path: String, verb: String) throws(KubeAPIError) {
        if user.groups.contains("system:authenticated") { return }
        guard !authorizer.authorize(RequestAttributes(user: user, verb: verb, nonResourcePath: path)).allowed else { return }
        throw KubeAPIError(code: 403, reason: "Forbidden", message: "forbidden: User \"\(user.name)\" cannot \(verb) path \"\(path)\"")
    }
}
