/// Field tables of the Kubernetes protobuf messages kubectl's typed clients send, taken
/// from the `generated.proto` files of k8s.io/api and k8s.io/apimachinery.
///
/// Fields that kubectl never sets in a request may be missing; unknown fields are skipped.
enum ProtobufSchema {
    /// How a field's value is encoded.
    indirect enum FieldType: Equatable, Sendable {
        case string, bytes, int, bool
        case message(String)
        case map(FieldType)
    }

    /// One field: its JSON name, type and whether it repeats.
    struct Field: Sendable {
        var name: String
        var type: FieldType
        var repeated = false
        /// Whether a zero number or `false` is kept; Go omits them unless the field is a pointer.
        var keepsZero = false
    }

    static func s(_ name: String) -> Field { Field(name: name, type: .string) }
    static func i(_ name: String) -> Field { Field(name: name, type: .int) }
    static func b(_ name: String) -> Field { Field(name: name, type: .bool) }
    /// A pointer (or non-omitempty) number, whose zero is meaningful.
    static func ip(_ name: String) -> Field { Field(name: name, type: .int, keepsZero: true) }
    /// A pointer Boolean, whose `false` is meaningful.
    static func bp(_ name: String) -> Field { Field(name: name, type: .bool, keepsZero: true) }
    static func m(_ name: String, _ message: String) -> Field { Field(name: name, type: .message(message)) }
    static func strings(_ name: String) -> Field { Field(name: name, type: .string, repeated: true) }
    static func list(_ name: String, _ message: String) -> Field { Field(name: name, type: .message(message), repeated: true) }
    static func map(_ name: String, _ value: FieldType = .string) -> Field { Field(name: name, type: .map(value)) }

    /// The top-level message for a kind, when the kind has a table.
    static func messageName(forKind kind: String) -> String? {
        messages[kind] != nil ? kind : nil
    }

    /// Every known message by name.
    static let messages: [String: [Int: Field]] = {
        var all = meta
        all.merge(core) { first, _ in first }
        all.merge(workloads) { first, _ in first }
        all.merge(access) { first, _ in first }
        return all
    }()

    static let meta: [String: [Int: Field]] = [
        "Time": [:], "Quantity": [:], "IntOrString": [:], "RawExtension": [:],
        "ObjectMeta": [
            1: s("name"), 2: s("generateName"), 3: s("namespace"), 4: s("selfLink"), 5: s("uid"), 6: s("resourceVersion"),
            7: i("generation"), 8: m("creationTimestamp", "Time"), 9: m("deletionTimestamp", "Time"),
            10: ip("deletionGracePeriodSeconds"), 11: map("labels"), 12: map("annotations"),
            13: list("ownerReferences", "OwnerReference"), 14: strings("finalizers"),
        ],
        "OwnerReference": [1: s("kind"), 3: s("name"), 4: s("uid"), 5: s("apiVersion"), 6: bp("controller"), 7: bp("blockOwnerDeletion")],
        "LabelSelector": [1: map("matchLabels"), 2: list("matchExpressions", "LabelSelectorRequirement")],
        "LabelSelectorRequirement": [1: s("key"), 2: s("operator"), 3: strings("values")],
        "DeleteOptions": [
            1: ip("gracePeriodSeconds"), 2: m("preconditions", "Preconditions"), 3: bp("orphanDependents"),
            4: s("propagationPolicy"), 5: strings("dryRun"),
        ],
        "Preconditions": [1: s("uid"), 2: s("resourceVersion")],
    ]

    static let core: [String: [Int: Field]] = [
        "Namespace": [1: m("metadata", "ObjectMeta"), 2: m("spec", "NamespaceSpec")],
        "NamespaceSpec": [1: strings("finalizers")],
        "ConfigMap": [1: m("metadata", "ObjectMeta"), 2: map("data"), 3: map("binaryData", .bytes), 4: bp("immutable")],
        "Secret": [1: m("metadata", "ObjectMeta"), 2: map("data", .bytes), 3: s("type"), 4: map("stringData"), 5: bp("immutable")],
        "ServiceAccount": [
            1: m("metadata", "ObjectMeta"), 2: list("secrets", "ObjectReference"), 3: list("imagePullSecrets", "LocalObjectReference"),
            4: bp("automountServiceAccountToken"),
        ],
        "ObjectReference": [1: s("kind"), 2: s("namespace"), 3: s("name"), 4: s("uid"), 5: s("apiVersion"), 6: s("resourceVersion"), 7: s("fieldPath")],
        "LocalObjectReference": [1: s("name")],
        "Service": [1: m("metadata", "ObjectMeta"), 2: m("spec", "ServiceSpec")],
        "ServiceSpec": [
            1: list("ports", "ServicePort"), 2: map("selector"), 3: s("clusterIP"), 4: s("type"), 5: strings("externalIPs"),
            7: s("sessionAffinity"), 8: s("loadBalancerIP"), 10: s("externalName"), 11: s("externalTrafficPolicy"),
            18: strings("clusterIPs"), 19: strings("ipFamilies"),
        ],
        "ServicePort": [1: s("name"), 2: s("protocol"), 3: ip("port"), 4: m("targetPort", "IntOrString"), 5: i("nodePort"), 6: s("appProtocol")],
        "ResourceQuota": [1: m("metadata", "ObjectMeta"), 2: m("spec", "ResourceQuotaSpec")],
        "ResourceQuotaSpec": [1: map("hard", .message("Quantity")), 2: strings("scopes")],
        "Pod": [1: m("metadata", "ObjectMeta"), 2: m("spec", "PodSpec")],
        "PodTemplateSpec": [1: m("metadata", "ObjectMeta"), 2: m("spec", "PodSpec")],
        "PodSpec": [
            1: list("volumes", "Volume"), 2: list("containers", "Container"), 3: s("restartPolicy"),
            4: ip("terminationGracePeriodSeconds"), 5: ip("activeDeadlineSeconds"), 6: s("dnsPolicy"), 7: map("nodeSelector"),
            8: s("serviceAccountName"), 9: s("serviceAccount"), 10: s("nodeName"), 11: b("hostNetwork"),
            15: list("imagePullSecrets", "LocalObjectReference"), 19: s("schedulerName"), 20: list("initContainers", "Container"),
            21: bp("automountServiceAccountToken"),
        ],
        "Volume": [1: s("name"), 2: m("volumeSource", "VolumeSource")],
        "VolumeSource": [:],
        "Container": [
            1: s("name"), 2: s("image"), 3: strings("command"), 4: strings("args"), 5: s("workingDir"),
            6: list("ports", "ContainerPort"), 7: list("env", "EnvVar"), 8: m("resources", "ResourceRequirements"),
            9: list("volumeMounts", "VolumeMount"), 13: s("terminationMessagePath"), 14: s("imagePullPolicy"),
            16: b("stdin"), 17: b("stdinOnce"), 18: b("tty"), 20: s("terminationMessagePolicy"),
        ],
        "ContainerPort": [1: s("name"), 2: i("hostPort"), 3: ip("containerPort"), 4: s("protocol"), 5: s("hostIP")],
        "EnvVar": [1: s("name"), 2: s("value")],
        "ResourceRequirements": [1: map("limits", .message("Quantity")), 2: map("requests", .message("Quantity"))],
        "VolumeMount": [1: s("name"), 2: b("readOnly"), 3: s("mountPath"), 4: s("subPath")],
    ]
}
