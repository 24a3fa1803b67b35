import Hummingbird
import KubeCore
import KubeSimAuth
import KubeSimStorage

extension APIServer {
    /// Subresources other than `status`: `scale`, `finalize`, `eviction`, `token`.
    func handleSubresource(_ subresource: String, _ call: ResourceCall, user: UserInfo) async throws -> Response {
        let name = call.path.name ?? ""
        switch (subresource, call.verb) {
        case ("scale", "get"):
            let object = try store.get(call.definition, namespace: call.namespace, name: name)
            return APIResponse.object(ScaleView.scale(of: object))
        case ("scale", "update"), ("scale", "patch"):
            return try updateScale(call)
        case ("finalize", "update"):
            let body = try decodeBody(call)
            let finalizers = body.spec?["finalizers"] ?? .array([])
            let updated = try store.modify(call.definition, namespace: nil, name: name, subresource: "finalize") { object in
                object.spec = object.spec ?? .object([:])
                object.spec?["finalizers"] = finalizers
            }
            return APIResponse.object(call.served(updated))
        case ("eviction", "create"):
            _ = try store.delete(call.definition, namespace: call.namespace, name: name, options: DeleteOptions(dryRun: call.isDryRun))
            return APIResponse.json(
                ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success", "code": 201], code: 201)
        case ("log", "get"):
            // Simulated containers run no processes, so they have written nothing; the pod
            // must exist and name the container when it has several, as kubelet requires.
            let pod = try store.get(call.definition, namespace: call.namespace, name: name)
            let containers = (pod.spec?["containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
            if let container = call.query["container"], !containers.contains(container) {
                throw KubeAPIError.badRequest("container \(container) is not valid for pod \(name)")
            }
            if call.query["container"] == nil, containers.count > 1 {
                throw KubeAPIError.badRequest(
                    "a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
            }
            return APIResponse.text("")
        case ("token", "create"):
            return try await createToken(call, user: user)
        default:
            throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
    }

    private func updateScale(_ call: ResourceCall) throws -> Response {
        let name = call.path.name ?? ""
        let updated: KubeObject
        if call.verb == "patch" {
            updated = try patchObject(call)
        } else {
            let requested = try decodeBody(call)
            guard let replicas = requested.spec?["replicas"]?.intValue, replicas >= 0 else {
                throw KubeAPIError.invalid(
                    kind: "Scale", group: "autoscaling", name: name,
                    causes: [KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: must be greater than or equal to 0", field: "spec.replicas")])
            }
            let expectedVersion = requested.resourceVersion
            let change = { (object: inout KubeObject) throws(KubeAPIError) in
                if let expectedVersion, !expectedVersion.isEmpty, expectedVersion != object.resourceVersion {
                    throw KubeAPIError.conflict(call.definition.groupResource, name: name)
                }
                object.spec = object.spec ?? .object([:])
                object.spec?["replicas"] = .int(Int64(replicas))
            }
            if call.isDryRun {
                var preview = try store.get(call.definition, namespace: call.namespace, name: name)
                try change(&preview)
                updated = preview
            } else {
                updated = try store.modify(call.definition, namespace: call.namespace, name: name, change)
            }
        }
        return APIResponse.object(ScaleView.scale(of: updated))
    }

    /// The patch body as JSON (YAML for apply patches).
    func decodePatchDocument(_ call: ResourceCall) throws(KubeAPIError) -> JSONValue {
        guard !call.body.isEmpty else { throw KubeAPIError.badRequest("the patch body is empty") }
        if call.contentType.contains("yaml") { return try YAMLDocument.parse(call.body) }
        do {
            return try JSONValue(parsing: call.body)
        } catch {
            throw KubeAPIError.badRequest("the patch is not valid JSON: \(error)")
        }
    }
}
