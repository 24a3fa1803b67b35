import Crypto
import Hummingbird
import KubeCore
import KubeSimStorage

/// The OpenAPI v3 documents kubectl reads before it writes.
///
/// kubectl validates `create`/`apply` input by default; when the server's OpenAPI v3 says
/// that a kind's PATCH operation takes the `fieldValidation` parameter, kubectl leaves
/// validation to the server instead of downloading schemas. So each group version's
/// document lists, per kind, the object path with a PATCH operation carrying the kind
/// (`x-kubernetes-group-version-kind`) and that parameter. Without schemas, `kubectl apply`
/// uses its built-in patch metadata (strategic merge) or JSON merge patch for custom kinds.
extension APIServer {
    func openAPI(_ segments: [String], accept: String) throws -> Response {
        if segments.count == 2, segments[1] == "v2" { return Self.openAPIV2(accept: accept) }
        guard segments.count >= 2, segments[1] == "v3" else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        let versions = groupVersions()
        if segments.count == 2 {
            var paths: JSONObject = [:]
            for (key, definitions) in versions {
                let hash = Self.hash(of: Self.openAPIDocument(for: definitions))
                paths[key] = ["serverRelativeURL": .string("/openapi/v3/\(key)?hash=\(hash)")]
            }
            return APIResponse.json(["paths": .object(paths)])
        }
        let key = segments.dropFirst(2).joined(separator: "/")
        guard let definitions = versions[key] else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        return APIResponse.json(Self.openAPIDocument(for: definitions))
    }

    /// An OpenAPI v2 document without definitions.
    ///
    /// kubectl falls back to v2 for kinds the v3 documents do not name (unknown kinds); an
    /// empty document (zero protobuf bytes are a valid empty message) makes it skip
    /// client-side validation, so the request fails the way a real server's does: with
    /// "no matches for kind".
    private static func openAPIV2(accept: String) -> Response {
        if accept.contains("protobuf") {
            var headers = HTTPFields()
            headers[.contentType] = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
            return Response(status: .ok, headers: headers, body: ResponseBody())
        }
        return APIResponse.json([
            "swagger": "2.0", "info": ["title": "Kubernetes", "version": .string(KubeSimVersion.gitVersion)], "paths": .object([:]),
        ])
    }

    /// The served resources by OpenAPI path key (`api/v1`, `apis/apps/v1`), each with its version.
    private func groupVersions() -> [String: [(ResourceDefinition, String)]] {
        var result: [String: [(ResourceDefinition, String)]] = [:]
        for definition in registry.all {
            for version in definition.versions {
                let key = definition.group.isEmpty ? "api/\(version)" : "apis/\(definition.group)/\(version)"
                result[key, default: []].append((definition, version))
            }
        }
        return result
    }

    private static func openAPIDocument(for definitions: [(ResourceDefinition, String)]) -> JSONValue {
        var paths: JSONObject = [:]
        let fieldValidation: JSONValue = [
            "name": "fieldValidation", "in": "query", "schema": ["type": "string", "uniqueItems": true],
            "description": "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.",
        ]
        for (definition, version) in definitions.sorted(by: { $0.0.resource < $1.0.resource }) {
            guard definition.verbs.contains("patch") else { continue }
            let prefix = definition.group.isEmpty ? "/api/\(version)" : "/apis/\(definition.group)/\(version)"
            let path = definition.namespaced
                ? "\(prefix)/namespaces/{namespace}/\(definition.resource)/{name}" : "\(prefix)/\(definition.resource)/{name}"
            let kind: JSONValue = ["group": .string(definition.group), "version": .string(version), "kind": .string(definition.kind)]
            let patch: JSONValue = [
                "operationId": .string("patch\(definition.kind)"),
                "x-kubernetes-action": "patch", "x-kubernetes-group-version-kind": kind,
                "parameters": [fieldValidation, ["name": "dryRun", "in": "query", "schema": ["type": "string"]],
                               ["name": "fieldManager", "in": "query", "schema": ["type": "string"]]],
                "responses": ["200": ["description": "OK"]],
            ]
            let create: JSONValue = [
                "operationId": .string("create\(definition.kind)"),
                "x-kubernetes-action": "post", "x-kubernetes-group-version-kind": kind,
                "parameters": [fieldValidation], "responses": ["201": ["description": "Created"]],
            ]
            paths[path] = ["patch": patch, "parameters": [fieldValidation]]
            let collection = definition.namespaced ? "\(prefix)/namespaces/{namespace}/\(definition.resource)" : "\(prefix)/\(definition.resource)"
            if definition.verbs.contains("create") { paths[collection] = ["post": create] }
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": .string(KubeSimVersion.gitVersion)],
            "paths": .object(paths), "components": ["schemas": .object([:])],
        ]
    }

    private static func hash(of document: JSONValue) -> String {
        SHA256.hash(data: document.serialized()).prefix(16).map { byte in
            let text = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
