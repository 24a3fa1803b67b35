extension ProtobufSchema {
    static let workloads: [String: [Int: Field]] = [
        "Deployment": [1: m("metadata", "ObjectMeta"), 2: m("spec", "DeploymentSpec")],
        "DeploymentSpec": [
            1: ip("replicas"), 2: m("selector", "LabelSelector"), 3: m("template", "PodTemplateSpec"),
            4: m("strategy", "DeploymentStrategy"), 5: i("minReadySeconds"), 6: ip("revisionHistoryLimit"), 7: b("paused"),
            9: ip("progressDeadlineSeconds"),
        ],
        "DeploymentStrategy": [1: s("type"), 2: m("rollingUpdate", "RollingUpdateDeployment")],
        "RollingUpdateDeployment": [1: m("maxUnavailable", "IntOrString"), 2: m("maxSurge", "IntOrString")],
        "Job": [1: m("metadata", "ObjectMeta"), 2: m("spec", "JobSpec")],
        "JobSpec": [
            1: ip("parallelism"), 2: ip("completions"), 3: ip("activeDeadlineSeconds"), 4: m("selector", "LabelSelector"),
            5: bp("manualSelector"), 6: m("template", "PodTemplateSpec"), 7: ip("backoffLimit"), 8: ip("ttlSecondsAfterFinished"),
            9: s("completionMode"), 10: bp("suspend"),
        ],
        "CronJob": [1: m("metadata", "ObjectMeta"), 2: m("spec", "CronJobSpec")],
        "CronJobSpec": [
            1: s("schedule"), 2: ip("startingDeadlineSeconds"), 3: s("concurrencyPolicy"), 4: bp("suspend"),
            5: m("jobTemplate", "JobTemplateSpec"), 6: ip("successfulJobsHistoryLimit"), 7: ip("failedJobsHistoryLimit"), 8: s("timeZone"),
        ],
        "JobTemplateSpec": [1: m("metadata", "ObjectMeta"), 2: m("spec", "JobSpec")],
        "PodDisruptionBudget": [1: m("metadata", "ObjectMeta"), 2: m("spec", "PodDisruptionBudgetSpec")],
        "PodDisruptionBudgetSpec": [1: m("minAvailable", "IntOrString"), 2: m("selector", "LabelSelector"), 3: m("maxUnavailable", "IntOrString")],
        "PriorityClass": [1: m("metadata", "ObjectMeta"), 2: ip("value"), 3: b("globalDefault"), 4: s("description"), 5: s("preemptionPolicy")],
        "Eviction": [1: m("metadata", "ObjectMeta"), 2: m("deleteOptions", "DeleteOptions")],
    ]

    static let access: [String: [Int: Field]] = [
        "Role": [1: m("metadata", "ObjectMeta"), 2: list("rules", "PolicyRule")],
        "ClusterRole": [1: m("metadata", "ObjectMeta"), 2: list("rules", "PolicyRule"), 3: m("aggregationRule", "AggregationRule")],
        "AggregationRule": [1: list("clusterRoleSelectors", "LabelSelector")],
        "PolicyRule": [1: strings("verbs"), 2: strings("apiGroups"), 3: strings("resources"), 4: strings("resourceNames"), 5: strings("nonResourceURLs")],
        "RoleBinding": [1: m("metadata", "ObjectMeta"), 2: list("subjects", "Subject"), 3: m("roleRef", "RoleRef")],
        "ClusterRoleBinding": [1: m("metadata", "ObjectMeta"), 2: list("subjects", "Subject"), 3: m("roleRef", "RoleRef")],
        "Subject": [1: s("kind"), 2: s("apiGroup"), 3: s("name"), 4: s("namespace")],
        "RoleRef": [1: s("apiGroup"), 2: s("kind"), 3: s("name")],
        "TokenRequest": [1: m("metadata", "ObjectMeta"), 2: m("spec", "TokenRequestSpec")],
        "TokenRequestSpec": [1: strings("audiences"), 3: m("boundObjectRef", "BoundObjectReference"), 4: ip("expirationSeconds")],
        "BoundObjectReference": [1: s("kind"), 2: s("apiVersion"), 3: s("name"), 4: s("uid")],
        "TokenReview": [1: m("metadata", "ObjectMeta"), 2: m("spec", "TokenReviewSpec")],
        "TokenReviewSpec": [1: s("token"), 2: strings("audiences")],
        "SelfSubjectReview": [1: m("metadata", "ObjectMeta")],
        "SelfSubjectAccessReview": [1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectAccessReviewSpec")],
        "SelfSubjectAccessReviewSpec": [1: m("resourceAttributes", "ResourceAttributes"), 2: m("nonResourceAttributes", "NonResourceAttributes")],
        "SubjectAccessReview": [1: m("metadata", "ObjectMeta"), 2: m("spec", "SubjectAccessReviewSpec")],
        "LocalSubjectAccessReview": [1: m("metadata", "ObjectMeta"), 2: m("spec", "SubjectAccessReviewSpec")],
        "SubjectAccessReviewSpec": [
            1: m("resourceAttributes", "ResourceAttributes"), 2: m("nonResourceAttributes", "NonResourceAttributes"),
            3: s("user"), 4: strings("groups"), 6: s("uid"),
        ],
        "ResourceAttributes": [1: s("namespace"), 2: s("verb"), 3: s("group"), 4: s("version"), 5: s("resource"), 6: s("subresource"), 7: s("name")],
        "NonResourceAttributes": [1: s("path"), 2: s("verb")],
        "SelfSubjectRulesReview": [1: m("metadata", "ObjectMeta"), 2: m("spec", "SelfSubjectRulesReviewSpec")],
        "SelfSubjectRulesReviewSpec": [1: s("namespace")],
    ]
}
