import KubeClient
import KubeCore

extension SampleApplication {
    /// A kind defined by one of the manifest's CustomResourceDefinitions did not become
    /// servable in time.
    struct KindNotServed: Error, CustomStringConvertible {
        var definition: String
        var description: String {
            "the custom resource definition \(definition) was applied but its kind is not served yet; "
                + "check `kubectl get crd \(definition) -o yaml` for its Established condition"
        }
    }

    /// The manifest's objects, in the order they are applied.
    static func objects() throws -> [KubeObject] {
        try Manifests.decode(manifest, source: "the sample application")
    }

    /// Server-side applies `objects` in order (so applying again changes nothing). After a
    /// CustomResourceDefinition it waits until the new kind is discoverable, since the
    /// objects that follow use it.
    static func apply(_ objects: [KubeObject], with client: KubeClient, fieldManager: String) async throws {
        for object in objects {
            _ = try await client.apply(object, fieldManager: fieldManager, force: true)
            if object.kind == "CustomResourceDefinition", object.groupVersion.group == "apiextensions.k8s.io" {
                try await waitUntilServed(object, client: client)
            }
        }
    }

    private static func waitUntilServed(_ definition: KubeObject, client: KubeClient) async throws {
        guard let group = definition[path: "spec", "group"]?.stringValue,
              let kind = definition[path: "spec", "names", "kind"]?.stringValue,
              let version = definition[path: "spec", "versions"]?.arrayValue?.first?["name"]?.stringValue else { return }
        let wanted = GroupVersionKind(group: group, version: version, kind: kind)
        let deadline = ContinuousClock.now + .seconds(10)
        while try await client.resourceMapper(refresh: true).resource(for: wanted) == nil {
            guard ContinuousClock.now < deadline else { throw KindNotServed(definition: definition.name) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
