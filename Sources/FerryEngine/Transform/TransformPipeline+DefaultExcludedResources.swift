extension TransformPipeline {
    /// Resources never migrated unless the plan asks for them, as `resource` or
    /// `resource.group` (the Migration Toolkit's defaults).
    public static let defaultExcludedResources: Set<String> = [
        "imagetags",
        "templateinstances",
        "clusterserviceversions",
        "packagemanifests",
        "subscriptions",
        "servicebrokers",
        "servicebindings",
        "serviceclasses",
        "serviceinstances",
        "serviceplans",
        "operatorgroups",
        "events",
        "events.events.k8s.io",
        "rolebindings.authorization.openshift.io",
    ]
}
