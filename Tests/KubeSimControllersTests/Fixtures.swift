import Foundation
import KubeCore
import Yams

/// Exported objects from `shared/fixtures/exported`, made ready to create again.
enum Fixtures {
    private static var directory: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
            url.deleteLastPathComponent()
        }
        // The shared folder sits next to the working tree's root.
        return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures/exported")
    }

    /// Whether the fixtures are present (they live outside the package).
    static var available: Bool { FileManager.default.fileExists(atPath: directory.path) }

    /// The exported object in `file`, without the fields the server sets, in `namespace`.
    static func object(_ file: String, namespace: String) throws -> JSONValue {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        guard let node = try Yams.compose(yaml: text) else { throw FixtureError(message: "\(file) is empty") }
        var object = json(from: node)
        for field in ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields", "selfLink"] {
            object[path: ["metadata", field]] = nil
        }
        object[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = nil
        object[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] = nil
        object[path: ["metadata", "namespace"]] = .string(namespace)
        object["status"] = nil
        return object
    }

    /// YAML to JSON, keeping quoted scalars strings as YAML does.
    private static func json(from node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            let text = scalar.string
            if text == "null" || text == "~" || text.isEmpty { return .null }
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            if let number = Int64(text) { return .int(number) }
            if let number = Double(text), text.contains(".") { return .double(number) }
            return .string(text)
        case .sequence(let sequence):
            return .array(sequence.map(json(from:)))
        case .mapping(let mapping):
            var members: JSONObject = [:]
            for (key, value) in mapping { members[key.string ?? ""] = json(from: value) }
            return .object(members)
        case .alias:
            return .null
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
