import FerryEngine
import KubeCore

extension MigrationTransformContext {
    /// A context with the plan and migration uids the tests use.
    static func testing(
        namespaceMapping: [String: String] = [:],
        migratedUIDs: Set<String> = [],
        keepAnnotations: Bool = false,
        preserveNodePorts: Bool = false,
        persistentVolumeClaimSelections: [String: PersistentVolumeClaimSelection] = [:]
    ) -> MigrationTransformContext {
        MigrationTransformContext(
            planUID: "plan-uid", migrationUID: "mig-uid", namespaceMapping: namespaceMapping,
            migratedUIDs: migratedUIDs, keepAnnotations: keepAnnotations, preserveNodePorts: preserveNodePorts,
            persistentVolumeClaimSelections: persistentVolumeClaimSelections
        )
    }
}

extension KubeObject {
    /// Builds an object from a JSON literal.
    static func literal(_ json: JSONValue) throws -> KubeObject {
        try KubeObject(json: json)
    }
}

extension ObjectTransform {
    /// Applies the transform to a copy and returns both the outcome and the result.
    func applied(to object: KubeObject, context: MigrationTransformContext = .testing()) -> (TransformOutcome, KubeObject) {
        var copy = object
        let outcome = apply(&copy, context: context)
        return (outcome, copy)
    }
}
