import KubeCore

/// Builds pods from pod templates.
enum PodTemplate {
    /// A pod named `name` from `template`, controlled by `owner`.
    static func pod(from template: JSONValue?, name: String, owner: KubeObject, extraLabels: [String: String] = [:]) -> KubeObject {
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: name, namespace: owner.namespace)
        var labels = LabelMatcher.stringMap(template?["metadata"]?["labels"])
        labels.merge(extraLabels) { _, new in new }
        pod.labels = labels
        pod.annotations = LabelMatcher.stringMap(template?["metadata"]?["annotations"])
        pod.spec = template?["spec"] ?? [:]
        pod.ownerReferences = [OwnerReference(controlledBy: owner)]
        return pod
    }

    /// The name of a new pod of `owner`: its name and five random characters.
    static func randomName(for ownerName: String) -> String {
        "\(ownerName)-\(NameGenerator.randomSuffix())"
    }
}
