import FerryEngine
import KubeCore
import Testing

@Suite("CleanPod, CleanServiceAccount, CleanRoute and StripServerFields")
struct WorkloadCleaningTests {
    @Test("a pod loses its node, priority, generated token volumes and generated pull secrets, and keeps its own")
    func pod() throws {
        let pod: KubeObject = try .literal([
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "namespace": "shop"],
            "spec": [
                "nodeName": "node-1", "priority": 0, "serviceAccountName": "builder",
                "imagePullSecrets": [["name": "builder-dockercfg-x1"], ["name": "corp-registry"]],
                "volumes": [
                    ["name": "kube-api-access-abcde", "projected": ["sources": []]],
                    ["name": "token", "secret": ["secretName": "builder-token-x2"]],
                    ["name": "data", "persistentVolumeClaim": ["claimName": "data"]],
                ],
                "containers": [["name": "c", "volumeMounts": [
                    ["name": "kube-api-access-abcde", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"],
                    ["name": "data", "mountPath": "/data"],
                ]]],
                "initContainers": [["name": "i", "volumeMounts": [["name": "token", "mountPath": "/t"]]]],
            ],
        ])
        let (_, cleaned) = CleanPod().applied(to: pod)
        #expect(cleaned[path: "spec", "nodeName"] == nil)
        #expect(cleaned[path: "spec", "priority"] == nil)
        #expect(cleaned[path: "spec", "imagePullSecrets"] == [["name": "corp-registry"]])
        #expect(cleaned[path: "spec", "volumes"] == [["name": "data", "persistentVolumeClaim": ["claimName": "data"]]])
        #expect(cleaned[path: "spec", "containers"] == [["name": "c", "volumeMounts": [["name": "data", "mountPath": "/data"]]]])
        #expect(cleaned[path: "spec", "initContainers"] == [["name": "i"]])
    }

    @Test("a service account keeps user secrets and loses its generated ones")
    func serviceAccount() throws {
        let account: KubeObject = try .literal([
            "apiVersion": "v1", "kind": "ServiceAccount", "metadata": ["name": "builder", "namespace": "shop"],
            "secrets": [["name": "builder-token-a"], ["name": "builder-dockercfg-b"], ["name": "signing-key"]],
            "imagePullSecrets": [["name": "builder-dockercfg-b"], ["name": "other-dockercfg-c"]],
        ])
        let (_, cleaned) = CleanServiceAccount().applied(to: account)
        #expect(cleaned["secrets"] == [["name": "signing-key"]])
        #expect(cleaned["imagePullSecrets"] == [["name": "other-dockercfg-c"]], "only this account's generated names are removed")
    }

    @Test("a route keeps a host its author chose and loses a generated one")
    func route() throws {
        func route(generated: String?) throws -> KubeObject {
            var metadata: JSONObject = ["name": "web", "namespace": "shop"]
            if let generated { metadata["annotations"] = ["openshift.io/host.generated": .string(generated)] }
            return try .literal(["apiVersion": "route.openshift.io/v1", "kind": "Route", "metadata": .object(metadata),
                                 "spec": ["host": "web.apps.example.com", "to": ["kind": "Service", "name": "web"]]])
        }
        #expect(CleanRoute().applied(to: try route(generated: "true")).1[path: "spec", "host"] == nil)
        #expect(CleanRoute().applied(to: try route(generated: "false")).1[path: "spec", "host"] == "web.apps.example.com")
        #expect(CleanRoute().applied(to: try route(generated: nil)).1[path: "spec", "host"] == "web.apps.example.com")
    }

    @Test("server fields, including deletion fields, are stripped and nothing else")
    func serverFields() throws {
        let object: KubeObject = try .literal([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": "c", "namespace": "shop", "uid": "u", "selfLink": "/x", "resourceVersion": "1",
                "creationTimestamp": "2024-01-01T00:00:00Z", "generation": 2, "managedFields": [],
                "deletionTimestamp": "2024-01-02T00:00:00Z", "deletionGracePeriodSeconds": 30,
                "finalizers": ["example.com/keep"],
            ],
            "status": ["phase": "x"], "data": ["k": "v"],
        ])
        let (_, cleaned) = StripServerFields().applied(to: object)
        #expect(cleaned.json == [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "c", "namespace": "shop", "finalizers": ["example.com/keep"]],
            "data": ["k": "v"],
        ])
    }
}
