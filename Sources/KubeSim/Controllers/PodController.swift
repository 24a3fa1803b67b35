import Foundation
import KubeCore
import KubeSimStorage

/// The kubelet and scheduler of the simulated cluster: binds pods to nodes that match their
/// node selector, then reports them running (or, for job pods, succeeded) with an IP.
struct PodController: Reconciler {
    let context: ControllerContext
    let settings: ClusterSettings
    let podAddresses: AddressPool

    init(context: ControllerContext, settings: ClusterSettings) {
        self.context = context
        self.settings = settings
        self.podAddresses = AddressPool(prefix: settings.podNetworkPrefix)
    }

    var name: String { "pod" }
    var watchedResources: [GroupResource]? { [Resources.pods, Resources.nodes, Resources.persistentVolumeClaims] }
    var primaryResource: GroupResource { Resources.pods }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        switch event.resource {
        case Resources.pods:
            let key = ObjectKey(Resources.pods, object: event.object)
            if event.type == .deleted {
                podAddresses.release(holder: key.description)
                return []
            }
            if let address = event.object.string("status", "podIP") { podAddresses.record(address, holder: key.description) }
            return [key]
        case Resources.nodes:
            return cache.objects(Resources.pods, namespace: nil).filter { $0.string("spec", "nodeName") == nil }
                .map { ObjectKey(Resources.pods, object: $0) }
        case Resources.persistentVolumeClaims:
            let claim = event.object.name
            return cache.objects(Resources.pods, namespace: event.object.namespace).filter { pod in
                pod.podPhase == "Pending" && Self.claimNames(of: pod).contains(claim)
            }.map { ObjectKey(Resources.pods, object: $0) }
        default:
            return []
        }
    }

    /// Annotation on a Job's pod (set in the Job's template) giving the exit code its
    /// containers end with; a non-zero code makes the pod fail.
    static let exitCodeAnnotation = "kubesim.ferry.dev/exit-code"

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let pod = try context.fetch(key) else { return nil }
        if pod.isBeingDeleted {
            // No containers run, so a graceful deletion has nothing to wait for.
            if pod.finalizers.isEmpty {
                try context.deleteIfPresent(Resources.pods, namespace: key.namespace, name: key.name, options: DeleteOptions(gracePeriodSeconds: 0))
            }
            return nil
        }
        if pod.isPodFinished { return nil }
        let unbound = Self.claimNames(of: pod).filter { claim in
            cache.object(ObjectKey(Resources.persistentVolumeClaims, namespace: key.namespace, name: claim))?.string("status", "phase") != "Bound"
        }
        guard let nodeName = pod.string("spec", "nodeName") else {
            try schedule(pod, unboundClaims: unbound, cache: cache)
            return nil
        }
        guard unbound.isEmpty else { return nil }
        return try run(pod, on: nodeName, cache: cache)
    }

    static func claimNames(of pod: KubeObject) -> [String] {
        (pod.spec?["volumes"]?.arrayValue ?? []).compactMap { $0["persistentVolumeClaim"]?["claimName"]?.stringValue }
    }

    private func schedule(_ pod: KubeObject, unboundClaims: [String], cache: ObjectCache) throws {
        let nodes = cache.objects(Resources.nodes, namespace: nil).sorted { $0.name < $1.name }
        let selector = LabelMatcher(labels: LabelMatcher.stringMap(pod.spec?["nodeSelector"]))
        let fitting = nodes.filter { selector.matches($0.labels) && $0.spec?["unschedulable"]?.boolValue != true }
        var message: String?
        if !unboundClaims.isEmpty {
            message = "0/\(nodes.count) nodes are available: pod has unbound immediate PersistentVolumeClaims."
        } else if fitting.isEmpty {
            message = "0/\(nodes.count) nodes are available: \(nodes.count) node(s) didn't match Pod's node affinity/selector."
        }
        if let message {
            var status = pod.status ?? [:]
            status["phase"] = "Pending"
            status.setCondition("PodScheduled", status: false, reason: "Unschedulable", message: message, extraTimes: ["lastProbeTime"])
            try context.updateStatus(Resources.pods, of: pod, to: status)
            return
        }
        // Spread pods by a stable hash of their names: cheap, even, and no per-node counting.
        let node = fitting[NameGenerator.bucket(of: pod.qualifiedName, count: fitting.count)]
        let definition = try context.definition(Resources.pods)
        let bound = try context.store.modify(definition, namespace: pod.namespace, name: pod.name) { current in
            current[path: "spec", "nodeName"] = .string(node.name)
        }
        cache.upsert(bound, resource: Resources.pods)
    }

    private func run(_ pod: KubeObject, on nodeName: String, cache: ObjectCache) throws -> Duration? {
        let key = ObjectKey(Resources.pods, object: pod)
        let now = Timestamp.now()
        var status = pod.status ?? [:]
        let startTime = pod.string("status", "startTime") ?? now
        if pod.podPhase != "Running" || pod.string("status", "podIP") == nil {
            guard let podIP = podAddresses.address(for: key.description) else {
                throw KubeAPIError.internalError("the pod network \(settings.podNetworkPrefix).0.0/16 is full")
            }
            let hostIP = cache.object(ObjectKey(Resources.nodes, namespace: nil, name: nodeName)).flatMap(Self.internalIP) ?? "172.18.0.2"
            status["phase"] = "Running"
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
            status["hostIP"] = .string(hostIP)
            status["hostIPs"] = [["ip": .string(hostIP)]]
            status["startTime"] = .string(startTime)
            status["qosClass"] = .string(Self.qosClass(of: pod))
            status["containerStatuses"] = .array(Self.containers(of: pod, key: "containers").map { Self.runningStatus($0, pod: pod, since: now) })
            let initContainers = Self.containers(of: pod, key: "initContainers")
            if !initContainers.isEmpty {
                status["initContainerStatuses"] = .array(initContainers.map { Self.completedStatus($0, pod: pod, at: now, ready: false) })
            }
            for type in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"] {
                status.setCondition(type, status: true, extraTimes: ["lastProbeTime"])
            }
        }
        guard pod.controllerReference?.kind == "Job" else {
            try context.updateStatus(Resources.pods, of: pod, to: status)
            return nil
        }
        // Job pods run nothing; they succeed once they have "run" for a moment.
        let started = Timestamp.parse(startTime) ?? .now
        let elapsed = Duration.seconds(Date.now.timeIntervalSince(started))
        if elapsed < settings.jobPodRunTime {
            try context.updateStatus(Resources.pods, of: pod, to: status)
            return settings.jobPodRunTime - elapsed + .milliseconds(10)
        }
        // Tests make a job's pod fail by annotating its template with the exit code it "ends" with.
        let exitCode = Int64(pod.annotations[Self.exitCodeAnnotation] ?? "") ?? 0
        status["phase"] = exitCode == 0 ? "Succeeded" : "Failed"
        status["containerStatuses"] = .array(Self.containers(of: pod, key: "containers").map {
            Self.completedStatus($0, pod: pod, at: now, ready: false, exitCode: exitCode)
        })
        for type in ["Ready", "ContainersReady"] {
            status.setCondition(type, status: false, reason: "PodCompleted")
        }
        try context.updateStatus(Resources.pods, of: pod, to: status)
        podAddresses.release(holder: key.description)
        return nil
    }

    static func internalIP(of node: KubeObject) -> String? {
        node.status?["addresses"]?.arrayValue?.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }

    private static func containers(of pod: KubeObject, key: String) -> [JSONValue] {
        pod.spec?[key]?.arrayValue ?? []
    }

    private static func qosClass(of pod: KubeObject) -> String {
        let hasResources = containers(of: pod, key: "containers").contains { container in
            !(container["resources"]?["requests"]?.objectValue?.isEmpty ?? true) || !(container["resources"]?["limits"]?.objectValue?.isEmpty ?? true)
        }
        return hasResources ? "Burstable" : "BestEffort"
    }

    private static func baseStatus(_ container: JSONValue, pod: KubeObject) -> JSONValue {
        let name = container["name"]?.stringValue ?? ""
        let image = container["image"]?.stringValue ?? ""
        let digest = NameGenerator.hexDigest(of: .string(image))
        let containerID = NameGenerator.hexDigest(of: .string("\(pod.uid ?? pod.qualifiedName)/\(name)"))
        return [
            "name": .string(name), "image": .string(image), "imageID": .string("\(image.split(separator: "@").first ?? "")@sha256:\(digest)"),
            "containerID": .string("ferry://\(containerID)"), "restartCount": 0, "lastState": [:],
        ]
    }

    private static func runningStatus(_ container: JSONValue, pod: KubeObject, since: String) -> JSONValue {
        var status = baseStatus(container, pod: pod)
        status["ready"] = true
        status["started"] = true
        status["state"] = ["running": ["startedAt": .string(since)]]
        return status
    }

    private static func completedStatus(_ container: JSONValue, pod: KubeObject, at time: String, ready: Bool, exitCode: Int64 = 0) -> JSONValue {
        var status = baseStatus(container, pod: pod)
        status["ready"] = .bool(ready)
        status["started"] = false
        status["state"] = [
            "terminated": [
                "exitCode": .int(exitCode), "reason": exitCode == 0 ? "Completed" : "Error",
                "startedAt": .string(pod.string("status", "startTime") ?? time), "finishedAt": .string(time),
            ]
        ]
        return status
    }
}
