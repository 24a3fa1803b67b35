extension ProtobufSchema {
    /// `k8s.io/api/apps/v1`: deployments and replica sets.
    static let appsMessages: [ProtobufMessage] = [
        ProtobufMessage("Deployment", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "DeploymentSpec"),
            message(3, "status", "DeploymentStatus"),
        ]),
        ProtobufMessage("DeploymentSpec", [
            int32Ptr(1, "replicas"), message(2, "selector", "LabelSelector"), message(3, "template", "PodTemplateSpec"),
            message(4, "strategy", "DeploymentStrategy"), int32(5, "minReadySeconds"),
            int32Ptr(6, "revisionHistoryLimit"), bool(7, "paused"), int32Ptr(9, "progressDeadlineSeconds"),
            stringPtr(10, "podReplacementPolicy"),
        ]),
        ProtobufMessage("DeploymentStrategy", [string(1, "type"), message(2, "rollingUpdate", "RollingUpdateDeployment")]),
        ProtobufMessage("RollingUpdateDeployment", [intOrString(1, "maxUnavailable"), intOrString(2, "maxSurge")]),
        ProtobufMessage("DeploymentStatus", [
            int64(1, "observedGeneration"), int32(2, "replicas"), int32(3, "updatedReplicas"), int32(7, "readyReplicas"),
            int32(4, "availableReplicas"), int32(5, "unavailableReplicas"), int32Ptr(9, "terminatingReplicas"),
            int32Ptr(8, "collisionCount"),
        ]),
        ProtobufMessage("ReplicaSet", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "ReplicaSetSpec"),
            message(3, "status", "ReplicaSetStatus"),
        ]),
        ProtobufMessage("ReplicaSetSpec", [
            int32Ptr(1, "replicas"), int32(4, "minReadySeconds"), message(2, "selector", "LabelSelector"),
            message(3, "template", "PodTemplateSpec"),
        ]),
        ProtobufMessage("ReplicaSetStatus", [
            field(1, "replicas", .int32, keepsZero: true), int32(2, "fullyLabeledReplicas"), int32(4, "readyReplicas"),
            int32(5, "availableReplicas"), int32Ptr(7, "terminatingReplicas"), int64(3, "observedGeneration"),
        ]),
    ]

    /// `k8s.io/api/batch/v1`: jobs and cron jobs.
    static let batchMessages: [ProtobufMessage] = [
        ProtobufMessage("Job", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "JobSpec"), message(3, "status", "JobStatus"),
        ]),
        ProtobufMessage("JobSpec", [
            int32Ptr(1, "parallelism"), int32Ptr(2, "completions"), int64Ptr(3, "activeDeadlineSeconds"),
            message(11, "podFailurePolicy", "PodFailurePolicy"), message(16, "successPolicy", "SuccessPolicy"),
            int32Ptr(7, "backoffLimit"), int32Ptr(12, "backoffLimitPerIndex"), int32Ptr(13, "maxFailedIndexes"),
            message(4, "selector", "LabelSelector"), boolPtr(5, "manualSelector"),
            message(6, "template", "PodTemplateSpec"), int32Ptr(8, "ttlSecondsAfterFinished"),
            stringPtr(9, "completionMode"), boolPtr(10, "suspend"), stringPtr(14, "podReplacementPolicy"),
            stringPtr(15, "managedBy"),
        ]),
        // Conditions are left out: clients do not send them.
        ProtobufMessage("JobStatus", [
            time(2, "startTime"), time(3, "completionTime"), int32(4, "active"), int32(5, "succeeded"),
            int32(6, "failed"), int32Ptr(11, "terminating"), string(7, "completedIndexes"),
            stringPtr(10, "failedIndexes"), message(8, "uncountedTerminatedPods", "UncountedTerminatedPods"),
            int32Ptr(9, "ready"),
        ]),
        ProtobufMessage("UncountedTerminatedPods", [strings(1, "succeeded"), strings(2, "failed")]),
        ProtobufMessage("PodFailurePolicy", [messages(1, "rules", "PodFailurePolicyRule")]),
        ProtobufMessage("PodFailurePolicyRule", [
            string(1, "action"), message(2, "onExitCodes", "PodFailurePolicyOnExitCodesRequirement"),
            messages(3, "onPodConditions", "PodFailurePolicyOnPodConditionsPattern"),
        ]),
        ProtobufMessage("PodFailurePolicyOnExitCodesRequirement", [
            stringPtr(1, "containerName"), string(2, "operator"), field(3, "values", .int32, repeated: true),
        ]),
        ProtobufMessage("PodFailurePolicyOnPodConditionsPattern", [string(1, "type"), string(2, "status")]),
        ProtobufMessage("SuccessPolicy", [messages(1, "rules", "SuccessPolicyRule")]),
        ProtobufMessage("SuccessPolicyRule", [stringPtr(1, "succeededIndexes"), int32Ptr(2, "succeededCount")]),
        ProtobufMessage("CronJob", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "CronJobSpec"), message(3, "status", "CronJobStatus"),
        ]),
        ProtobufMessage("CronJobSpec", [
            string(1, "schedule"), stringPtr(8, "timeZone"), int64Ptr(2, "startingDeadlineSeconds"),
            string(3, "concurrencyPolicy"), boolPtr(4, "suspend"), message(5, "jobTemplate", "JobTemplateSpec"),
            int32Ptr(6, "successfulJobsHistoryLimit"), int32Ptr(7, "failedJobsHistoryLimit"),
        ]),
        ProtobufMessage("JobTemplateSpec", [message(1, "metadata", "ObjectMeta"), message(2, "spec", "JobSpec")]),
        ProtobufMessage("CronJobStatus", [
            messages(1, "active", "ObjectReference"), time(4, "lastScheduleTime"), time(5, "lastSuccessfulTime"),
        ]),
    ]
}
