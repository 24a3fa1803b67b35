import FerryEngine
import Foundation
import KubeCore
import Testing

@Suite("Standard pipeline over exported live-cluster objects")
struct ExportedFixtureTests {
    /// Set `FERRY_WRITE_EXPECTED=1` to (re)write missing expected files; they must then be reviewed.
    static let writeMissingExpected = ProcessInfo.processInfo.environment["FERRY_WRITE_EXPECTED"] == "1"

    static func context(for object: KubeObject) -> MigrationTransformContext {
        let isNamespace = object.kind == "Namespace" || object.kind == "Project"
        let namespace = isNamespace ? object.name : object.namespace
        return MigrationTransformContext(
            planUID: "plan-uid",
            migrationUID: "mig-uid",
            namespaceMapping: namespace.map { [$0: "\($0)-migrated"] } ?? [:]
        )
    }

    static func actualOutput(for object: KubeObject) -> (output: JSONValue, patch: JSONValue?) {
        let result = TransformPipeline.standard.run([object], context: context(for: object))
        if let dropped = result.dropped.first {
            return (["dropped": .string(dropped.reason)], nil)
        }
        let kept = result.transformed[0]
        return (kept.object.json, kept.patch)
    }

    @Test("the fixture directory is found and holds objects")
    func fixturesExist() {
        #expect(ExportedFixture.all.count >= 40, "fixtures at \(ExportedFixture.directory.path)")
    }

    @Test("cleaned object matches the reviewed expected file", arguments: ExportedFixture.all)
    func matchesExpected(fixture: ExportedFixture) throws {
        let object = try fixture.load()
        let (output, _) = Self.actualOutput(for: object)
        guard FileManager.default.fileExists(atPath: fixture.expectedURL.path) else {
            if Self.writeMissingExpected {
                try Data(output.serializedString(pretty: true).utf8 + [UInt8(ascii: "\n")]).write(to: fixture.expectedURL)
            }
            Issue.record("\(fixture.fileName): no expected file at \(fixture.expectedURL.path)")
            return
        }
        let expected = try JSONValue(parsing: Array(try Data(contentsOf: fixture.expectedURL)))
        #expect(output == expected, "\(fixture.fileName) differs from Expected/\(fixture.baseName).json:\n\(JSONPatch.diff(from: expected, to: output).serializedString(pretty: true))")
    }

    @Test("the produced patch turns the exported object into the cleaned one", arguments: ExportedFixture.all)
    func patchRoundTrips(fixture: ExportedFixture) throws {
        let object = try fixture.load()
        let (output, patch) = Self.actualOutput(for: object)
        guard let patch else { return }
        #expect(patch.arrayValue?.isEmpty == false, "\(fixture.fileName): every kept object is at least labelled")
        let patched = try JSONPatchApplier.apply(patch, to: object.json)
        #expect(patched == output, "\(fixture.fileName): patch does not reproduce the output")
    }
}
