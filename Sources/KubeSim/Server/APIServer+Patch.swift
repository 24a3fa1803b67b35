import Hummingbird
import KubeCore
import KubeSimStorage

extension APIServer {
    /// PATCH on an object or its status; the content type picks the patch format.
    func patch(_ call: ResourceCall) throws -> Response {
        let existed = call.contentType.contains("apply-patch") ? objectExists(call) : true
        let patched = try patchObject(call)
        let served = call.served(patched)
        if call.wantsTable {
            return APIResponse.json(.object(table(for: [served], call)))
        }
        return APIResponse.object(served, code: existed ? 200 : 201, pretty: call.pretty)
    }

    /// Applies the request's patch through the store and returns the stored object.
    func patchObject(_ call: ResourceCall) throws(KubeAPIError) -> KubeObject {
        guard let type = PatchType(contentType: call.contentType) else {
            throw KubeAPIError.unsupportedMediaType(
                "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json")
        }
        let body = try decodePatchDocument(call)
        return try store.patch(
            call.definition, namespace: call.namespace, name: call.path.name ?? "", type: type, body: body,
            fieldManager: call.query["fieldManager"], force: call.query.flag("force"), subresource: call.path.subresource,
            dryRun: call.isDryRun)
    }

    private func objectExists(_ call: ResourceCall) -> Bool {
        (try? store.get(call.definition, namespace: call.namespace, name: call.path.name ?? "")) != nil
    }
}
