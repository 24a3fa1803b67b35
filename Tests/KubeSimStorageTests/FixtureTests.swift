import Foundation
import KubeCore
import KubeSimStorage
import Testing

@Suite("Exported fixtures")
struct FixtureTests {
    static let jsonFixtures: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: TestSupport.fixturesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }()

    @Test("every exported JSON object is accepted and keeps all of its fields", arguments: jsonFixtures)
    func createFixture(name: String) throws {
        var object = try TestSupport.fixture(name)
        let definition = try #require(Self.definition(for: object), "\(object.apiVersion) \(object.kind)")
        // Exports from older clusters use retired versions (batch/v1beta1, extensions/v1beta1,
        // group-less OpenShift v1): move them to the served version, as a migration does.
        object.apiVersion = definition.apiVersion(definition.preferredVersion)
        object.kind = definition.kind
        var metadata = object.metadata
        for field in ["uid", "resourceVersion", "creationTimestamp", "generation", "selfLink", "managedFields"] { metadata[field] = nil }
        object.metadata = metadata
        let namespaces = definition.namespaced ? [object.namespace ?? "default"] : ["default"]
        let store = try TestSupport.store(namespaces: Array(Set(namespaces + ["default"])).filter { $0 != object.name || definition.resource != "namespaces" })
        let created = try store.create(object, in: definition)
        #expect(created.uid != nil)
        // Defaulting may add fields; it never drops or changes what the object carried.
        for (key, value) in object.body where key != "metadata" && key != "status" {
            #expect(Self.contains(created.body[key], value), "\(name): \(key)")
        }
        #expect(created.labels.merging(object.labels) { current, _ in current } == created.labels)
    }

    /// The served resource for an exported object: by apiVersion and kind, else by kind alone,
    /// else (for exports without type metadata) by the resource named in its selfLink.
    static func definition(for object: KubeObject) -> ResourceDefinition? {
        let registry = ResourceRegistry()
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
