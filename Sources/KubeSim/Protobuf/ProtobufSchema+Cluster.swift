extension ProtobufSchema {
    /// `k8s.io/api/policy/v1` and `k8s.io/api/scheduling/v1`.
    static let policyMessages: [ProtobufMessage] = [
        ProtobufMessage("PodDisruptionBudget", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "PodDisruptionBudgetSpec"),
            message(3, "status", "PodDisruptionBudgetStatus"),
        ]),
        ProtobufMessage("PodDisruptionBudgetSpec", [
            intOrString(1, "minAvailable"), message(2, "selector", "LabelSelector"), intOrString(3, "maxUnavailable"),
            stringPtr(4, "unhealthyPodEvictionPolicy"),
        ]),
        ProtobufMessage("PodDisruptionBudgetStatus", [
            int64(1, "observedGeneration"), map(2, "disruptedPods", .time),
            field(3, "disruptionsAllowed", .int32, keepsZero: true), field(4, "currentHealthy", .int32, keepsZero: true),
            field(5, "desiredHealthy", .int32, keepsZero: true), field(6, "expectedPods", .int32, keepsZero: true),
            messages(7, "conditions", "Condition"),
        ]),
        ProtobufMessage("Eviction", [message(1, "metadata", "ObjectMeta"), message(2, "deleteOptions", "DeleteOptions")]),
        ProtobufMessage("PriorityClass", [
            message(1, "metadata", "ObjectMeta"), field(2, "value", .int32, keepsZero: true), bool(3, "globalDefault"),
            string(4, "description"), stringPtr(5, "preemptionPolicy"),
        ]),
    ]

    /// `k8s.io/api/networking/v1`: ingresses.
    static let networkingMessages: [ProtobufMessage] = [
        ProtobufMessage("Ingress", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "IngressSpec"), message(3, "status", "IngressStatus"),
        ]),
        ProtobufMessage("IngressSpec", [
            stringPtr(4, "ingressClassName"), message(1, "defaultBackend", "IngressBackend"),
            messages(2, "tls", "IngressTLS"), messages(3, "rules", "IngressRule"),
        ]),
        ProtobufMessage("IngressBackend", [
            message(4, "service", "IngressServiceBackend"), message(3, "resource", "TypedLocalObjectReference"),
        ]),
        ProtobufMessage("IngressServiceBackend", [string(1, "name"), message(2, "port", "ServiceBackendPort")]),
        ProtobufMessage("ServiceBackendPort", [string(1, "name"), int32(2, "number")]),
        ProtobufMessage("IngressTLS", [strings(1, "hosts"), string(2, "secretName")]),
        ProtobufMessage("IngressRule", [string(1, "host"), inline(2, "IngressRuleValue")]),
        ProtobufMessage("IngressRuleValue", [message(1, "http", "HTTPIngressRuleValue")]),
        ProtobufMessage("HTTPIngressRuleValue", [messages(1, "paths", "HTTPIngressPath")]),
        ProtobufMessage("HTTPIngressPath", [
            string(1, "path"), stringPtr(3, "pathType"), message(2, "backend", "IngressBackend"),
        ]),
        ProtobufMessage("IngressStatus", [message(1, "loadBalancer", "IngressLoadBalancerStatus")]),
        ProtobufMessage("IngressLoadBalancerStatus", [messages(1, "ingress", "IngressLoadBalancerIngress")]),
        ProtobufMessage("IngressLoadBalancerIngress", [
            string(1, "ip"), string(2, "hostname"), messages(4, "ports", "IngressPortStatus"),
        ]),
        ProtobufMessage("IngressPortStatus", [
            field(1, "port", .int32, keepsZero: true), string(2, "protocol"), stringPtr(3, "error"),
        ]),
    ]
}
