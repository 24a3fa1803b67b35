import KubeCore
import KubeSimStorage
import Testing

@Suite("Validation and defaults")
struct ValidationTests {
    func deployment(selector: JSONValue?, templateLabels: JSONValue = ["app": "web"], image: String = "nginx:1.27") -> KubeObject {
        var object = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "default")
        var spec: JSONObject = ["template": ["metadata": ["labels": templateLabels], "spec": ["containers": [["name": "web", "image": .string(image), "ports": [["containerPort": 80]]]]]]]
        if let selector { spec["selector"] = selector }
        object.spec = .object(spec)
        return object
    }

    @Test("an invalid name is rejected with kube's RFC 1123 subdomain message")
    func invalidName() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap("Foo"), in: TestSupport.configMaps) }
        #expect(error?.code == 422)
        #expect(error?.message == #"ConfigMap "Foo" is invalid: metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"#)
    }

    @Test("namespaces need RFC 1123 labels, services DNS-1035 labels, RBAC names may hold colons")
    func nameRules() throws {
        let store = try TestSupport.store()
        #expect(throws: KubeAPIError.self) { try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "a.b"), in: TestSupport.namespaces) }
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "1web", namespace: "default")
        service.spec = ["ports": [["port": 80]]]
        let serviceError = #expect(throws: KubeAPIError.self) { try store.create(service, in: TestSupport.services) }
        #expect(serviceError?.message.contains("a DNS-1035 label must consist of") == true)
        let clusterRoles = TestSupport.definition("rbac.authorization.k8s.io", "clusterroles")
        let role = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "system:controller:thing")
        #expect(try store.create(role, in: clusterRoles).name == "system:controller:thing")
        let slashed = KubeObject(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", name: "a/b")
        #expect(throws: KubeAPIError.self) { try store.create(slashed, in: clusterRoles) }
    }

    @Test("a missing name without generateName is required")
    func missingName() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap(""), in: TestSupport.configMaps) }
        #expect(error?.message == "ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required")
    }

    @Test("invalid label keys and values are rejected")
    func labels() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) {
            try store.create(TestSupport.configMap("a", labels: ["bad key": "ok", "good": "-bad"]), in: TestSupport.configMaps)
        }
        #expect(error?.details?.causes.count == 2)
        #expect(error?.details?.causes.allSatisfy { $0.field == "metadata.labels" } == true)
    }

    @Test("a pod needs containers with a name and an image")
    func podRequiredFields() throws {
        let store = try TestSupport.store()
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "default")
        pod.spec = ["containers": [["name": "c"]]]
        let error = #expect(throws: KubeAPIError.self) { try store.create(pod, in: TestSupport.pods) }
        #expect(error?.message == "Pod \"p\" is invalid: spec.containers[0].image: Required value")
        pod.spec = ["containers": []]
        let empty = #expect(throws: KubeAPIError.self) { try store.create(pod, in: TestSupport.pods) }
        #expect(empty?.details?.causes.map(\.field) == ["spec.containers"])
    }

    @Test("a deployment selector is required and must match the template labels")
    func deploymentSelector() throws {
        let store = try TestSupport.store()
        let missing = #expect(throws: KubeAPIError.self) { try store.create(deployment(selector: nil), in: TestSupport.deployments) }
        #expect(missing?.message == "Deployment \"web\" is invalid: spec.selector: Required value")
        let mismatch = #expect(throws: KubeAPIError.self) {
            try store.create(deployment(selector: ["matchLabels": ["app": "db"]]), in: TestSupport.deployments)
        }
        #expect(mismatch?.details?.causes.first?.field == "spec.template.metadata.labels")
        #expect(mismatch?.details?.causes.first?.message == #"Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`"#)
    }

    @Test("service ports must be between 1 and 65535")
    func servicePorts() throws {
        let store = try TestSupport.store()
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "web", namespace: "default")
        service.spec = ["ports": [["port": 70000]]]
        let error = #expect(throws: KubeAPIError.self) { try store.create(service, in: TestSupport.services) }
        #expect(error?.details?.causes.first?.message == "Invalid value: 70000: must be between 1 and 65535, inclusive")
    }

    @Test("configmap data keys must be valid config keys")
    func dataKeys() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) { try store.create(TestSupport.configMap("a", data: ["bad key": "x"]), in: TestSupport.configMaps) }
        #expect(error?.details?.causes.first?.field == "data[bad key]")
    }

    @Test("deployments, pods, services and secrets get kube's defaults")
    func defaults() throws {
        let store = try TestSupport.store()
        let created = try store.create(deployment(selector: ["matchLabels": ["app": "web"]], image: "nginx"), in: TestSupport.deployments)
        #expect(created[path: "spec", "replicas"] == 1)
        #expect(created[path: "spec", "strategy"] == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
        #expect(created[path: "spec", "revisionHistoryLimit"] == 10 && created[path: "spec", "progressDeadlineSeconds"] == 600)
        let podSpec = try #require(created[path: "spec", "template", "spec"])
        #expect(podSpec["restartPolicy"] == "Always" && podSpec["dnsPolicy"] == "ClusterFirst" && podSpec["schedulerName"] == "default-scheduler")
        let container = try #require(podSpec["containers"]?.arrayValue?.first)
        #expect(container["imagePullPolicy"] == "Always")
        #expect(container["terminationMessagePath"] == "/dev/termination-log")
        #expect(container["ports"]?.arrayValue?.first?["protocol"] == "TCP")

        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "web", namespace: "default")
        service.spec = ["ports": [["port": 80]]]
        let createdService = try store.create(service, in: TestSupport.services)
        #expect(createdService[path: "spec", "type"] == "ClusterIP" && createdService[path: "spec", "sessionAffinity"] == "None")
        #expect(createdService[path: "spec", "ports"] == [["port": 80, "protocol": "TCP", "targetPort": 80]])

        var input = KubeObject(apiVersion: "v1", kind: "Secret", name: "s", namespace: "default")
        input["data"] = ["kept": "YQ==", "user": "b2xk"]
        input["stringData"] = ["user": "shop"]
        let secret = try store.create(input, in: TestSupport.secrets)
        #expect(secret["type"] == "Opaque")
        #expect(secret["data"] == ["kept": "YQ==", "user": "c2hvcA=="])
        #expect(secret["stringData"] == nil)
    }

    @Test("imagePullPolicy is Always for latest or untagged images and IfNotPresent otherwise")
    func pullPolicy() throws {
        let store = try TestSupport.store()
        for (image, policy) in [("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.27", "IfNotPresent"),
                                ("registry:5000/app", "Always"), ("registry:5000/app:v1", "IfNotPresent"), ("app@sha256:abc", "IfNotPresent")] {
            var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: "p", namespace: "default")
            pod.spec = ["containers": [["name": "c", "image": .string(image)]]]
            let created = try store.create(pod, in: TestSupport.pods, dryRun: true)
            #expect(created[path: "spec", "containers"]?.arrayValue?.first?["imagePullPolicy"]?.stringValue == policy, "\(image)")
        }
    }

    @Test("jobs get a selector and template labels tied to their uid")
    func jobSelector() throws {
        let store = try TestSupport.store()
        let jobs = TestSupport.definition("batch", "jobs")
        var job = KubeObject(apiVersion: "batch/v1", kind: "Job", name: "once", namespace: "default")
        job.spec = ["template": ["spec": ["restartPolicy": "Never", "containers": [["name": "c", "image": "busybox"]]]]]
        let created = try store.create(job, in: jobs)
        let uid = try #require(created.uid)
        #expect(created[path: "spec", "selector", "matchLabels", "batch.kubernetes.io/controller-uid"] == .string(uid))
        #expect(created[path: "spec", "template", "metadata", "labels", "job-name"] == "once")
        #expect(created[path: "spec", "backoffLimit"] == 6 && created[path: "spec", "completions"] == 1)
        job.spec = ["template": ["spec": ["containers": [["name": "c", "image": "busybox"]]]]]
        job.name = "bad"
        let error = #expect(throws: KubeAPIError.self) { try store.create(job, in: jobs) }
        #expect(error?.details?.causes.first?.field == "spec.template.spec.restartPolicy")
    }
}
