public import KubeCore

extension ResourceDefinition {
    /// The resource a CustomResourceDefinition (`apiextensions.k8s.io/v1`) serves: group,
    /// names, scope, served versions (the storage version first) and subresources.
    /// Fails with 422 Invalid, with kube-style causes, when a required field is missing or the
    /// name is not `<plural>.<group>`.
    public init(crd: KubeObject) throws(KubeAPIError) {
        var causes: [KubeAPIError.Cause] = []
        func require(_ field: String, _ value: String?) -> String {
            guard let value, !value.isEmpty else {
                causes.append(KubeAPIError.Cause(reason: "FieldValueRequired", message: "Required value", field: field))
                return ""
            }
            return value
        }
        let spec = crd.spec ?? .object([:])
        let group = require("spec.group", spec["group"]?.stringValue)
        let names = spec["names"] ?? .object([:])
        let plural = require("spec.names.plural", names["plural"]?.stringValue)
        let kind = require("spec.names.kind", names["kind"]?.stringValue)
        let scope = spec["scope"]?.stringValue ?? ""
        if scope != "Namespaced" && scope != "Cluster" {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueNotSupported",
                message: "Unsupported value: \"\(scope)\": supported values: \"Cluster\", \"Namespaced\"", field: "spec.scope"))
        }
        let versionEntries = spec["versions"]?.arrayValue ?? []
        var served: [String] = []
        var subresources: Set<String> = []
        for entry in versionEntries where entry["served"]?.boolValue ?? true {
            guard let name = entry["name"]?.stringValue else { continue }
            if entry["storage"]?.boolValue == true { served.insert(name, at: 0) } else { served.append(name) }
            subresources.formUnion(entry["subresources"]?.objectValue?.keys.map { $0 } ?? [])
        }
        if served.isEmpty, let legacyVersion = spec["version"]?.stringValue { served = [legacyVersion] }
        subresources.formUnion(spec["subresources"]?.objectValue?.keys.map { $0 } ?? [])
        if versionEntries.isEmpty && served.isEmpty {
            causes.append(KubeAPIError.Cause(reason: "FieldValueRequired", message: "Required value: must have exactly one version marked as storage version", field: "spec.versions"))
        } else if versionEntries.filter({ $0["storage"]?.boolValue == true }).count != 1 && !versionEntries.isEmpty {
            causes.append(KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: must have exactly one version marked as storage version", field: "spec.versions"))
        }
        if !plural.isEmpty, !group.isEmpty, crd.name != "\(plural).\(group)" {
            causes.append(KubeAPIError.Cause(
                reason: "FieldValueInvalid", message: "Invalid value: \"\(crd.name)\": must be spec.names.plural+\".\"+spec.group", field: "metadata.name"))
        }
        if !group.isEmpty, !group.contains(".") {
            causes.append(KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: \"\(group)\": should be a domain with at least one dot", field: "spec.group"))
        }
        guard causes.isEmpty else {
            throw KubeAPIError.invalid(kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: crd.name, causes: causes)
        }
        self.init(
            group: group, versions: served, resource: plural, singular: names["singular"]?.stringValue ?? kind.lowercased(), kind: kind,
            namespaced: scope == "Namespaced", shortNames: names["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            categories: names["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [], subresources: subresources)
    }
}
