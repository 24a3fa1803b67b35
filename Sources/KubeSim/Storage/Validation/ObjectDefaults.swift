import Foundation
import KubeCore

/// The defaults kube-apiserver fills in, so that stored objects read like a real cluster's.
///
/// Defaulting runs on every create and update and only fills fields that are missing, so
/// running it twice changes nothing.
enum ObjectDefaults {
    static func apply(to object: inout KubeObject, _ definition: ResourceDefinition) {
        switch (definition.group, definition.resource) {
        case ("", "namespaces"): defaultNamespace(&object)
        case ("", "pods"): defaultPodSpec(&object.body, at: ["spec"])
        case ("", "services"): defaultService(&object)
        case ("", "secrets"):
            fill(&object.body, ["type"], "Opaque")
            mergeStringData(&object)
        case ("", "persistentvolumeclaims"):
            fill(&object.body, ["spec", "volumeMode"], "Filesystem")
            fill(&object.body, ["status", "phase"], "Pending")
        case ("", "persistentvolumes"):
            fill(&object.body, ["spec", "persistentVolumeReclaimPolicy"], "Retain")
            fill(&object.body, ["spec", "volumeMode"], "Filesystem")
            fill(&object.body, ["status", "phase"], "Pending")
        case ("", "replicationcontrollers"):
            fill(&object.body, ["spec", "replicas"], 1)
            if object[path: "spec", "selector"] == nil, let labels = object[path: "spec", "template", "metadata", "labels"] {
                object[path: "spec", "selector"] = labels
            }
            defaultPodSpec(&object.body, at: ["spec", "template", "spec"])
        case ("apps", "deployments"): defaultDeployment(&object)
        case ("apps", "replicasets"):
            fill(&object.body, ["spec", "replicas"], 1)
            defaultPodSpec(&object.body, at: ["spec", "template", "spec"])
        case ("apps", "statefulsets"): defaultStatefulSet(&object)
        case ("apps", "daemonsets"):
            fill(&object.body, ["spec", "updateStrategy"], ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
            fill(&object.body, ["spec", "revisionHistoryLimit"], 10)
            defaultPodSpec(&object.body, at: ["spec", "template", "spec"])
        case ("batch", "jobs"): defaultJob(&object.body, at: [], uid: object.uid, name: object.name)
        case ("batch", "cronjobs"):
            fill(&object.body, ["spec", "suspend"], false)
            fill(&object.body, ["spec", "concurrencyPolicy"], "Allow")
            fill(&object.body, ["spec", "successfulJobsHistoryLimit"], 3)
            fill(&object.body, ["spec", "failedJobsHistoryLimit"], 1)
            defaultJob(&object.body, at: ["spec", "jobTemplate"], uid: nil, name: nil)
        default: break
        }
    }

    /// Sets `path` to `value` when nothing is there yet.
    static func fill(_ body: inout JSONObject, _ path: [String], _ value: JSONValue) {
        var json = JSONValue.object(body)
        if json[path: path] == nil || json[path: path] == .null {
            json[path: path] = value
            body = json.objectValue ?? body
        }
    }

    /// `stringData` is write-only: kube-apiserver folds it into `data`, base64-encoded, with
    /// its values winning over `data`'s.
    private static func mergeStringData(_ secret: inout KubeObject) {
        guard let stringData = secret["stringData"]?.objectValue else { return }
        var data = secret["data"]?.objectValue ?? [:]
        for (key, value) in stringData {
            guard let text = value.stringValue else { continue }
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        secret["data"] = .object(data)
        secret["stringData"] = nil
    }

    private static func defaultNamespace(_ object: inout KubeObject) {
        if object[path: "spec", "finalizers"] == nil, object.deletionTimestamp == nil {
            object[path: "spec", "finalizers"] = ["kubernetes"]
        }
        if object[path: "status", "phase"] == nil {
            object[path: "status", "phase"] = "Active"
        }
        var labels = object.labels
        if labels["kubernetes.io/metadata.name"] != object.name {
            labels["kubernetes.io/metadata.name"] = object.name
            object.labels = labels
        }
    }

    private static func defaultDeployment(_ object: inout KubeObject) {
        fill(&object.body, ["spec", "replicas"], 1)
        fill(&object.body, ["spec", "strategy", "type"], "RollingUpdate")
        if object[path: "spec", "strategy", "type"] == "RollingUpdate" {
            fill(&object.body, ["spec", "strategy", "rollingUpdate", "maxUnavailable"], "25%")
            fill(&object.body, ["spec", "strategy", "rollingUpdate", "maxSurge"], "25%")
        }
        fill(&object.body, ["spec", "revisionHistoryLimit"], 10)
        fill(&object.body, ["spec", "progressDeadlineSeconds"], 600)
        defaultPodSpec(&object.body, at: ["spec", "template", "spec"])
    }

    private static func defaultStatefulSet(_ object: inout KubeObject) {
        fill(&object.body, ["spec", "replicas"], 1)
        fill(&object.body, ["spec", "podManagementPolicy"], "OrderedReady")
        fill(&object.body, ["spec", "updateStrategy", "type"], "RollingUpdate")
        if object[path: "spec", "updateStrategy", "type"] == "RollingUpdate" {
            fill(&object.body, ["spec", "updateStrategy", "rollingUpdate", "partition"], 0)
        }
        fill(&object.body, ["spec", "revisionHistoryLimit"], 10)
        fill(&object.body, ["spec", "persistentVolumeClaimRetentionPolicy"], ["whenDeleted": "Retain", "whenScaled": "Retain"])
        if var templates = object[path: "spec", "volumeClaimTemplates"]?.arrayValue {
            for index in templates.indices {
                var template = templates[index].objectValue ?? [:]
                fill(&template, ["spec", "volumeMode"], "Filesystem")
                templates[index] = .object(template)
            }
            object[path: "spec", "volumeClaimTemplates"] = .array(templates)
        }
        defaultPodSpec(&object.body, at: ["spec", "template", "spec"])
    }

    /// Job defaults; a Job (not a CronJob template) also gets the selector and template labels
    /// that tie its pods to its uid, as kube-apiserver generates them.
    private static func defaultJob(_ body: inout JSONObject, at prefix: [String], uid: String?, name: String?) {
        let spec = prefix + ["spec"]
        var json = JSONValue.object(body)
        if json[path: spec + ["completions"]] == nil, json[path: spec + ["parallelism"]] == nil {
            fill(&body, spec + ["completions"], 1)
        }
        fill(&body, spec + ["parallelism"], 1)
        fill(&body, spec + ["backoffLimit"], 6)
        fill(&body, spec + ["completionMode"], "NonIndexed")
        fill(&body, spec + ["suspend"], false)
        fill(&body, spec + ["podReplacementPolicy"], "TerminatingOrFailed")
        json = JSONValue.object(body)
        if let uid, let name, json[path: spec + ["manualSelector"]]?.boolValue != true, json[path: spec + ["selector"]] == nil {
            json[path: spec + ["selector"]] = ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(uid)]]
            var labels = json[path: spec + ["template", "metadata", "labels"]]?.objectValue ?? [:]
            labels["batch.kubernetes.io/controller-uid"] = .string(uid)
            labels["batch.kubernetes.io/job-name"] = .string(name)
            labels["controller-uid"] = .string(uid)
            labels["job-name"] = .string(name)
            json[path: spec + ["template", "metadata", "labels"]] = .object(labels)
            body = json.objectValue ?? body
        }
        defaultPodSpec(&body, at: spec + ["template", "spec"], restartPolicy: nil)
    }

    /// Pod spec defaults; `restartPolicy` is nil for Job templates, which must choose one.
    static func defaultPodSpec(_ body: inout JSONObject, at path: [String], restartPolicy: String? = "Always") {
        var json = JSONValue.object(body)
        guard var spec = json[path: path]?.objectValue else { return }
        if let restartPolicy { fill(&spec, ["restartPolicy"], .string(restartPolicy)) }
        fill(&spec, ["dnsPolicy"], "ClusterFirst")
        fill(&spec, ["schedulerName"], "default-scheduler")
        fill(&spec, ["terminationGracePeriodSeconds"], 30)
        fill(&spec, ["securityContext"], .object([:]))
        fill(&spec, ["enableServiceLinks"], true)
        if spec["serviceAccountName"] == nil, let legacy = spec["serviceAccount"] { spec["serviceAccountName"] = legacy }
        fill(&spec, ["serviceAccountName"], "default")
        fill(&spec, ["serviceAccount"], spec["serviceAccountName"] ?? "default")
        for field in ["containers", "initContainers"] {
            guard var containers = spec[field]?.arrayValue else { continue }
            for index in containers.indices {
                guard var container = containers[index].objectValue else { continue }
                defaultContainer(&container)
                containers[index] = .object(container)
            }
            spec[field] = .array(containers)
        }
        json[path: path] = .object(spec)
        body = json.objectValue ?? body
    }

    private static func defaultContainer(_ container: inout JSONObject) {
        if container["imagePullPolicy"] == nil, let image = container["image"]?.stringValue {
            container["imagePullPolicy"] = .string(imagePullPolicy(for: image))
        }
        fill(&container, ["terminationMessagePath"], "/dev/termination-log")
        fill(&container, ["terminationMessagePolicy"], "File")
        fill(&container, ["resources"], .object([:]))
        if var ports = container["ports"]?.arrayValue {
            for index in ports.indices {
                guard var port = ports[index].objectValue else { continue }
                fill(&port, ["protocol"], "TCP")
                ports[index] = .object(port)
            }
            container["ports"] = .array(ports)
        }
    }

    /// `Always` for `:latest` or untagged images, `IfNotPresent` otherwise (digests included).
    static func imagePullPolicy(for image: String) -> String {
        if image.contains("@") { return "IfNotPresent" }
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }

    private static func defaultService(_ object: inout KubeObject) {
        fill(&object.body, ["spec", "type"], "ClusterIP")
        guard object[path: "spec", "type"] != "ExternalName" else { return }
        fill(&object.body, ["spec", "sessionAffinity"], "None")
        fill(&object.body, ["spec", "internalTrafficPolicy"], "Cluster")
        if var ports = object[path: "spec", "ports"]?.arrayValue {
            for index in ports.indices {
                guard var port = ports[index].objectValue else { continue }
                fill(&port, ["protocol"], "TCP")
                if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
                ports[index] = .object(port)
            }
            object[path: "spec", "ports"] = .array(ports)
        }
    }
}
