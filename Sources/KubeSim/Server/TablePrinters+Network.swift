import KubeCore

extension TablePrinters {
    static let services = make([
        Column(name: "Type"), Column(name: "Cluster-IP"), Column(name: "External-IP"), Column(name: "Port(s)"), age,
        Column(name: "Selector", priority: 1),
    ]) { object, age in
        let type = object.spec?["type"]?.stringValue ?? "ClusterIP"
        let ports = (object.spec?["ports"]?.arrayValue ?? []).map { port -> String in
            let number = port["port"]?.intValue ?? 0
            let proto = port["protocol"]?.stringValue ?? "TCP"
            if let nodePort = port["nodePort"]?.intValue, type == "NodePort" || type == "LoadBalancer" {
                return "\(number):\(nodePort)/\(proto)"
            }
            return "\(number)/\(proto)"
        }
        let ingress = (object.status?["loadBalancer"]?["ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
        var external = (object.spec?["externalIPs"]?.arrayValue ?? []).compactMap(\.stringValue) + ingress
        if type == "ExternalName" { external = [object.spec?["externalName"]?.stringValue ?? ""] }
        let externalText = external.isEmpty ? (type == "LoadBalancer" ? "<pending>" : "<none>") : external.joined(separator: ",")
        let selector = object.spec?["selector"]
        return [
            .string(type), string(object.spec?["clusterIP"]), .string(externalText),
            .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), .string(age),
            .string(selector == nil ? "<none>" : selectorText(selector)),
        ]
    }

    static let ingresses = make([
        Column(name: "Class"), Column(name: "Hosts"), Column(name: "Address"), Column(name: "Ports"), age,
    ]) { object, age in
        let hosts = (object.spec?["rules"]?.arrayValue ?? []).compactMap { $0["host"]?.stringValue }
        let addresses = (object.status?["loadBalancer"]?["ingress"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
        let hasTLS = !(object.spec?["tls"]?.arrayValue ?? []).isEmpty
        return [
            string(object.spec?["ingressClassName"]), .string(hosts.isEmpty ? "*" : hosts.joined(separator: ",")),
            .string(addresses.joined(separator: ",")), .string(hasTLS ? "80, 443" : "80"), .string(age),
        ]
    }

    static let nodes = make([
        Column(name: "Status"), Column(name: "Roles"), age, Column(name: "Version"),
        Column(name: "Internal-IP", priority: 1), Column(name: "External-IP", priority: 1), Column(name: "OS-Image", priority: 1),
        Column(name: "Kernel-Version", priority: 1), Column(name: "Container-Runtime", priority: 1),
    ]) { object, age in
        let ready = (object.status?["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
        let roles = object.labels.keys.filter { $0.hasPrefix("node-role.kubernetes.io/") }.map { String($0.dropFirst("node-role.kubernetes.io/".count)) }.sorted()
        let addresses = object.status?["addresses"]?.arrayValue ?? []
        func address(_ type: String) -> JSONValue { string(addresses.first { $0["type"]?.stringValue == type }?["address"]) }
        let info = object.status?["nodeInfo"]
        var status = ready?["status"]?.stringValue == "True" ? "Ready" : "NotReady"
        if object.spec?["unschedulable"]?.boolValue == true { status += ",SchedulingDisabled" }
        return [
            .string(status), .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")), .string(age),
            string(info?["kubeletVersion"], ""), address("InternalIP"), address("ExternalIP"), string(info?["osImage"]),
            string(info?["kernelVersion"]), string(info?["containerRuntimeVersion"]),
        ]
    }

    static let persistentVolumeClaims = make([
        Column(name: "Status"), Column(name: "Volume"), Column(name: "Capacity"), Column(name: "Access Modes"),
        Column(name: "StorageClass"), Column(name: "VolumeAttributesClass"), age, Column(name: "VolumeMode", priority: 1),
    ]) { object, age in
        let phase = object.deletionTimestamp != nil ? "Terminating" : (object.status?["phase"]?.stringValue ?? "Pending")
        return [
            .string(phase), string(object.spec?["volumeName"], ""), string(object.status?["capacity"]?["storage"], ""),
            .string(accessModes(object.status?["accessModes"])), string(object.spec?["storageClassName"]),
            string(object.spec?["volumeAttributesClassName"]), .string(age), string(object.spec?["volumeMode"], "Filesystem"),
        ]
    }

    static let persistentVolumes = make([
        Column(name: "Capacity"), Column(name: "Access Modes"), Column(name: "Reclaim Policy"), Column(name: "Status"),
        Column(name: "Claim"), Column(name: "StorageClass"), Column(name: "VolumeAttributesClass"), Column(name: "Reason"), age,
        Column(name: "VolumeMode", priority: 1),
    ]) { object, age in
        let claim = object.spec?["claimRef"]
        let claimText = claim.map { "\($0["namespace"]?.stringValue ?? "")/\($0["name"]?.stringValue ?? "")" } ?? ""
        return [
            string(object.spec?["capacity"]?["storage"], ""), .string(accessModes(object.spec?["accessModes"])),
            string(object.spec?["persistentVolumeReclaimPolicy"], "Retain"), string(object.status?["phase"], "Pending"),
            .string(claimText), string(object.spec?["storageClassName"], ""), string(object.spec?["volumeAttributesClassName"]),
            string(object.status?["reason"], ""), .string(age), string(object.spec?["volumeMode"], "Filesystem"),
        ]
    }

    static func accessModes(_ modes: JSONValue?) -> String {
        let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
        return (modes?.arrayValue ?? []).compactMap(\.stringValue).map { short[$0] ?? $0 }.joined(separator: ",")
    }
}
