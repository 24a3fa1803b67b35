import Foundation
import KubeCore
import KubeSimStorage
import KubeSimControllers
import Testing

@Suite("cluster controllers")
struct ClusterControllerTests {
    @Test("bootstrap creates system namespaces, nodes, the default class, and the kubernetes service, idempotently")
    func bootstrapObjects() async throws {
        try await TestCluster.run { cluster in
            try KubeSimControllers.bootstrap(store: cluster.store, settings: cluster.settings)
            for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
                #expect(cluster.get("v1", "Namespace", nil, name) != nil)
            }
            let nodes = cluster.list("v1", "Node", nil)
            #expect(nodes.map(\.name).sorted() == ["test-node-1", "test-node-2"])
            #expect(nodes.allSatisfy { $0.conditionStatus("Ready") == "True" && $0.string("status", "nodeInfo", "kubeletVersion") == "v1.32.0" })
            let storageClass = cluster.get("storage.k8s.io/v1", "StorageClass", nil, "standard")
            #expect(storageClass?.annotations["storageclass.kubernetes.io/is-default-class"] == "true")
            #expect(cluster.get("v1", "Service", "default", "kubernetes")?.string("spec", "clusterIP") == "10.96.0.1")
        }
    }

    @Test("new namespaces get the default service account and kube-root-ca.crt")
    func namespaceDefaults() async throws {
        try await TestCluster.run { cluster in
            try cluster.createNamespace("team")
            #expect(await eventually {
                cluster.get("v1", "ServiceAccount", "team", "default") != nil
                    && cluster.get("v1", "ConfigMap", "team", "kube-root-ca.crt")?[path: "data", "ca.crt"] == "TEST-CA"
            })
        }
    }

    @Test("deleting a namespace deletes everything in it and then the namespace")
    func namespaceDeletion() async throws {
        try await TestCluster.run { cluster in
            try cluster.createNamespace("doomed")
            try cluster.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings", "namespace": "doomed"], "data": ["a": "b"]])
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "doomed"],
                "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]], "template": podTemplate(labels: ["app": "web"])],
            ])
            #expect(await eventually { cluster.list("v1", "Pod", "doomed").filter(\.ready).count == 2 })
            try cluster.delete("v1", "Namespace", nil, "doomed")
            #expect(await eventually { cluster.get("v1", "Namespace", nil, "doomed") == nil })
            #expect(cluster.list("v1", "Pod", "doomed").isEmpty)
            #expect(cluster.list("v1", "ConfigMap", "doomed").isEmpty)
            #expect(cluster.list("apps/v1", "ReplicaSet", "doomed").isEmpty)
        }
    }

    private func owner(_ cluster: TestCluster, _ name: String) throws -> KubeObject {
        try cluster.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": "default"]])
    }

    private func dependent(_ cluster: TestCluster, _ name: String, of owner: KubeObject) throws {
        let reference = OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: owner.name, uid: owner.uid ?? "", blockOwnerDeletion: true)
        try cluster.create([
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(name), "namespace": "default", "ownerReferences": [reference.json]],
        ])
    }

    @Test("background deletion: dependents of a deleted owner are collected")
    func garbageCollectionBackground() async throws {
        try await TestCluster.run { cluster in
            let parent = try owner(cluster, "parent")
            try dependent(cluster, "child", of: parent)
            try cluster.delete("v1", "ConfigMap", "default", "parent")
            #expect(await eventually { cluster.get("v1", "Secret", "default", "child") == nil })
        }
    }

    @Test("foreground deletion: the owner stays until its dependents are gone")
    func garbageCollectionForeground() async throws {
        try await TestCluster.run { cluster in
            let parent = try owner(cluster, "front")
            try dependent(cluster, "front-child", of: parent)
            try cluster.delete("v1", "ConfigMap", "default", "front", policy: .foreground)
            #expect(await eventually {
                cluster.get("v1", "Secret", "default", "front-child") == nil && cluster.get("v1", "ConfigMap", "default", "front") == nil
            })
        }
    }

    @Test("orphan deletion: dependents lose the owner reference and stay")
    func garbageCollectionOrphan() async throws {
        try await TestCluster.run { cluster in
            let parent = try owner(cluster, "lonely")
            try dependent(cluster, "kept", of: parent)
            try cluster.delete("v1", "ConfigMap", "default", "lonely", policy: .orphan)
            #expect(await eventually { cluster.get("v1", "ConfigMap", "default", "lonely") == nil })
            let kept = try #require(cluster.get("v1", "Secret", "default", "kept"))
            #expect(kept.ownerReferences.isEmpty)
        }
    }

    private func service(_ name: String, type: String = "ClusterIP", nodePort: Int64? = nil, selector: String? = nil) -> JSONValue {
        var port: JSONValue = ["port": 80, "targetPort": "http", "protocol": "TCP"]
        if let nodePort { port["nodePort"] = .int(nodePort) }
        var spec: JSONValue = ["type": .string(type), "ports": [port]]
        if let selector { spec["selector"] = ["app": .string(selector)] }
        return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": "default"], "spec": spec]
    }

    @Test("services get unique cluster IPs and node ports; a taken node port is rejected with 422")
    func serviceAllocation() async throws {
        try await TestCluster.run { cluster in
            let first = try cluster.create(service("one", type: "NodePort"))
            let second = try cluster.create(service("two", type: "NodePort"))
            let headless = try cluster.create(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "headless", "namespace": "default"],
                                               "spec": ["clusterIP": "None", "ports": [["port": 5432]]]])
            let ips = [first, second].compactMap { $0.string("spec", "clusterIP") }
            #expect(ips.count == 2 && Set(ips).count == 2 && ips.allSatisfy { $0.hasPrefix("10.96.") && $0 != "10.96.0.1" })
            #expect(first[path: "spec", "ipFamilies"] == ["IPv4"])
            #expect(headless.string("spec", "clusterIP") == "None")
            let ports = [first, second].compactMap { $0[path: "spec", "ports"]?.arrayValue?.first?["nodePort"]?.intValue }
            #expect(ports.count == 2 && Set(ports).count == 2 && ports.allSatisfy { (30000...32767).contains($0) })
            let requested = try cluster.create(service("three", type: "NodePort", nodePort: 31080))
            #expect(requested[path: "spec", "ports"]?.arrayValue?.first?["nodePort"] == 31080)
            let error = #expect(throws: KubeAPIError.self) { try cluster.create(service("four", type: "NodePort", nodePort: 31080)) }
            #expect(error?.code == 422)
            #expect(error?.message.contains("provided port is already allocated") == true)
        }
    }

    @Test("a LoadBalancer service gets an ingress IP")
    func loadBalancerStatus() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(service("public", type: "LoadBalancer"))
            #expect(await eventually {
                cluster.get("v1", "Service", "default", "public")?[path: "status", "loadBalancer", "ingress"]?.arrayValue?.first?["ip"]?.stringValue?.hasPrefix("172.18.255.") == true
            })
        }
    }

    @Test("endpoints follow the ready pods a service selects")
    func endpointsFollowPods() async throws {
        try await TestCluster.run { cluster in
            try cluster.create(service("web", selector: "web"))
            try cluster.create([
                "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "default"],
                "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]], "template": podTemplate(labels: ["app": "web"])],
            ])
            func addresses() -> [String] {
                cluster.get("v1", "Endpoints", "default", "web")?["subsets"]?.arrayValue?.first?["addresses"]?.arrayValue?
                    .compactMap { $0["ip"]?.stringValue } ?? []
            }
            #expect(await eventually { addresses().count == 2 })
            let podIPs = Set(cluster.list("v1", "Pod", "default", labels: "app=web").compactMap { $0.string("status", "podIP") })
            #expect(Set(addresses()) == podIPs)
            let port = cluster.get("v1", "Endpoints", "default", "web")?["subsets"]?.arrayValue?.first?["ports"]?.arrayValue?.first?["port"]
            #expect(port == 80)
            let slices = cluster.list("discovery.k8s.io/v1", "EndpointSlice", "default", labels: "kubernetes.io/service-name=web")
            #expect(slices.first?["endpoints"]?.arrayValue?.count == 2)
            try cluster.modify("apps/v1", "Deployment", "default", "web") { $0[path: "spec", "replicas"] = 0 }
            #expect(await eventually { addresses().isEmpty })
        }
    }

    @Test("a claim gets a provisioned hostPath volume; deleting the claim deletes the volume and its directory")
    func volumeProvisioning() async throws {
        let state = try TemporaryDirectory()
        defer { state.remove() }
        try await TestCluster.run(stateDirectory: state.path) { cluster in
            try cluster.create([
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "data", "namespace": "default"],
                "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "2Gi"]]],
            ])
            #expect(await eventually { cluster.get("v1", "PersistentVolumeClaim", "default", "data")?.string("status", "phase") == "Bound" })
            let claim = try #require(cluster.get("v1", "PersistentVolumeClaim", "default", "data"))
            let volumeName = try #require(claim.string("spec", "volumeName"))
            #expect(volumeName == "pvc-\(claim.uid ?? "")")
            #expect(claim.annotations["pv.kubernetes.io/bind-completed"] == "yes")
            #expect(claim[path: "status", "capacity", "storage"] == "2Gi")
            #expect(await eventually { cluster.get("v1", "PersistentVolume", nil, volumeName)?.string("status", "phase") == "Bound" })
            let volume = try #require(cluster.get("v1", "PersistentVolume", nil, volumeName))
            let path = try #require(volume.string("spec", "hostPath", "path"))
            #expect(path == "\(state.path)/volumes/\(volumeName)")
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(volume[path: "spec", "claimRef", "name"] == "data")
            try cluster.delete("v1", "PersistentVolumeClaim", "default", "data")
            #expect(await eventually { cluster.get("v1", "PersistentVolume", nil, volumeName) == nil })
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test("a pre-created volume reserved for a claim is bound to it")
    func staticVolumeBinding() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "v1", "kind": "PersistentVolume", "metadata": ["name": "moved"],
                "spec": [
                    "capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"], "hostPath": ["path": "/tmp/ferry-moved"],
                    "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "standard",
                    "claimRef": ["namespace": "default", "name": "moved-claim"],
                ],
            ])
            try cluster.create([
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "moved-claim", "namespace": "default"],
                "spec": ["accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "resources": ["requests": ["storage": "1Gi"]]],
            ])
            #expect(await eventually {
                cluster.get("v1", "PersistentVolumeClaim", "default", "moved-claim")?.string("spec", "volumeName") == "moved"
                    && cluster.get("v1", "PersistentVolume", nil, "moved")?.string("status", "phase") == "Bound"
            })
            try cluster.delete("v1", "PersistentVolumeClaim", "default", "moved-claim")
            #expect(await eventually { cluster.get("v1", "PersistentVolume", nil, "moved")?.string("status", "phase") == "Released" })
        }
    }

    @Test("a claim waiting for a volume binds when a matching volume is created later")
    func volumeCreatedAfterClaim() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "waiting", "namespace": "default"],
                "spec": ["accessModes": ["ReadWriteOnce"], "storageClassName": "manual", "resources": ["requests": ["storage": "1Gi"]]],
            ])
            #expect(await eventually { cluster.get("v1", "PersistentVolumeClaim", "default", "waiting")?.string("status", "phase") == "Pending" })
            try cluster.create([
                "apiVersion": "v1", "kind": "PersistentVolume", "metadata": ["name": "late"],
                "spec": [
                    "capacity": ["storage": "2Gi"], "accessModes": ["ReadWriteOnce"], "hostPath": ["path": "/tmp/ferry-late"],
                    "persistentVolumeReclaimPolicy": "Retain", "storageClassName": "manual",
                ],
            ])
            #expect(await eventually {
                cluster.get("v1", "PersistentVolumeClaim", "default", "waiting")?.string("spec", "volumeName") == "late"
                    && cluster.get("v1", "PersistentVolume", nil, "late")?.string("status", "phase") == "Bound"
            })
        }
    }

    @Test("a route without a host gets a generated one and is admitted")
    func routeHost() async throws {
        try await TestCluster.run { cluster in
            try cluster.create([
                "apiVersion": "route.openshift.io/v1", "kind": "Route", "metadata": ["name": "shop", "namespace": "default"],
                "spec": ["to": ["kind": "Service", "name": "shop"]],
            ])
            #expect(await eventually {
                cluster.get("route.openshift.io/v1", "Route", "default", "shop")?[path: "status", "ingress"]?.arrayValue?.first?["host"] == "shop-default.apps.test.ferry.local"
            })
            let route = try #require(cluster.get("route.openshift.io/v1", "Route", "default", "shop"))
            #expect(route.string("spec", "host") == "shop-default.apps.test.ferry.local")
            #expect(route.annotations["openshift.io/host.generated"] == "true")
        }
    }
}
