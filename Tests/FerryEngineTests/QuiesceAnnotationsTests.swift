import FerryEngine
import KubeCore
import Testing

@Suite("QuiesceAnnotations on in-memory objects")
struct QuiesceAnnotationsTests {
    static func workload(_ apiVersion: String, _ kind: String, spec: JSONValue, annotations: [String: String] = [:]) throws -> KubeObject {
        var object = try KubeObject.literal(["apiVersion": .string(apiVersion), "kind": .string(kind), "metadata": ["name": "w", "namespace": "shop"], "spec": spec])
        object.annotations = annotations
        return object
    }

    static let originals: [(String, String, JSONValue)] = [
        ("apps/v1", "Deployment", ["replicas": 3, "paused": true, "template": ["spec": ["containers": []]]]),
        ("apps.openshift.io/v1", "DeploymentConfig", ["replicas": 2]),
        ("apps/v1", "StatefulSet", ["replicas": 5, "serviceName": "db"]),
        ("apps/v1", "ReplicaSet", ["replicas": 1]),
        ("v1", "ReplicationController", ["replicas": 4]),
        ("apps/v1", "DaemonSet", ["template": ["spec": ["nodeSelector": ["disk": "ssd"]]]]),
        ("apps/v1", "DaemonSet", ["template": ["spec": ["containers": []]]]),
        ("batch/v1", "CronJob", ["schedule": "@daily", "suspend": false]),
        ("batch/v1", "Job", ["parallelism": 3, "completions": 9]),
    ]

    @Test("quiescing then restoring gives back every kind's spec exactly, without annotations")
    func roundTrip() throws {
        for (apiVersion, kind, spec) in Self.originals {
            let original = try Self.workload(apiVersion, kind, spec: spec)
            let (quiesced, _) = try #require(QuiesceAnnotations.quiescing(original), "\(kind) is quiesced")
            #expect(quiesced.spec != original.spec, "\(kind) is stopped")
            #expect(QuiesceAnnotations.isQuiesced(quiesced))
            #expect(QuiesceAnnotations.restoringOriginal(quiesced) == original, "\(kind) \(spec) comes back exactly")
        }
    }

    @Test("a quiesced Deployment is scaled to zero and keeps its paused value, both values saved")
    func deployment() throws {
        let original = try Self.workload("apps/v1", "Deployment", spec: ["replicas": 3, "paused": true])
        let (quiesced, summary) = try #require(QuiesceAnnotations.quiescing(original))
        #expect(quiesced.spec == ["replicas": 0, "paused": true])
        #expect(quiesced.annotations == [QuiesceAnnotations.replicas: "3", QuiesceAnnotations.paused: "true"])
        #expect(summary == "replicas 3 → 0")
    }

    @Test("unquiesce puts back the paused value saved, even when it was changed while quiesced")
    func pausedChangedWhileQuiesced() throws {
        let original = try Self.workload("apps/v1", "Deployment", spec: ["replicas": 2])
        var (quiesced, _) = try #require(QuiesceAnnotations.quiescing(original))
        #expect(quiesced.annotations[QuiesceAnnotations.paused] == "false")
        quiesced[path: "spec", "paused"] = true
        let restored = try #require(try QuiesceAnnotations.restoring(quiesced))
        #expect(restored.object.spec == ["replicas": 2, "paused": false])
        #expect(restored.summary == "replicas → 2, paused → false")
    }

    @Test("quiescing an already quiesced object keeps the value saved first")
    func idempotent() throws {
        let original = try Self.workload("apps/v1", "StatefulSet", spec: ["replicas": 2])
        let (once, _) = try #require(QuiesceAnnotations.quiescing(original))
        #expect(QuiesceAnnotations.quiescing(once) == nil)
        // Scaled up by hand while quiesced: stopped again, the first value stays.
        var scaledUp = once
        scaledUp[path: "spec", "replicas"] = 7
        let (twice, _) = try #require(QuiesceAnnotations.quiescing(scaledUp))
        #expect(twice.annotations[QuiesceAnnotations.replicas] == "2")
        #expect(QuiesceAnnotations.restoringOriginal(twice)[path: "spec", "replicas"] == 2)
    }

    @Test("stopped workloads, owned ReplicaSets and ReplicationControllers, and other kinds are left alone")
    func leftAlone() throws {
        #expect(QuiesceAnnotations.quiescing(try Self.workload("apps/v1", "Deployment", spec: ["replicas": 0])) == nil)
        #expect(QuiesceAnnotations.quiescing(try Self.workload("batch/v1", "CronJob", spec: ["suspend": true])) == nil)
        #expect(QuiesceAnnotations.quiescing(try Self.workload("v1", "ConfigMap", spec: [:])) == nil)
        var owned = try Self.workload("apps/v1", "ReplicaSet", spec: ["replicas": 2])
        owned.ownerReferences = [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "d-1", controller: true)]
        #expect(QuiesceAnnotations.quiescing(owned) == nil)
        var deployed = try Self.workload("v1", "ReplicationController", spec: ["replicas": 2])
        deployed.ownerReferences = [OwnerReference(apiVersion: "apps.openshift.io/v1", kind: "DeploymentConfig", name: "web-1", uid: "dc-1", controller: true)]
        #expect(QuiesceAnnotations.quiescing(deployed) == nil)
    }

    @Test("restoring an object without annotations changes nothing")
    func restoreWithoutAnnotations() throws {
        let object = try Self.workload("apps/v1", "Deployment", spec: ["replicas": 0], annotations: ["team": "shop"])
        #expect(try QuiesceAnnotations.restoring(object) == nil)
        #expect(QuiesceAnnotations.restoringOriginal(object) == object)
    }

    @Test("an unreadable saved value is an error naming the object, annotation and fix")
    func invalidAnnotation() throws {
        let object = try Self.workload("apps/v1", "Deployment", spec: ["replicas": 0], annotations: [QuiesceAnnotations.replicas: "three"])
        let error = #expect(throws: QuiesceError.self) { try QuiesceAnnotations.restoring(object) }
        #expect(error?.code == .invalidAnnotation)
        #expect(error?.message.contains("Deployment shop/w") == true)
        #expect(error?.message.contains(QuiesceAnnotations.replicas) == true)
        #expect(QuiesceAnnotations.restoringOriginal(object) == object, "left as it is when it cannot be read")
    }
}
