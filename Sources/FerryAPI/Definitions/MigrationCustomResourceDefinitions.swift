public import KubeCore

/// The CustomResourceDefinitions of the Migration Toolkit's API, as `ferry install` applies
/// them.
public enum MigrationCustomResourceDefinitions {
    /// One CRD per kind in ``MigrationResourceType/all``.
    public static var all: [KubeObject] { MigrationResourceType.all.map(definition(for:)) }

    /// The CRD of one kind: namespaced, served and stored at `v1alpha1`, with a status
    /// subresource and `kubectl get` columns. Spec and status keep unknown fields, so
    /// manifests written for newer MTC releases are accepted and carried losslessly.
    public static func definition(for type: MigrationResourceType) -> KubeObject {
        var object = KubeObject(
            apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", name: "\(type.plural).\(MigrationAPI.group)")
        object.labels = ["app.kubernetes.io/part-of": "ferry", "controller-tools.k8s.io": "1.0"]
        let openObject: JSONValue = .object(["type": "object", "x-kubernetes-preserve-unknown-fields": true])
        let schema: JSONValue = .object([
            "type": "object",
            "properties": .object([
                "apiVersion": .object(["type": "string"]),
                "kind": .object(["type": "string"]),
                "metadata": .object(["type": "object"]),
                "spec": openObject,
                "status": openObject,
            ]),
        ])
        let columns: [JSONValue] = type.printerColumns.map {
            .object(["name": .string($0.name), "jsonPath": .string($0.jsonPath), "type": .string($0.type)])
        }
        object["spec"] = .object([
            "group": .string(MigrationAPI.group),
            "scope": "Namespaced",
            "names": .object([
                "kind": .string(type.kind),
                "listKind": .string("\(type.kind)List"),
                "plural": .string(type.plural),
                "singular": .string(type.singular),
                "shortNames": .array(type.shortNames.map { .string($0) }),
                "categories": .array(["migration"]),
            ]),
            "versions": .array([
                .object([
                    "name": .string(MigrationAPI.version),
                    "served": true,
                    "storage": true,
                    "schema": .object(["openAPIV3Schema": schema]),
                    "subresources": .object(["status": .object([:])]),
                    "additionalPrinterColumns": .array(columns),
                ])
            ]),
        ])
        return object
    }
}
