import Foundation
import KubeCore
import KubeSimStorage

extension KubeObject {
    /// An integer at a path, or `nil`.
    func int(_ path: String...) -> Int? {
        JSONValue.object(body)[path: path]?.intValue
    }

    /// A string at a path, or `nil`.
    func string(_ path: String...) -> String? {
        JSONValue.object(body)[path: path]?.stringValue
    }

    /// Whether the object waits on finalizers to go away.
    var isBeingDeleted: Bool { deletionTimestamp != nil }

    /// For a pod: whether its `Ready` condition is `True`.
    var isPodReady: Bool {
        status?["conditions"]?.arrayValue?.contains { condition in
            condition["type"]?.stringValue == "Ready" && condition["status"]?.stringValue == "True"
        } ?? false
    }

    /// For a pod: `status.phase`, `Pending` when unset.
    var podPhase: String { string("status", "phase") ?? "Pending" }

    /// For a pod: whether it has finished, successfully or not.
    var isPodFinished: Bool { podPhase == "Succeeded" || podPhase == "Failed" }

    /// For a pod: whether it counts towards a controller's replicas.
    var isPodActive: Bool { !isBeingDeleted && !isPodFinished }

    /// The object's condition of `type`.
    func condition(_ type: String) -> JSONValue? {
        status?["conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }
}

extension JSONValue {
    /// Sets the condition `type` in this status, keeping `lastTransitionTime` when the
    /// condition's status does not change.
    mutating func setCondition(_ type: String, status: Bool, reason: String? = nil, message: String? = nil, extraTimes: [String] = []) {
        var conditions = self["conditions"]?.arrayValue ?? []
        let index = conditions.firstIndex { $0["type"]?.stringValue == type }
        let value = status ? "True" : "False"
        let previous = index.map { conditions[$0] }
        let unchanged = previous?["status"]?.stringValue == value
        var condition: JSONValue = ["type": .string(type), "status": .string(value)]
        let transition = unchanged ? previous?["lastTransitionTime"] : .string(Timestamp.now())
        condition["lastTransitionTime"] = transition ?? .string(Timestamp.now())
        for key in extraTimes { condition[key] = (unchanged ? previous?[key] : nil) ?? .string(Timestamp.now()) }
        if let reason { condition["reason"] = .string(reason) }
        if let message { condition["message"] = .string(message) }
        if unchanged, previous?["reason"] == condition["reason"], previous?["message"] == condition["message"] { return }
        if let index { conditions[index] = condition } else { conditions.append(condition) }
        self["conditions"] = .array(conditions)
    }
}

/// Timestamps in the API's format.
enum Timestamp {
    /// Now, as `2006-01-02T15:04:05Z`.
    static func now() -> String {
        Date.now.formatted(Date.ISO8601FormatStyle())
    }

    /// Parses an API timestamp.
    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        return try? Date.ISO8601FormatStyle().parse(text)
    }
}

/// Names derived the way Kubernetes derives them.
enum NameGenerator {
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// Five random characters from Kubernetes' name alphabet.
    static func randomSuffix() -> String {
        String((0..<5).map { _ in alphabet.randomElement()! })
    }

    /// A short stable hash of a JSON value (FNV-1a over its serialization), in the
    /// alphabet Kubernetes uses for `pod-template-hash`.
    static func hash(of value: JSONValue) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in value.serialized() {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        var text = ""
        var remaining = hash
        repeat {
            text.append(alphabet[Int(remaining % UInt32(alphabet.count))])
            remaining /= UInt32(alphabet.count)
        } while remaining > 0
        return text
    }
}

extension ControllerContext {
    /// The definition of a served resource; NotFound when the registry does not serve it.
    func definition(_ resource: GroupResource) throws(KubeAPIError) -> ResourceDefinition {
        guard let definition = store.registry.definition(for: resource) else {
            throw KubeAPIError.notFound(message: "the server could not find the requested resource (\(resource))")
        }
        return definition
    }

    /// Reads an object; `nil` when it does not exist.
    func fetch(_ key: ObjectKey) throws(KubeAPIError) -> KubeObject? {
        var object: KubeObject?
        try tolerating(\.isNotFound) { () throws(KubeAPIError) in
            object = try store.get(definition(key.resource), namespace: key.namespace, name: key.name)
        }
        return object
    }

    /// Deletes an object, treating an object already gone as deleted.
    func deleteIfPresent(_ resource: GroupResource, namespace: String?, name: String, options: DeleteOptions = DeleteOptions()) throws(KubeAPIError) {
        try tolerating(\.isNotFound) { () throws(KubeAPIError) in
            try store.delete(definition(resource), namespace: namespace, name: name, options: options)
        }
    }

    /// Replaces `status` of an object when it differs from `status`.
    func updateStatus(_ resource: GroupResource, of object: KubeObject, to status: JSONValue) throws(KubeAPIError) {
        guard object.status != status else { return }
        let definition = try definition(resource)
        let subresource = definition.subresources.contains("status") ? "status" : nil
        try store.modify(definition, namespace: object.namespace, name: object.name, subresource: subresource) { current in
            current.status = status
        }
    }
}

extension NameGenerator {
    /// A 64-hex-digit digest-like string derived from a value (not cryptographic; names only).
    static func hexDigest(of value: JSONValue) -> String {
        var state: UInt64 = 14_695_981_039_346_656_037
        var text = ""
        let bytes = value.serialized()
        for round in 0..<4 {
            for byte in bytes {
                state ^= UInt64(byte)
                state = state &* 1_099_511_628_211
            }
            state ^= UInt64(round)
            text += String(state, radix: 16).leftPadded(to: 16)
        }
        return text
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}

extension NameGenerator {
    /// A stable bucket in `0..<count` for a name.
    static func bucket(of name: String, count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(max(count, 1)))
    }
}

/// Builds pods from pod templates.
enum PodTemplate {
    /// A pod named `name` from `template`, controlled by `owner`.
    static func pod(from template: JSONValue?, name: String, owner: KubeObject, extraLabels: [String: String] = [:]) -> KubeObject {
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: name, namespace: owner.namespace)
        var labels = LabelMatcher.stringMap(template?["metadata"]?["labels"])
        labels.merge(extraLabels) { _, new in new }
        pod.labels = labels
        pod.annotations = LabelMatcher.stringMap(template?["metadata"]?["annotations"])
        pod.spec = template?["spec"] ?? [:]
        pod.ownerReferences = [OwnerReference(controlledBy: owner)]
        return pod
    }

    /// The name of a new pod of `owner`: its name and five random characters.
    static func randomName(for ownerName: String) -> String {
        "\(ownerName)-\(NameGenerator.randomSuffix())"
    }
}

/// Runs `body`, treating the API errors `expected` accepts as success; returns whether
/// `body` completed without one.
@discardableResult
func tolerating(_ expected: (KubeAPIError) -> Bool, _ body: () throws(KubeAPIError) -> Void) throws(KubeAPIError) -> Bool {
    do {
        try body()
        return true
    } catch {
        if expected(error) { return false }
        throw error
    }
}
