extension ProtobufSchema {
    /// `k8s.io/apimachinery/pkg/apis/meta/v1`.
    static let metaMessages: [ProtobufMessage] = [
        ProtobufMessage("ObjectMeta", [
            string(1, "name"), string(2, "generateName"), string(3, "namespace"), string(4, "selfLink"),
            string(5, "uid"), string(6, "resourceVersion"), int64(7, "generation"),
            time(8, "creationTimestamp"), time(9, "deletionTimestamp"), int64Ptr(10, "deletionGracePeriodSeconds"),
            map(11, "labels", .string), map(12, "annotations", .string),
            messages(13, "ownerReferences", "OwnerReference"), strings(14, "finalizers"),
            messages(17, "managedFields", "ManagedFieldsEntry"),
        ]),
        ProtobufMessage("OwnerReference", [
            string(5, "apiVersion"), string(1, "kind"), string(3, "name"), string(4, "uid"),
            boolPtr(6, "controller"), boolPtr(7, "blockOwnerDeletion"),
        ]),
        ProtobufMessage("ManagedFieldsEntry", [
            string(1, "manager"), string(2, "operation"), string(3, "apiVersion"), time(4, "time"),
            string(6, "fieldsType"), rawJSON(7, "fieldsV1"), string(8, "subresource"),
        ]),
        ProtobufMessage("LabelSelector", [
            map(1, "matchLabels", .string), messages(2, "matchExpressions", "LabelSelectorRequirement"),
        ]),
        ProtobufMessage("LabelSelectorRequirement", [
            string(1, "key"), string(2, "operator"), strings(3, "values"),
        ]),
        ProtobufMessage("DeleteOptions", [
            int64Ptr(1, "gracePeriodSeconds"), message(2, "preconditions", "Preconditions"),
            boolPtr(3, "orphanDependents"), stringPtr(4, "propagationPolicy"), strings(5, "dryRun"),
            boolPtr(6, "ignoreStoreReadErrorWithClusterBreakingPotential"),
        ]),
        ProtobufMessage("Preconditions", [stringPtr(1, "uid"), stringPtr(2, "resourceVersion")]),
        ProtobufMessage("Condition", [
            string(1, "type"), string(2, "status"), int64(3, "observedGeneration"),
            time(4, "lastTransitionTime"), string(5, "reason"), string(6, "message"),
        ]),
    ]
}
