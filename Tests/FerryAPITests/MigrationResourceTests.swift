import FerryAPI
import KubeClient
import KubeCore
import Testing

@Suite("Migration resources")
struct MigrationResourceTests {
    static let planManifest = """
        apiVersion: migration.openshift.io/v1alpha1
        kind: MigPlan
        metadata:
          name: shop-plan
          namespace: openshift-migration
          uid: 6d7c1d44-0000-4000-8000-000000000001
        spec:
          srcMigClusterRef: {name: source, namespace: openshift-migration}
          destMigClusterRef: {name: host, namespace: openshift-migration}
          migStorageRef: {name: repository, namespace: openshift-migration}
          namespaces: [shop, "billing:billing-new"]
          futureField: {kept: true}
          persistentVolumes:
          - name: pvc-1
            capacity: 1Gi
            pvc: {namespace: shop, name: "data:data-new", accessModes: [ReadWriteOnce]}
            selection: {action: copy, storageClass: standard, verify: true}
            supported: {actions: [copy, move, skip], copyMethods: [filesystem]}
          includedResources:
          - {kind: ConfigMap}
          - {group: apps, kind: Deployment}
        status:
          conditions:
          - {type: Ready, status: "True", category: Required, message: The migration plan is ready.}
        """

    func plan() throws -> MigPlan {
        let object = try #require(try Manifests.decode(Self.planManifest).first)
        return try MigPlan(object: object)
    }

    @Test("a plan's fields are read with MTC's names")
    func readsFields() throws {
        let plan = try plan()
        #expect(plan.spec.srcMigClusterRef?.name == "source")
        #expect(plan.namespaceMappings.map { "\($0.source)>\($0.destination)" } == ["shop>shop", "billing>billing-new"])
        let volume = try #require(plan.spec.persistentVolumes?.first)
        #expect(volume.pvc?.sourceName == "data")
        #expect(volume.pvc?.targetName == "data-new")
        #expect(volume.selection?.verify == true)
        #expect(plan.spec.includedResources == [.init(group: "", kind: "ConfigMap"), .init(group: "apps", kind: "Deployment")])
        #expect(plan.isReady)
    }

    @Test("writing a plan back keeps fields Ferry does not know and drops fields the user unset")
    func roundTripIsLossless() throws {
        var plan = try plan()
        #expect(plan.encoded() == plan.object)
        plan.spec.migStorageRef = nil
        plan.spec.closed = true
        let written = plan.encoded()
        #expect(written[path: "spec", "futureField", "kept"] == .bool(true))
        #expect(written[path: "spec", "migStorageRef"] == nil)
        #expect(written[path: "spec", "closed"] == .bool(true))
        #expect(written.uid == "6d7c1d44-0000-4000-8000-000000000001")
    }

    @Test("an object of another kind is refused with a message naming it")
    func wrongKindIsRefused() throws {
        let object = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "settings", namespace: "shop")
        let error = #expect(throws: MigrationAPIError.self) { try MigPlan(object: object) }
        #expect(error?.code == "wrong-kind")
        #expect(error?.message.contains("shop/settings") == true)
    }

    @Test("a field of the wrong type is reported with its path")
    func wrongTypeIsReported() throws {
        var object = try #require(try Manifests.decode(Self.planManifest).first)
        object[path: "spec", "namespaces"] = .string("shop")
        let error = #expect(throws: MigrationAPIError.self) { try MigPlan(object: object) }
        #expect(error?.code == "invalid-spec")
        #expect(error?.message.contains(".namespaces") == true)
    }

    @Test("setting a condition keeps its transition time while its status holds")
    func conditionTransitions() {
        var conditions: [MigrationCondition] = []
        conditions.set(MigrationCondition(type: "Ready", status: false, category: MigrationCondition.Category.critical, message: "not yet"))
        #expect(conditions.hasCritical == false)
        conditions.set(MigrationCondition(type: "SourceClusterNotReady", category: MigrationCondition.Category.critical))
        #expect(conditions.hasCritical)
        conditions[0].lastTransitionTime = "2026-01-01T00:00:00Z"
        conditions.set(MigrationCondition(type: "Ready", status: false, message: "still not"))
        #expect(conditions.first(type: "Ready")?.lastTransitionTime == "2026-01-01T00:00:00Z")
        conditions.set(MigrationCondition(type: "Ready", status: true))
        #expect(conditions.first(type: "Ready")?.lastTransitionTime != "2026-01-01T00:00:00Z")
        conditions.remove(type: "SourceClusterNotReady")
        #expect(conditions.map(\.type) == ["Ready"])
    }

    @Test("a new migration is written in the controller's namespace with its kind")
    func newResourceIsComplete() {
        var spec = MigMigration.Spec()
        spec.migPlanRef = MigrationObjectReference(name: "shop-plan", namespace: MigrationAPI.defaultNamespace)
        spec.stage = false
        let object = MigMigration(name: "cutover-1", spec: spec).encoded()
        #expect(object.apiVersion == "migration.openshift.io/v1alpha1")
        #expect(object.kind == "MigMigration")
        #expect(object.namespace == "openshift-migration")
        #expect(object[path: "spec", "migPlanRef", "name"] == .string("shop-plan"))
        #expect(object[path: "spec", "stage"] == .bool(false))
        #expect(object["status"] == nil)
    }
}
