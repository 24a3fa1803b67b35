import Foundation
import KubeCore
import Yams

/// Reads the YAML fixtures into lossless JSON. Timestamps stay strings, as the API has them.
enum YAMLFixture {
    static func load(_ name: String) throws -> KubeObject {
        let text = try String(contentsOf: TestSupport.fixturesDirectory.appendingPathComponent(name), encoding: .utf8)
        let value = try Yams.load(yaml: text, Resolver.default.removing(.timestamp))
        return try KubeObject(json: json(value))
    }

    static func json(_ value: Any?) -> JSONValue {
        switch value {
        case nil, is NSNull: return .null
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .int(Int64(number))
        case let number as Double: return .double(number)
        case let text as String: return .string(text)
        case let list as [Any]: return .array(list.map(json))
        case let map as [AnyHashable: Any]:
            var members: JSONObject = [:]
            for (key, member) in map { members[String(describing: key.base)] = json(member) }
            return .object(members)
        case let map as [String: Any]:
            return .object(map.mapValues(json))
        default: return .string(String(describing: value!))
        }
    }
}
