extension ProtobufSchema {
    /// `k8s.io/api/core/v1`: the objects kubectl's generators create, and their references.
    static let coreObjectMessages: [ProtobufMessage] = [
        ProtobufMessage("ConfigMap", [
            message(1, "metadata", "ObjectMeta"), boolPtr(4, "immutable"),
            map(2, "data", .string), map(3, "binaryData", .bytes),
        ]),
        ProtobufMessage("Secret", [
            message(1, "metadata", "ObjectMeta"), boolPtr(5, "immutable"),
            map(2, "data", .bytes), map(4, "stringData", .string), string(3, "type"),
        ]),
        ProtobufMessage("Namespace", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "NamespaceSpec"),
            message(3, "status", "NamespaceStatus"),
        ]),
        ProtobufMessage("NamespaceSpec", [strings(1, "finalizers")]),
        ProtobufMessage("NamespaceStatus", [string(1, "phase"), messages(2, "conditions", "NamespaceCondition")]),
        ProtobufMessage("NamespaceCondition", [
            string(1, "type"), string(2, "status"), time(4, "lastTransitionTime"),
            string(5, "reason"), string(6, "message"),
        ]),
        ProtobufMessage("ServiceAccount", [
            message(1, "metadata", "ObjectMeta"), messages(2, "secrets", "ObjectReference"),
            messages(3, "imagePullSecrets", "LocalObjectReference"), boolPtr(4, "automountServiceAccountToken"),
        ]),
        ProtobufMessage("ObjectReference", [
            string(1, "kind"), string(2, "namespace"), string(3, "name"), string(4, "uid"),
            string(5, "apiVersion"), string(6, "resourceVersion"), string(7, "fieldPath"),
        ]),
        ProtobufMessage("LocalObjectReference", [string(1, "name")]),
        ProtobufMessage("TypedLocalObjectReference", [stringPtr(1, "apiGroup"), string(2, "kind"), string(3, "name")]),
        ProtobufMessage("TypedObjectReference", [
            stringPtr(1, "apiGroup"), string(2, "kind"), string(3, "name"), stringPtr(4, "namespace"),
        ]),
        ProtobufMessage("Service", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "ServiceSpec"),
            message(3, "status", "ServiceStatus"),
        ]),
        ProtobufMessage("ServiceSpec", [
            messages(1, "ports", "ServicePort"), map(2, "selector", .string), string(3, "clusterIP"),
            strings(18, "clusterIPs"), string(4, "type"), strings(5, "externalIPs"), string(7, "sessionAffinity"),
            string(8, "loadBalancerIP"), strings(9, "loadBalancerSourceRanges"), string(10, "externalName"),
            string(11, "externalTrafficPolicy"), int32(12, "healthCheckNodePort"),
            bool(13, "publishNotReadyAddresses"), message(14, "sessionAffinityConfig", "SessionAffinityConfig"),
            strings(19, "ipFamilies"), stringPtr(17, "ipFamilyPolicy"), boolPtr(20, "allocateLoadBalancerNodePorts"),
            stringPtr(21, "loadBalancerClass"), stringPtr(22, "internalTrafficPolicy"),
            stringPtr(23, "trafficDistribution"),
        ]),
        ProtobufMessage("ServicePort", [
            string(1, "name"), string(2, "protocol"), stringPtr(6, "appProtocol"),
            field(3, "port", .int32, keepsZero: true), intOrString(4, "targetPort"), int32(5, "nodePort"),
        ]),
        ProtobufMessage("SessionAffinityConfig", [message(1, "clientIP", "ClientIPConfig")]),
        ProtobufMessage("ClientIPConfig", [int32Ptr(1, "timeoutSeconds")]),
        ProtobufMessage("ServiceStatus", [
            message(1, "loadBalancer", "LoadBalancerStatus"), messages(2, "conditions", "Condition"),
        ]),
        ProtobufMessage("LoadBalancerStatus", [messages(1, "ingress", "LoadBalancerIngress")]),
        ProtobufMessage("LoadBalancerIngress", [
            string(1, "ip"), string(2, "hostname"), stringPtr(3, "ipMode"), messages(4, "ports", "PortStatus"),
        ]),
        ProtobufMessage("PortStatus", [field(1, "port", .int32, keepsZero: true), string(2, "protocol"), stringPtr(3, "error")]),
        ProtobufMessage("ResourceQuota", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "ResourceQuotaSpec"),
            message(3, "status", "ResourceQuotaStatus"),
        ]),
        ProtobufMessage("ResourceQuotaSpec", [
            map(1, "hard", .quantity), strings(2, "scopes"), message(3, "scopeSelector", "ScopeSelector"),
        ]),
        ProtobufMessage("ResourceQuotaStatus", [map(1, "hard", .quantity), map(2, "used", .quantity)]),
        ProtobufMessage("ScopeSelector", [messages(1, "matchExpressions", "ScopedResourceSelectorRequirement")]),
        ProtobufMessage("ScopedResourceSelectorRequirement", [
            string(1, "scopeName"), string(2, "operator"), strings(3, "values"),
        ]),
        ProtobufMessage("Pod", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "PodSpec"), message(3, "status", "PodStatus"),
        ]),
        // Clients never fill pod status on create; the scalar fields cover what a copied pod carries.
        ProtobufMessage("PodStatus", [
            string(1, "phase"), string(3, "message"), string(4, "reason"), string(11, "nominatedNodeName"),
            string(5, "hostIP"), string(6, "podIP"), time(7, "startTime"), string(9, "qosClass"),
        ]),
    ]
}
