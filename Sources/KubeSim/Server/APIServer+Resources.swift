import Hummingbird
import KubeCore
import KubeSimAuth
import KubeSimStorage

extension APIServer {
    /// Runs a resolved resource request.
    func handle(_ call: ResourceCall, user: UserInfo) async throws -> Response {
        if Self.isReview(call) { return try review(call, user: user) }
        if let subresource = call.path.subresource, subresource != "status" {
            return try await handleSubresource(subresource, call, user: user)
        }
        switch call.verb {
        case "get": return try get(call)
        case "list": return try list(call)
        case "watch": return try watch(call)
        case "create": return try create(call)
        case "update": return try update(call)
        case "patch": return try patch(call)
        case "delete": return try delete(call)
        case "deletecollection": return try deleteCollection(call)
        default: throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    private func respond(_ object: KubeObject, _ call: ResourceCall, code: Int = 200) -> Response {
        let served = call.served(object)
        if call.wantsTable {
            return APIResponse.json(.object(table(for: [served], call)), code: code)
        }
        return APIResponse.object(served, code: code, pretty: call.pretty)
    }

    func get(_ call: ResourceCall) throws -> Response {
        let object = try store.get(call.definition, namespace: call.namespace, name: call.path.name ?? "")
        return respond(object, call)
    }

    func list(_ call: ResourceCall) throws -> Response {
        let page = try store.list(call.definition, namespace: call.namespace, options: call.listOptions)
        let items = page.items.map(call.served)
        if call.wantsTable {
            var table = table(for: items, call)
            table["metadata"] = listMetadata(page)
            return APIResponse.json(.object(table))
        }
        let list: JSONObject = [
            "kind": .string(call.definition.kind + "List"), "apiVersion": .string(call.apiVersion),
            "metadata": listMetadata(page), "items": .array(items.map(\.json)),
        ]
        return APIResponse.json(.object(list), pretty: call.pretty)
    }

    private func listMetadata(_ page: ObjectList) -> JSONValue {
        var metadata: JSONObject = ["resourceVersion": .string(page.resourceVersion)]
        if let token = page.continueToken, !token.isEmpty { metadata["continue"] = .string(token) }
        if let remaining = page.remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remaining)) }
        return .object(metadata)
    }

    func create(_ call: ResourceCall) throws -> Response {
        var object = try decodeBody(call)
        try checkKind(&object, call)
        try placeInNamespace(&object, call)
        let created = try store.create(object, in: call.definition, dryRun: call.isDryRun)
        return respond(created, call, code: 201)
    }

    func update(_ call: ResourceCall) throws -> Response {
        var object = try decodeBody(call)
        try checkKind(&object, call)
        try placeInNamespace(&object, call)
        if object.name.isEmpty { object.name = call.path.name ?? "" }
        guard object.name == call.path.name else {
            throw KubeAPIError.badRequest("the name of the object (\(object.name)) does not match the name on the URL (\(call.path.name ?? ""))")
        }
        let updated = try store.update(object, in: call.definition, subresource: call.path.subresource, dryRun: call.isDryRun)
        return respond(updated, call)
    }

    func delete(_ call: ResourceCall) throws -> Response {
        let options = try deleteOptions(call)
        let deleted = try store.delete(call.definition, namespace: call.namespace, name: call.path.name ?? "", options: options)
        return respond(deleted, call)
    }

    func deleteCollection(_ call: ResourceCall) throws -> Response {
        let options = try deleteOptions(call)
        var listOptions = call.listOptions
        listOptions.limit = nil
        listOptions.continueToken = nil
        let page = try store.list(call.definition, namespace: call.namespace, options: listOptions)
        var deleted: [JSONValue] = []
        for item in page.items {
            // An item deleted meanwhile by someone else is simply skipped.
            let outcome = Result { () throws(KubeAPIError) in
                try store.delete(call.definition, namespace: item.namespace, name: item.name, options: options)
            }
            switch outcome {
            case .success(let gone): deleted.append(call.served(gone).json)
            case .failure(let error) where error.isNotFound: continue
            case .failure(let error): throw error
            }
        }
        let list: JSONObject = [
            "kind": .string(call.definition.kind + "List"), "apiVersion": .string(call.apiVersion),
            "metadata": ["resourceVersion": .string(page.resourceVersion)], "items": .array(deleted),
        ]
        return APIResponse.json(.object(list))
    }

    /// The body as an object; JSON, or YAML when the content type says so.
    func decodeBody(_ call: ResourceCall) throws(KubeAPIError) -> KubeObject {
        guard !call.body.isEmpty else { throw KubeAPIError.badRequest("the request body is empty") }
        let value: JSONValue
        if call.contentType.contains("yaml") {
            value = try YAMLDocument.parse(call.body)
        } else {
            do {
                value = try JSONValue(parsing: call.body)
            } catch {
                throw KubeAPIError.badRequest("the object provided is unrecognized: \(error)")
            }
        }
        return try KubeObject(json: value)
    }

    /// Fills a missing `apiVersion`/`kind` from the URL, as kube-apiserver defaults them, and
    /// refuses a body that names another kind or group (400).
    private func checkKind(_ object: inout KubeObject, _ call: ResourceCall) throws(KubeAPIError) {
        if call.path.subresource == "status" { return }
        if object.kind.isEmpty { object.kind = call.definition.kind }
        if object.apiVersion.isEmpty { object.apiVersion = call.apiVersion }
        let group = object.groupVersion.group
        guard object.kind == call.definition.kind, group == call.definition.group else {
            throw KubeAPIError.badRequest(
                "the API version in the data (\(object.apiVersion)) does not match the expected API version (\(call.apiVersion))"
                    + (object.kind == call.definition.kind ? "" : " or kind \(object.kind) does not match \(call.definition.kind)"))
        }
    }

    private func placeInNamespace(_ object: inout KubeObject, _ call: ResourceCall) throws(KubeAPIError) {
        guard call.definition.namespaced else {
            object.namespace = nil
            return
        }
        guard let namespace = call.path.namespace else {
            throw KubeAPIError.badRequest("the namespace of the object is required: POST to /api/v1/namespaces/<namespace>/\(call.definition.resource)")
        }
        if let given = object.namespace, !given.isEmpty, given != namespace {
            throw KubeAPIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        object.namespace = namespace
    }

    /// DeleteOptions from the body (when any) and the query.
    func deleteOptions(_ call: ResourceCall) throws(KubeAPIError) -> DeleteOptions {
        var options = DeleteOptions(dryRun: call.isDryRun)
        if !call.body.isEmpty {
            let body: JSONValue
            do { body = try JSONValue(parsing: call.body) } catch {
                throw KubeAPIError.badRequest("the DeleteOptions body is not valid JSON: \(error)")
            }
            if let policy = body["propagationPolicy"]?.stringValue {
                guard let value = DeleteOptions.PropagationPolicy(rawValue: policy) else {
                    throw KubeAPIError.badRequest("invalid propagationPolicy \(policy)")
                }
                options.propagationPolicy = value
            } else if body["orphanDependents"]?.boolValue == true {
                options.propagationPolicy = .orphan
            }
            options.preconditionUID = body["preconditions"]?["uid"]?.stringValue
            options.preconditionResourceVersion = body["preconditions"]?["resourceVersion"]?.stringValue
            options.gracePeriodSeconds = body["gracePeriodSeconds"]?.intValue
            if body["dryRun"]?.arrayValue?.contains("All") == true { options.dryRun = true }
        }
        if let policy = call.query["propagationPolicy"] {
            guard let value = DeleteOptions.PropagationPolicy(rawValue: policy) else {
                throw KubeAPIError.badRequest("invalid propagationPolicy \(policy)")
            }
            options.propagationPolicy = value
        }
        if let grace = call.query.int("gracePeriodSeconds") { options.gracePeriodSeconds = grace }
        return options
    }
}
