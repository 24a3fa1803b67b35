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
