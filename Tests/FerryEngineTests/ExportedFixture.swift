import Foundation
import Testing
import KubeCore
import KubeClient

/// One exported live-cluster object from the shared fixtures, with its expected cleaned form.
struct ExportedFixture: CustomTestStringConvertible, Sendable {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/exported")
    static let expectedDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Expected")

    /// Every object file in the fixture directory, sorted.
    static let all: [ExportedFixture] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map(ExportedFixture.init(fileName:))
    }()

    let fileName: String

    var testDescription: String { fileName }

    var baseName: String { (fileName as NSString).deletingPathExtension }

    var expectedURL: URL { Self.expectedDirectory.appendingPathComponent(baseName + ".json") }

    /// The object as exported; the SCC dump lacks `apiVersion` and `kind`, which are supplied.
    func load() throws -> KubeObject {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(fileName))
        var object: KubeObject
        if fileName.hasSuffix(".json") {
            object = try KubeObject(parsing: Array(data))
        } else {
            let text = String(decoding: data, as: UTF8.self)
            let objects = try Manifests.decode(text, source: fileName)
            guard objects.count == 1, let only = objects.first else {
                throw FixtureError(fileName: fileName, message: "holds \(objects.count) objects, not one")
            }
            object = only
        }
        if object["kind"] == nil, fileName.hasPrefix("securitycontextconstraints-") {
            object.apiVersion = "security.openshift.io/v1"
            object.kind = "SecurityContextConstraints"
        }
        return object
    }

    struct FixtureError: Error, CustomStringConvertible {
        var fileName: String
        var message: String
        var description: String { "\(fileName): \(message)" }
    }
}
