import FerryEngine
import KubeCore
import Testing

@Suite("Collection scope and report values")
struct CollectScopeTests {
    @Test("Kind.group parses into group and kind; a bare kind is in the core group")
    func groupKindParsing() {
        #expect(GroupKind(parsing: "Deployment.apps") == GroupKind(group: "apps", kind: "Deployment"))
        #expect(GroupKind(parsing: "Route.route.openshift.io") == GroupKind(group: "route.openshift.io", kind: "Route"))
        #expect(GroupKind(parsing: "ConfigMap") == GroupKind(group: "", kind: "ConfigMap"))
        #expect(GroupKind(parsing: "Deployment.apps").description == "Deployment.apps")
        #expect(GroupKind(group: "", kind: "Secret").description == "Secret")
    }

    @Test("exclusions match plain and group-qualified resource names")
    func exclusions() {
        let scope = CollectionScope(namespaces: ["shop"])
        #expect(scope.excludes(resource: "events", group: ""))
        #expect(scope.excludes(resource: "events", group: "events.k8s.io"))
        #expect(scope.excludes(resource: "rolebindings", group: "authorization.openshift.io"))
        #expect(!scope.excludes(resource: "rolebindings", group: "rbac.authorization.k8s.io"))
        #expect(!scope.excludes(resource: "configmaps", group: ""))
    }

    @Test("an empty inclusion list includes every kind; otherwise kinds match case-insensitively within their group")
    func inclusions() {
        #expect(CollectionScope(namespaces: []).includes(group: "apps", kind: "Deployment"))
        let scope = CollectionScope(namespaces: [], includedResources: [GroupKind(group: "apps", kind: "deployment")])
        #expect(scope.includes(group: "apps", kind: "Deployment"))
        #expect(!scope.includes(group: "apps.openshift.io", kind: "Deployment"))
        #expect(!scope.includes(group: "", kind: "ConfigMap"))
    }

    @Test("references read as Kind.group namespace/name and reports count what happened")
    func referencesAndSummary() {
        let deployment = KubeObjectReference(KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop"))
        let volume = KubeObjectReference(apiVersion: "v1", kind: "PersistentVolume", name: "pv-1")
        #expect(deployment.description == "Deployment.apps shop/web")
        #expect(volume.description == "PersistentVolume pv-1")
        let report = RestoreReport(created: [deployment], existing: [volume], failed: [.init(reference: volume, message: "forbidden")])
        #expect(report.summary == "1 created, 0 already restored, 1 existing, 0 updated, 1 failed")
        #expect(!report.succeeded && report.restoredCount == 1)
        #expect(report.failed[0].description == "PersistentVolume pv-1: forbidden")
        #expect(CleanupReport(deleted: [deployment]).summary == "1 deleted, 0 failed")
    }
}
