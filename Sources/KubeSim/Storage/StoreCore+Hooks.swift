import KubeCore

extension StoreCore {
    static let crdResource = GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")

    /// Runs resource-specific bookkeeping just before an object is stored: a
    /// CustomResourceDefinition is validated, its resource registered, and its status set.
    func willStore(_ object: inout KubeObject, _ definition: ResourceDefinition, previous: KubeObject?, dryRun: Bool) throws(KubeAPIError) {
        guard definition.groupResource == Self.crdResource else { return }
        let served = try ResourceDefinition(crd: object)
        if let clash = registry.definition(for: served.groupResource), ResourceRegistry.builtInResources.contains(clash.groupResource) {
            throw KubeAPIError.invalid(
                kind: "CustomResourceDefinition", group: "apiextensions.k8s.io", name: object.name,
                causes: [KubeAPIError.Cause(reason: "FieldValueInvalid", message: "Invalid value: \"\(served.resource)\": the resource is built in", field: "spec.names.plural")])
        }
        Self.setEstablishedStatus(&object, served: served, previous: previous)
        if !dryRun { registry.register(served) }
    }

    /// Runs resource-specific bookkeeping after an object was removed: a removed
    /// CustomResourceDefinition takes its objects with it.
    func didRemove(_ object: KubeObject, _ definition: ResourceDefinition) {
        guard definition.groupResource == Self.crdResource, let served = try? ResourceDefinition(crd: object) else { return }
        let resource = served.groupResource
        for item in objects(resource, in: nil) {
            commit(.deleted, item, resource: resource)
        }
        tables[resource] = nil
        registry.unregister(resource)
    }

    static func setEstablishedStatus(_ crd: inout KubeObject, served: ResourceDefinition, previous: KubeObject?) {
        let now = KubeTime.now()
        let names = crd[path: "spec", "names"]?.objectValue ?? [:]
        var accepted = names
        accepted["singular"] = .string(served.singular)
        accepted["listKind"] = names["listKind"] ?? .string(served.listKind)
        let storageVersion = served.versions.first ?? "v1"
        var stored = previous?[path: "status", "storedVersions"]?.arrayValue ?? []
        if !stored.contains(.string(storageVersion)) { stored.append(.string(storageVersion)) }
        func condition(_ type: String, reason: String, message: String) -> JSONValue {
            let old = previous?[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == type }
            let since = old?["status"]?.stringValue == "True" ? old?["lastTransitionTime"] ?? .string(now) : .string(now)
            return ["type": .string(type), "status": "True", "lastTransitionTime": since, "reason": .string(reason), "message": .string(message)]
        }
        crd.status = [
            "conditions": [
                condition("NamesAccepted", reason: "NoConflicts", message: "no conflicts found"),
                condition("Established", reason: "InitialNamesAccepted", message: "the initial names have been accepted"),
            ],
            "acceptedNames": .object(accepted),
            "storedVersions": .array(stored),
        ]
    }
}
