import KubeClient
import KubeCore

/// Every object of a namespace in comparable form: kind, name, labels, annotations and every
/// top-level field but `status` (so `spec`, `data`, `rules`, …), without what the API server
/// assigns (uid, resourceVersion, timestamps, managedFields, generation).
struct NamespaceSnapshot: Equatable {
    /// Objects a controller recreates at will, so they cannot be expected to survive unchanged.
    static let regeneratedResources: Set<String> = ["pods", "replicasets.apps", "endpoints", "endpointslices.discovery.k8s.io", "events", "events.events.k8s.io"]

    /// Comparable objects by "resource.group/name".
    var objects: [String: JSONValue]

    /// Lists every listable namespaced resource (preferred versions only) of `namespace`.
    static func take(_ namespace: String, on client: KubeClient) async throws -> NamespaceSnapshot {
        let mapper = try await client.resourceMapper(refresh: true)
        var objects: [String: JSONValue] = [:]
        for info in mapper.resources where info.namespaced && info.supports("list") && !info.resource.contains("/") {
            guard mapper.preferredVersions[info.group].map({ $0 == info.version }) ?? true else { continue }
            let resourceName = info.group.isEmpty ? info.resource : "\(info.resource).\(info.group)"
            guard !regeneratedResources.contains(resourceName) else { continue }
            for object in try await client.listAll(info.groupVersionResource, namespace: namespace).items {
                objects["\(resourceName)/\(object.name)"] = comparable(object)
            }
        }
        return NamespaceSnapshot(objects: objects)
    }

    /// `object` without its status and server-assigned metadata.
    static func comparable(_ object: KubeObject) -> JSONValue {
        var fields = object.json.objectValue ?? [:]
        fields["status"] = nil
        fields["apiVersion"] = nil
        var metadata: JSONObject = ["name": .string(object.name)]
        metadata["labels"] = object[path: "metadata", "labels"]
        metadata["annotations"] = object[path: "metadata", "annotations"]
        fields["metadata"] = .object(metadata)
        return .object(fields)
    }

    /// What differs from `other`, one line per object, empty when equal.
    func differences(from other: NamespaceSnapshot) -> [String] {
        var lines: [String] = []
        for key in Set(objects.keys).union(other.objects.keys).sorted() {
            switch (objects[key], other.objects[key]) {
            case (let before?, let after?) where before != after:
                lines.append("\(key) changed:\n  before: \(before.serializedString(pretty: false))\n  after:  \(after.serializedString(pretty: false))")
            case (nil, _?): lines.append("\(key) was added")
            case (_?, nil): lines.append("\(key) is missing")
            default: break
            }
        }
        return lines
    }
}
