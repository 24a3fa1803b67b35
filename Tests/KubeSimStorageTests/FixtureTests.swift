import Foundation
import KubeCore
import KubeSimStorage
import Testing

@Suite("Exported fixtures")
struct FixtureTests {
    static let fixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixturesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") || $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test("every exported object is accepted and keeps all of its fields", arguments: fixtures)
    func createFixture(name: String) throws {
        var object = try name.hasSuffix(".json") ? TestSupport.fixture(name) : YAMLFixture.load(name)
        let store = try TestSupport.store(namespaces: [])
        // The Prometheus custom resource needs its definition served first.
        if object.kind == "Prometheus" {
            _ = try store.create(Self.cleaned(try TestSupport.fixture("customresourcedefinition-prometheuses-monitoring-coreos-com.json")), in: TestSupport.crds)
        }
        let definition = try #require(Self.definition(for: object, in: store.registry), "\(object.apiVersion) \(object.kind)")
        // Exports from older clusters use retired versions (batch/v1beta1, extensions/v1beta1,
        // group-less OpenShift v1): move them to the served version, as a migration does.
        object.apiVersion = definition.apiVersion(definition.preferredVersion)
        object.kind = definition.kind
        object = Self.cleaned(object)
        let namespace = definition.namespaced ? object.namespace ?? "default" : nil
        for needed in Set(["default", namespace ?? "default"]) where !(definition.resource == "namespaces" && needed == object.name) {
            _ = try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: needed), in: TestSupport.namespaces)
        }
        let created = try store.create(object, in: definition, namespace: namespace)
        #expect(created.uid != nil)
        // Defaulting may add fields; it never drops or changes what the object carried.
        for (key, value) in object.body where key != "metadata" && key != "status" {
            #expect(Self.contains(created.body[key], value), "\(name): \(key)")
        }
        #expect(created.labels.merging(object.labels) { current, _ in current } == created.labels)
    }

    /// `object` without the fields the server sets.
    static func cleaned(_ object: KubeObject) -> KubeObject {
        var result = object
        var metadata = result.metadata
        for field in ["uid", "resourceVersion", "creationTimestamp", "generation", "selfLink", "managedFields"] { metadata[field] = nil }
        result.metadata = metadata
        return result
    }

    /// The served resource for an exported object: by apiVersion and kind, else by kind alone,
    /// else (for exports without type metadata) by the resource named in its selfLink.
    static func definition(for object: KubeObject, in registry: ResourceRegistry) -> ResourceDefinition? {
        if let exact = registry.definition(apiVersion: object.apiVersion, kind: object.kind) { return exact }
        if !object.kind.isEmpty { return registry.all.first { $0.kind == object.kind } }
        guard let selfLink = object.metadata["selfLink"]?.stringValue else { return nil }
        let parts = selfLink.split(separator: "/").map(String.init)
        guard parts.count >= 4, parts[0] == "apis" else { return nil }
        let resource = parts[3] == "namespaces" && parts.count >= 6 ? parts[5] : parts[3]
        return registry.definition(group: parts[1], version: parts[2], resource: resource)
    }

    /// Whether `actual` holds everything `expected` holds (objects may have extra members).
    static func contains(_ actual: JSONValue?, _ expected: JSONValue) -> Bool {
        switch (actual, expected) {
        case (.object(let have)?, .object(let want)):
            return want.allSatisfy { contains(have[$0.key], $0.value) }
        case (.array(let have)?, .array(let want)):
            return have.count == want.count && zip(have, want).allSatisfy { contains($0, $1) }
        case (let have?, let want):
            return have == want
        case (nil, _):
            return false
        }
    }
}
