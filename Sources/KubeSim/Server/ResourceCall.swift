import Hummingbird
import KubeCore
import KubeSimStorage

/// One request on a resource, resolved: which resource, which verb, and the request's
/// negotiation headers and query.
struct ResourceCall: Sendable {
    /// The parsed path.
    var path: ResourcePath
    /// The served resource.
    var definition: ResourceDefinition
    /// The Kubernetes verb: get, list, watch, create, update, patch, delete, deletecollection.
    var verb: String
    /// The query parameters.
    var query: QueryParameters
    /// The request's `Content-Type`, lowercased.
    var contentType: String
    /// The request's `Accept`, lowercased.
    var accept: String
    /// The request body, read once the request is authorized.
    var body: [UInt8] = []

    /// Resolves a path against the registry; 404 for unknown resources, 405 for unsupported verbs.
    init(path: ResourcePath, request: Request, query: QueryParameters, registry: ResourceRegistry) throws(KubeAPIError) {
        guard let definition = registry.definition(group: path.group, version: path.version, resource: path.resource) else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        if path.namespace != nil, !definition.namespaced {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        if let subresource = path.subresource, !definition.subresources.contains(subresource) {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        self.path = path
        self.definition = definition
        self.query = query
        self.contentType = (request.headers[.contentType] ?? "").lowercased()
        self.accept = (request.headers[.accept] ?? "").lowercased()
        self.verb = try Self.verb(for: request.method, path: path, query: query)
        guard definition.verbs.contains(verb) || path.subresource != nil else {
            throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    private static func verb(for method: HTTPRequest.Method, path: ResourcePath, query: QueryParameters) throws(KubeAPIError) -> String {
        let hasName = path.name != nil
        switch method {
        case .get, .head:
            if path.isWatchPrefix || query.flag("watch") { return "watch" }
            return hasName ? "get" : "list"
        case .post:
            if hasName, path.subresource == nil {
                throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
            }
            return "create"
        case .put:
            guard hasName else { throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource") }
            return "update"
        case .patch:
            guard hasName else { throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource") }
            return "patch"
        case .delete:
            return hasName ? "delete" : "deletecollection"
        default:
            throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    /// Whether the handler reads the body.
    var needsBody: Bool { ["create", "update", "patch", "delete", "deletecollection"].contains(verb) }

    /// The `apiVersion` objects are answered in.
    var apiVersion: String { definition.apiVersion(path.version) }

    /// The namespace from the path, or `nil` for cluster-scoped and all-namespace requests.
    var namespace: String? { definition.namespaced ? path.namespace : nil }

    /// Whether the request asks for a dry run.
    var isDryRun: Bool { query["dryRun"] == "All" }

    /// Whether the client asked for a `meta.k8s.io` `Table`.
    var wantsTable: Bool { accept.contains("as=table") }

    /// Whether pretty printing was asked for.
    var pretty: Bool { query.flag("pretty") }

    /// The list options from the query.
    var listOptions: ListOptions {
        ListOptions(
            labelSelector: query["labelSelector"], fieldSelector: query["fieldSelector"], limit: query.int("limit"),
            continueToken: query["continue"], resourceVersion: query["resourceVersion"],
            resourceVersionMatch: query["resourceVersionMatch"], timeoutSeconds: query.int("timeoutSeconds"),
            allowWatchBookmarks: query.flag("allowWatchBookmarks"), sendInitialEvents: query.flag("sendInitialEvents"))
    }

    /// The object with `apiVersion` and `kind` set to the ones this request is served in.
    func served(_ object: KubeObject) -> KubeObject {
        var object = object
        object.apiVersion = apiVersion
        if object.kind.isEmpty { object.kind = definition.kind }
        return object
    }
}
