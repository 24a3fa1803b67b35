import Foundation
import KubeCore

/// The opaque `continue` token of a paged list: the list's resource version and the key of
/// the last object returned, as base64 of a small JSON object.
struct ContinueToken: Hashable {
    var resourceVersion: UInt64
    var lastKey: ObjectKey

    init(resourceVersion: UInt64, lastKey: ObjectKey) {
        self.resourceVersion = resourceVersion
        self.lastKey = lastKey
    }

    init(encoded: String) throws(KubeAPIError) {
        let invalid = KubeAPIError.badRequest("continue key is not valid: \(encoded)")
        guard let data = Data(base64Encoded: encoded) ?? Data(base64Encoded: Self.padded(encoded)),
            let json = try? JSONValue(parsing: [UInt8](data)),
            let version = json["rv"]?.intValue, version >= 0,
            let namespace = json["ns"]?.stringValue, let name = json["name"]?.stringValue
        else { throw invalid }
        self.init(resourceVersion: UInt64(version), lastKey: ObjectKey(namespace: namespace, name: name))
    }

    var encoded: String {
        let json: JSONValue = ["rv": .int(Int64(resourceVersion)), "ns": .string(lastKey.namespace), "name": .string(lastKey.name)]
        return Data(json.serialized()).base64EncodedString()
    }

    private static func padded(_ text: String) -> String {
        let remainder = text.utf8.count % 4
        return remainder == 0 ? text : text + String(repeating: "=", count: 4 - remainder)
    }
}
