import KubeCore

extension TablePrinters {
    static let pods = make([
        Column(name: "Ready", description: "The aggregate readiness state of this pod for accepting traffic."),
        Column(name: "Status", description: "The aggregate status of the containers in this pod."),
        Column(name: "Restarts", description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        age,
        Column(name: "IP", priority: 1, description: "The IP address assigned to the pod"),
        Column(name: "Node", priority: 1, description: "The name of the node to which the pod is assigned"),
        Column(name: "Nominated Node", priority: 1, description: "The name of the node where the pod is nominated"),
        Column(name: "Readiness Gates", priority: 1, description: "The readiness gates of the pod"),
    ]) { object, age in
        let containers = object.spec?["containers"]?.arrayValue ?? []
        let statuses = object.status?["containerStatuses"]?.arrayValue ?? []
        let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
        let restarts = statuses.reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
        var phase = object.status?["reason"]?.stringValue ?? object.status?["phase"]?.stringValue ?? "Pending"
        for status in statuses {
            if let reason = status["state"]?["waiting"]?["reason"]?.stringValue { phase = reason }
            else if let reason = status["state"]?["terminated"]?["reason"]?.stringValue, phase != "Succeeded" { phase = reason }
        }
        if object.deletionTimestamp != nil { phase = "Terminating" }
        let gates = object.spec?["readinessGates"]?.arrayValue ?? []
        return [
            .string("\(ready)/\(containers.count)"), .string(phase), .string("\(restarts)"), .string(age),
            string(object.status?["podIP"]), string(object.spec?["nodeName"]), string(object.status?["nominatedNodeName"]),
            .string(gates.isEmpty ? "<none>" : "0/\(gates.count)"),
        ]
    }

    static let deployments = make([
        Column(name: "Ready"), Column(name: "Up-to-date", type: "integer"), Column(name: "Available", type: "integer"), age,
        Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["template"])
        return [
            .string("\(object.status?["readyReplicas"]?.intValue ?? 0)/\(object.spec?["replicas"]?.intValue ?? 1)"),
            int(object.status?["updatedReplicas"]), int(object.status?["availableReplicas"]), .string(age),
            .string(template.names), .string(template.images), .string(selectorText(object.spec?["selector"])),
        ]
    }

    static let replicaSets = make([
        Column(name: "Desired", type: "integer"), Column(name: "Current", type: "integer"), Column(name: "Ready", type: "integer"), age,
        Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["template"])
        return [
            .int(Int64(object.spec?["replicas"]?.intValue ?? 1)), int(object.status?["replicas"]), int(object.status?["readyReplicas"]),
            .string(age), .string(template.names), .string(template.images), .string(selectorText(object.spec?["selector"])),
        ]
    }

    static let statefulSets = make([
        Column(name: "Ready"), age, Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["template"])
        return [
            .string("\(object.status?["readyReplicas"]?.intValue ?? 0)/\(object.spec?["replicas"]?.intValue ?? 1)"), .string(age),
            .string(template.names), .string(template.images),
        ]
    }

    static let daemonSets = make([
        Column(name: "Desired", type: "integer"), Column(name: "Current", type: "integer"), Column(name: "Ready", type: "integer"),
        Column(name: "Up-to-date", type: "integer"), Column(name: "Available", type: "integer"), Column(name: "Node Selector"), age,
        Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["template"])
        let nodeSelector = object.spec?["template"]?["spec"]?["nodeSelector"]
        return [
            int(object.status?["desiredNumberScheduled"]), int(object.status?["currentNumberScheduled"]), int(object.status?["numberReady"]),
            int(object.status?["updatedNumberScheduled"]), int(object.status?["numberAvailable"]),
            .string(nodeSelector == nil ? "<none>" : selectorText(nodeSelector)), .string(age),
            .string(template.names), .string(template.images), .string(selectorText(object.spec?["selector"])),
        ]
    }

    static let jobs = make([
        Column(name: "Status"), Column(name: "Completions"), Column(name: "Duration"), age,
        Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["template"])
        let conditions = object.status?["conditions"]?.arrayValue ?? []
        let state = conditions.first { $0["status"]?.stringValue == "True" }?["type"]?.stringValue
        var duration = ""
        if let start = object.status?["startTime"]?.stringValue.flatMap(KubeTime.parse) {
            let end = object.status?["completionTime"]?.stringValue.flatMap(KubeTime.parse) ?? (KubeTime.parse(KubeTime.now()) ?? start)
            duration = HumanDuration.format(seconds: end - start)
        }
        return [
            .string(state == "Complete" ? "Complete" : state == "Failed" ? "Failed" : "Running"),
            .string("\(object.status?["succeeded"]?.intValue ?? 0)/\(object.spec?["completions"]?.intValue ?? 1)"),
            .string(duration), .string(age), .string(template.names), .string(template.images),
            .string(selectorText(object.spec?["selector"])),
        ]
    }

    static let cronJobs = make([
        Column(name: "Schedule"), Column(name: "Timezone"), Column(name: "Suspend", type: "boolean"), Column(name: "Active", type: "integer"),
        Column(name: "Last Schedule"), age,
        Column(name: "Containers", priority: 1), Column(name: "Images", priority: 1), Column(name: "Selector", priority: 1),
    ]) { object, age in
        let template = containers(object.spec?["jobTemplate"]?["spec"]?["template"])
        let last = object.status?["lastScheduleTime"]?.stringValue
        return [
            string(object.spec?["schedule"]), string(object.spec?["timeZone"]), .bool(object.spec?["suspend"]?.boolValue ?? false),
            .int(Int64(object.status?["active"]?.arrayValue?.count ?? 0)),
            .string(last == nil ? "<none>" : HumanDuration.age(since: last, now: KubeTime.parse(KubeTime.now()) ?? 0)), .string(age),
            .string(template.names), .string(template.images), .string(selectorText(object.spec?["jobTemplate"]?["spec"]?["selector"])),
        ]
    }
}
