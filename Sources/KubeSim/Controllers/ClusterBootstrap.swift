import KubeCore
import KubeSimStorage

/// Creates the objects a fresh cluster has, leaving any that already exist alone.
struct ClusterBootstrap {
    let store: ObjectStore
    let settings: ClusterSettings

    func run() throws(KubeAPIError) {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            try ensure(KubeObject(apiVersion: "v1", kind: "Namespace", name: name), Resources.namespaces)
        }
        for (index, name) in settings.nodeNames.enumerated() {
            try ensure(node(name, index: index), Resources.nodes)
        }
        try ensure(defaultStorageClass(), Resources.storageClasses)
        try ensure(kubernetesService(), Resources.services)
    }

    private func ensure(_ object: KubeObject, _ resource: GroupResource) throws(KubeAPIError) {
        guard let definition = store.registry.definition(for: resource) else { return }
        let exists = try tolerating(\.isNotFound) { () throws(KubeAPIError) in
            _ = try store.get(definition, namespace: object.namespace, name: object.name)
        }
        guard !exists else { return }
        try tolerating(\.isAlreadyExists) { () throws(KubeAPIError) in
            _ = try store.create(object, in: definition)
        }
    }

    private func node(_ name: String, index: Int) -> KubeObject {
        var node = KubeObject(apiVersion: "v1", kind: "Node", name: name)
        node.labels = [
            "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
            index == 0 ? "node-role.kubernetes.io/control-plane" : "node-role.kubernetes.io/worker": "",
        ]
        node.spec = ["podCIDR": .string("\(settings.podNetworkPrefix).\(index).0/24"), "podCIDRs": [.string("\(settings.podNetworkPrefix).\(index).0/24")]]
        let now = Timestamp.now()
        let resources: JSONValue = ["cpu": "8", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi"]
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
             "lastHeartbeatTime": .string(now), "lastTransitionTime": .string(now)]
        }
        node.status = [
            "addresses": [["type": "InternalIP", "address": .string("172.18.0.\(index + 2)")], ["type": "Hostname", "address": .string(name)]],
            "capacity": resources, "allocatable": resources,
            "conditions": [
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "nodeInfo": [
                "kubeletVersion": "v1.32.0", "kubeProxyVersion": "v1.32.0", "operatingSystem": "linux", "architecture": "amd64",
                "containerRuntimeVersion": "ferry://1.0.0", "kernelVersion": "6.1.0", "osImage": "Ferry simulated node",
                "machineID": .string(NameGenerator.hexDigest(of: .string(name)).prefix(32).description),
                "systemUUID": .string(NameGenerator.hexDigest(of: .string("uuid-\(name)")).prefix(32).description),
                "bootID": .string(NameGenerator.hexDigest(of: .string("boot-\(name)")).prefix(32).description),
            ],
            "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
        ]
        return node
    }

    private func defaultStorageClass() -> KubeObject {
        var storageClass = KubeObject(apiVersion: "storage.k8s.io/v1", kind: "StorageClass", name: "standard")
        storageClass.annotations = [PersistentVolumeController.defaultClassAnnotation: "true"]
        storageClass["provisioner"] = .string(PersistentVolumeController.provisioner)
        storageClass["reclaimPolicy"] = "Delete"
        storageClass["volumeBindingMode"] = "Immediate"
        storageClass["allowVolumeExpansion"] = true
        return storageClass
    }

    private func kubernetesService() -> KubeObject {
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: "kubernetes", namespace: "default")
        service.labels = ["component": "apiserver", "provider": "kubernetes"]
        service.spec = [
            "type": "ClusterIP", "clusterIP": .string(settings.kubernetesServiceIP), "sessionAffinity": "None",
            "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]],
        ]
        return service
    }
}
