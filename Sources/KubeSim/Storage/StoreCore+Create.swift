import Foundation
import KubeCore

extension StoreCore {
    static let namespacesResource = GroupResource(group: "", resource: "namespaces")

    func create(_ input: KubeObject, in definition: ResourceDefinition, namespace requestNamespace: String?, dryRun: Bool) throws(KubeAPIError) -> KubeObject {
        guard definition.isStored else {
            throw KubeAPIError.methodNotAllowed("the server does not allow this method on the requested resource")
        }
        var object = input
        try Self.checkTypeMeta(&object, definition)
        try Self.placeInNamespace(&object, definition, requestNamespace: requestNamespace)
        let resource = definition.groupResource
        if object.name.isEmpty, let prefix = object.generateName, !prefix.isEmpty {
            object.name = uniqueName(prefix: prefix, resource: resource, namespace: object.namespace)
        }
        if definition.namespaced, let namespace = object.namespace {
            try checkNamespaceAcceptsContent(namespace)
        }
        Self.fillCreationMetadata(&object, definition)
        ObjectDefaults.apply(to: &object, definition)
        try ObjectValidation.validate(object, definition)
        for strategy in strategies[resource] ?? [] {
            try strategy.prepareForCreate(&object, store: StoreTransaction(core: self, isDryRun: dryRun))
        }
        let key = ObjectKey(namespace: object.namespace, name: object.name)
        if tables[resource]?[key] != nil {
            throw KubeAPIError.alreadyExists(resource, name: object.name)
        }
        try willStore(&object, definition, previous: nil, dryRun: dryRun)
        if dryRun { return object }
        return commit(.added, object, resource: resource)
    }

    /// Checks `kind` and `apiVersion` against the resource and fills them when missing.
    static func checkTypeMeta(_ object: inout KubeObject, _ definition: ResourceDefinition) throws(KubeAPIError) {
        if object.kind.isEmpty {
            object.kind = definition.kind
        } else if object.kind != definition.kind {
            throw KubeAPIError.badRequest("the kind in the data (\(object.kind)) does not match the expected kind (\(definition.kind))")
        }
        if object.apiVersion.isEmpty {
            object.apiVersion = definition.apiVersion(definition.preferredVersion)
        } else {
            let groupVersion = object.groupVersion
            guard groupVersion.group == definition.group, definition.versions.contains(groupVersion.version) else {
                throw KubeAPIError.badRequest(
                    "the API version in the data (\(object.apiVersion)) does not match the expected API version (\(definition.apiVersion(definition.preferredVersion)))")
            }
        }
    }

    /// Puts the object in the request's namespace (or none, for cluster-scoped resources).
    static func placeInNamespace(_ object: inout KubeObject, _ definition: ResourceDefinition, requestNamespace: String?) throws(KubeAPIError) {
        guard definition.namespaced else {
            object.namespace = nil
            return
        }
        let own = object.namespace.flatMap { $0.isEmpty ? nil : $0 }
        if let requestNamespace, !requestNamespace.isEmpty {
            if let own, own != requestNamespace {
                throw KubeAPIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object.namespace = requestNamespace
        } else if let own {
            object.namespace = own
        } else {
            throw KubeAPIError.badRequest("an empty namespace may not be set when a resource name is provided")
        }
    }

    func checkNamespaceAcceptsContent(_ namespace: String) throws(KubeAPIError) {
        guard let owner = self.namespace(namespace) else {
            throw KubeAPIError.notFound(Self.namespacesResource, name: namespace)
        }
        if owner.deletionTimestamp != nil || owner[path: "status", "phase"]?.stringValue == "Terminating" {
            throw KubeAPIError(
                code: 403, reason: "Forbidden",
                message: "unable to create new content in namespace \(namespace) because it is being terminated",
                details: KubeAPIError.Details(name: namespace, kind: "namespaces",
                    causes: [KubeAPIError.Cause(reason: "NamespaceTerminating", message: "namespace \(namespace) is being terminated", field: "metadata.namespace")]))
        }
    }

    static func fillCreationMetadata(_ object: inout KubeObject, _ definition: ResourceDefinition) {
        var metadata = object.metadata
        metadata["uid"] = .string(UUID().uuidString.lowercased())
        metadata["creationTimestamp"] = .string(KubeTime.now())
        metadata["resourceVersion"] = nil
        metadata["deletionTimestamp"] = nil
        metadata["deletionGracePeriodSeconds"] = nil
        metadata["selfLink"] = nil
        let isCustom = !ResourceRegistry.builtInResources.contains(definition.groupResource)
        if isCustom || (object.spec != nil && definition.groupResource != namespacesResource) {
            metadata["generation"] = 1
        } else {
            metadata["generation"] = nil
        }
        object.metadata = metadata
    }

    private static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// `prefix` plus five random characters, as kube-apiserver's name generator, unused so far.
    func uniqueName(prefix: String, resource: GroupResource, namespace: String?) -> String {
        let base = prefix.count > 58 ? String(prefix.prefix(58)) : prefix
        while true {
            var name = base
            for _ in 0..<5 { name.append(Self.nameAlphabet.randomElement()!) }
            if tables[resource]?[ObjectKey(namespace: namespace, name: name)] == nil { return name }
        }
    }
}
