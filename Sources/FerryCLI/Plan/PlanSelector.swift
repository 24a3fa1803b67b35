import KubeCore

/// Label selectors from the command line as the `metav1.LabelSelector` JSON a plan stores.
enum PlanSelector {
    /// `text` (query syntax) as `{matchLabels, matchExpressions}`.
    static func json(_ text: String, plan: String) throws(FerryCLIError) -> JSONValue {
        let selector: LabelSelector
        do {
            selector = try LabelSelector(parsing: text)
        } catch {
            throw FerryCLIError(code: "invalid-selector", message: "plan \(plan): --selector \"\(text)\": \(error.message)")
        }
        var matchLabels: JSONObject = [:]
        var expressions: [JSONValue] = []
        for requirement in selector.requirements {
            func expression(_ op: String, _ values: [String]) -> JSONValue {
                var object: JSONObject = ["key": .string(requirement.key), "operator": .string(op)]
                if !values.isEmpty { object["values"] = .array(values.map { .string($0) }) }
                return .object(object)
            }
            switch requirement.op {
            case .equals:
                if matchLabels[requirement.key] == nil, let value = requirement.values.first {
                    matchLabels[requirement.key] = .string(value)
                } else {
                    expressions.append(expression("In", requirement.values))
                }
            case .notEquals: expressions.append(expression("NotIn", requirement.values))
            case .in: expressions.append(expression("In", requirement.values))
            case .notIn: expressions.append(expression("NotIn", requirement.values))
            case .exists: expressions.append(expression("Exists", []))
            case .doesNotExist: expressions.append(expression("DoesNotExist", []))
            }
        }
        var result: JSONObject = [:]
        if !matchLabels.isEmpty { result["matchLabels"] = .object(matchLabels) }
        if !expressions.isEmpty { result["matchExpressions"] = .array(expressions) }
        return .object(result)
    }
}
