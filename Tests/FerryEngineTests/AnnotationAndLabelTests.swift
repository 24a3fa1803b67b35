import FerryEngine
import KubeCore
import Testing

@Suite("Annotations and migration labels")
struct AnnotationAndLabelTests {
    static let configMap: JSONValue = [
        "apiVersion": "v1", "kind": "ConfigMap",
        "metadata": [
            "name": "settings", "namespace": "shop",
            "labels": ["app": "shop"],
            "annotations": ["kubectl.kubernetes.io/last-applied-configuration": "{}", "team": "payments"],
        ],
        "data": ["mode": "fast"],
    ]

    @Test("last-applied-configuration is removed, other annotations stay")
    func lastAppliedRemoved() throws {
        let (_, cleaned) = StripLastAppliedAnnotation().applied(to: try .literal(Self.configMap))
        #expect(cleaned.annotations == ["team": "payments"])
    }

    @Test("keepAnnotations keeps last-applied-configuration")
    func keepAnnotations() throws {
        let (_, cleaned) = StripLastAppliedAnnotation().applied(to: try .literal(Self.configMap), context: .testing(keepAnnotations: true))
        #expect(cleaned.annotations["kubectl.kubernetes.io/last-applied-configuration"] == "{}")
    }

    @Test("migration labels are added next to existing labels")
    func labelsAdded() throws {
        let (_, labelled) = AddMigrationLabels().applied(to: try .literal(Self.configMap))
        #expect(labelled.labels == [
            "app": "shop",
            "migration.openshift.io/migrated-by-migplan": "plan-uid",
            "migration.openshift.io/migrated-by-migmigration": "mig-uid",
        ])
    }

    @Test("defaults exclude the MTC list, including both event groups")
    func defaultExclusions() {
        let excluded = TransformPipeline.defaultExcludedResources
        #expect(excluded.isSuperset(of: ["imagetags", "templateinstances", "events", "events.events.k8s.io",
                                         "rolebindings.authorization.openshift.io", "operatorgroups"]))
        #expect(!excluded.contains("rolebindings.rbac.authorization.k8s.io"))
    }
}
