import KubeCore

/// Per-kind required fields and consistency rules.
enum KindValidation {
    static func causes(_ object: KubeObject, _ definition: ResourceDefinition) -> [KubeAPIError.Cause] {
        switch (definition.group, definition.resource) {
        case ("", "pods"): return podSpecCauses(object[path: "spec"], at: "spec", restartPolicies: nil)
        case ("", "services"): return serviceCauses(object)
        case ("", "configmaps"): return dataKeyCauses(object, fields: ["data", "binaryData"])
        case ("", "secrets"): return dataKeyCauses(object, fields: ["data", "stringData"])
        case ("apps", "deployments"), ("apps", "replicasets"), ("apps", "statefulsets"), ("apps", "daemonsets"):
            return workloadCauses(object, kind: definition.singular)
        case ("batch", "jobs"):
            return podSpecCauses(object[path: "spec", "template", "spec"], at: "spec.template.spec", restartPolicies: ["OnFailure", "Never"])
        default: return []
        }
    }

    private static func podSpecCauses(_ spec: JSONValue?, at path: String, restartPolicies: [String]?) -> [KubeAPIError.Cause] {
        var causes: [KubeAPIError.Cause] = []
        let containers = spec?["containers"]?.arrayValue ?? []
        if containers.isEmpty { causes.append(ObjectValidation.required("\(path).containers")) }
        var names: Set<String> = []
        for field in ["initContainers", "containers"] {
            for (index, container) in (spec?[field]?.arrayValue ?? []).enumerated() {
                let prefix = "\(path).\(field)[\(index)]"
                if let name = container["name"]?.stringValue, !name.isEmpty {
                    if !names.insert(name).inserted { causes.append(ObjectValidation.duplicate("\(prefix).name", "\"\(name)\"")) }
                    for problem in NameRule.label.problems(name) {
                        causes.append(ObjectValidation.invalid("\(prefix).name", "\"\(name)\"", problem))
                    }
                } else {
                    causes.append(ObjectValidation.required("\(prefix).name"))
                }
                if (container["image"]?.stringValue ?? "").isEmpty { causes.append(ObjectValidation.required("\(prefix).image")) }
                for (portIndex, port) in (container["ports"]?.arrayValue ?? []).enumerated() {
                    let number = port["containerPort"]?.intValue ?? 0
                    if !(1...65535).contains(number) {
                        causes.append(ObjectValidation.invalid(
                            "\(prefix).ports[\(portIndex)].containerPort", String(number), "must be between 1 and 65535, inclusive"))
                    }
                }
            }
        }
        if let allowed = restartPolicies, !allowed.contains(spec?["restartPolicy"]?.stringValue ?? "") {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueRequired", message: "Required value: valid values: \"OnFailure\", \"Never\"", field: "\(path).restartPolicy"))
        }
        return causes
    }

    private static func workloadCauses(_ object: KubeObject, kind: String) -> [KubeAPIError.Cause] {
        var causes: [KubeAPIError.Cause] = []
        let templateLabels = object[path: "spec", "template", "metadata", "labels"]?.objectValue?.compactMapValues(\.stringValue) ?? [:]
        if let selectorJSON = object[path: "spec", "selector"] {
            let selector = try? LabelSelector(json: selectorJSON)
            if selector?.isEmpty ?? true {
                causes.append(ObjectValidation.invalid(
                    "spec.selector", ObjectValidation.describe(selectorJSON), "empty selector is invalid for \(kind)"))
            } else if let selector, !selector.matches(templateLabels) {
                causes.append(ObjectValidation.invalid(
                    "spec.template.metadata.labels", ObjectValidation.describe(.object(templateLabels.mapValues(JSONValue.string))),
                    "`selector` does not match template `labels`"))
            }
        } else {
            causes.append(ObjectValidation.required("spec.selector"))
        }
        if let replicas = object[path: "spec", "replicas"]?.intValue, replicas < 0 {
            causes.append(ObjectValidation.invalid("spec.replicas", String(replicas), "must be greater than or equal to 0"))
        }
        causes += podSpecCauses(object[path: "spec", "template", "spec"], at: "spec.template.spec", restartPolicies: nil)
        return causes
    }

    private static func serviceCauses(_ object: KubeObject) -> [KubeAPIError.Cause] {
        var causes: [KubeAPIError.Cause] = []
        let type = object[path: "spec", "type"]?.stringValue ?? "ClusterIP"
        let ports = object[path: "spec", "ports"]?.arrayValue ?? []
        let headless = object[path: "spec", "clusterIP"]?.stringValue == "None"
        if ports.isEmpty, type != "ExternalName", !headless {
            causes.append(ObjectValidation.required("spec.ports"))
        }
        var names: Set<String> = []
        for (index, port) in ports.enumerated() {
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) {
                causes.append(ObjectValidation.invalid("spec.ports[\(index)].port", String(number), "must be between 1 and 65535, inclusive"))
            }
            if ports.count > 1, (port["name"]?.stringValue ?? "").isEmpty {
                causes.append(ObjectValidation.required("spec.ports[\(index)].name"))
            } else if let name = port["name"]?.stringValue, !name.isEmpty, !names.insert(name).inserted {
                causes.append(ObjectValidation.duplicate("spec.ports[\(index)].name", "\"\(name)\""))
            }
            if let nodePort = port["nodePort"]?.intValue, nodePort != 0, !(1...65535).contains(nodePort) {
                causes.append(ObjectValidation.invalid("spec.ports[\(index)].nodePort", String(nodePort), "must be between 1 and 65535, inclusive"))
            }
        }
        if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(type) {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueNotSupported",
                message: "Unsupported value: \"\(type)\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"", field: "spec.type"))
        }
        return causes
    }

    private static func dataKeyCauses(_ object: KubeObject, fields: [String]) -> [KubeAPIError.Cause] {
        var causes: [KubeAPIError.Cause] = []
        for field in fields {
            for key in (object[field]?.objectValue?.keys.sorted() ?? []) where !isConfigKey(key) {
                causes.append(ObjectValidation.invalid(
                    "\(field)[\(key)]", "\"\(key)\"",
                    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"))
            }
        }
        return causes
    }

    private static func isConfigKey(_ key: String) -> Bool {
        guard !key.isEmpty, key.utf8.count <= 253, key != ".", key != "..", !key.hasPrefix("..") else { return false }
        return key.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isASCIIHexDigit || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || scalar == "-" || scalar == "_" || scalar == "."
        }
    }
}
