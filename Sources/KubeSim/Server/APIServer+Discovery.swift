import Hummingbird
import KubeCore
import KubeSimStorage

extension APIServer {
    /// The discovery documents: `/api`, `/apis`, `/apis/<group>`, and the OpenAPI roots.
    ///
    /// kubectl first asks for aggregated discovery; answering the legacy documents as plain
    /// `application/json` makes it fall back to them.
    func discoveryEndpoint(_ segments: [String], request: Request) throws -> Response? {
        switch segments.count {
        case 1 where segments[0] == "api":
            return APIResponse.json([
                "kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(request.head.authority ?? "")]],
            ])
        case 1 where segments[0] == "apis":
            return APIResponse.json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups().map { .object($0.json) })])
        case 2 where segments[0] == "apis":
            guard let group = groups().first(where: { $0.name == segments[1] }) else {
                throw KubeAPIError.notFound(message: "the server could not find the requested resource")
            }
            var document = group.json
            document["kind"] = "APIGroup"
            document["apiVersion"] = "v1"
            return APIResponse.json(.object(document))
        default:
            if segments.first == "openapi" { return try openAPI(segments, accept: request.headers[.accept] ?? "") }
            return nil
        }
    }

    /// `/api/v1` or `/apis/<group>/<version>`: the resources of one version.
    func groupVersionDiscovery(group: String, version: String) throws -> Response {
        let definitions = registry.all.filter { $0.group == group && $0.versions.contains(version) }
        guard !definitions.isEmpty else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource")
        }
        var resources: [JSONValue] = []
        for definition in definitions.sorted(by: { $0.resource < $1.resource }) {
            var entry: JSONObject = [
                "name": .string(definition.resource), "singularName": .string(definition.singular),
                "namespaced": .bool(definition.namespaced), "kind": .string(definition.kind),
                "verbs": .array(definition.verbs.map(JSONValue.string)),
            ]
            if !definition.shortNames.isEmpty { entry["shortNames"] = .array(definition.shortNames.map(JSONValue.string)) }
            if !definition.categories.isEmpty { entry["categories"] = .array(definition.categories.map(JSONValue.string)) }
            resources.append(.object(entry))
            for subresource in definition.subresources.sorted() {
                resources.append(.object(Self.subresourceEntry(subresource, of: definition)))
            }
        }
        let groupVersion = group.isEmpty ? version : "\(group)/\(version)"
        return APIResponse.json([
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion), "resources": .array(resources),
        ])
    }

    private static func subresourceEntry(_ subresource: String, of definition: ResourceDefinition) -> JSONObject {
        var entry: JSONObject = [
            "name": .string("\(definition.resource)/\(subresource)"), "singularName": "",
            "namespaced": .bool(definition.namespaced), "kind": .string(definition.kind),
        ]
        switch subresource {
        case "scale":
            entry["group"] = "autoscaling"
            entry["version"] = "v1"
            entry["kind"] = "Scale"
            entry["verbs"] = ["get", "patch", "update"]
        case "status":
            entry["verbs"] = ["get", "patch", "update"]
        case "finalize":
            entry["verbs"] = ["update"]
        case "token":
            entry["group"] = "authentication.k8s.io"
            entry["version"] = "v1"
            entry["kind"] = "TokenRequest"
            entry["verbs"] = ["create"]
        case "eviction":
            entry["group"] = "policy"
            entry["version"] = "v1"
            entry["kind"] = "Eviction"
            entry["verbs"] = ["create"]
        default:
            entry["verbs"] = ["get"]
        }
        return entry
    }

    /// One API group and its versions, in registry order.
    struct GroupSummary {
        var name: String
        var versions: [String]

        var json: JSONObject {
            let entries: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
            return [
                "name": .string(name), "versions": .array(entries),
                "preferredVersion": entries.first ?? .null,
            ]
        }
    }

    func groups() -> [GroupSummary] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for definition in registry.all where !definition.group.isEmpty {
            if versions[definition.group] == nil { order.append(definition.group) }
            for version in definition.versions where !(versions[definition.group] ?? []).contains(version) {
                versions[definition.group, default: []].append(version)
            }
        }
        return order.map { GroupSummary(name: $0, versions: versions[$0] ?? []) }
    }
}
