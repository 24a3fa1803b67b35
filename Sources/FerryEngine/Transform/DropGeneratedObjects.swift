public import KubeCore

/// Drops objects the destination generates by itself: Endpoints and EndpointSlices (from
/// Services), Events, the token and registry Secrets created for service accounts, and the
/// certificate-authority ConfigMaps published into every namespace.
public struct DropGeneratedObjects: ObjectTransform {
    /// Annotation naming the service account a generated Secret belongs to.
    public static let serviceAccountNameAnnotation = "kubernetes.io/service-account.name"
    /// Prefix of the annotations OpenShift puts on generated internal-registry pull Secrets.
    public static let internalRegistryTokenAnnotationPrefix = "openshift.io/internal-registry-auth-token."
    /// ConfigMaps a cluster publishes into every namespace with its own certificate
    /// authorities; the source's would carry the wrong ones.
    public static let publishedCertificateAuthorityConfigMaps: Set<String> = ["kube-root-ca.crt", "openshift-service-ca.crt"]

    /// Creates the transform.
    public init() {}

    /// `DropGeneratedObjects`.
    public var name: String { "DropGeneratedObjects" }

    /// Drops the object when the destination generates it.
    public func apply(_ object: inout KubeObject, context: MigrationTransformContext) -> TransformOutcome {
        let group = object.groupVersion.group
        switch (group, object.kind) {
        case ("", "Endpoints"):
            return .drop(reason: "Endpoints are generated from Services")
        case ("discovery.k8s.io", "EndpointSlice"):
            return .drop(reason: "EndpointSlices are generated from Services and Endpoints")
        case ("", "Event"), ("events.k8s.io", "Event"):
            return .drop(reason: "Events are not migrated")
        case ("", "Secret"):
            return secretOutcome(object)
        case ("", "ConfigMap") where Self.publishedCertificateAuthorityConfigMaps.contains(object.name):
            return .drop(reason: "the destination publishes its own \(object.name) in every namespace")
        default:
            return .keep
        }
    }

    private func secretOutcome(_ object: KubeObject) -> TransformOutcome {
        let type = object["type"]?.stringValue ?? ""
        if type == "kubernetes.io/service-account-token" {
            return .drop(reason: "service-account token Secrets are generated on the destination")
        }
        guard type == "kubernetes.io/dockercfg" || type == "kubernetes.io/dockerconfigjson" else { return .keep }
        let annotations = object.annotations
        if annotations[Self.serviceAccountNameAnnotation] != nil
            || annotations.keys.contains(where: { $0.hasPrefix(Self.internalRegistryTokenAnnotationPrefix) }) {
            return .drop(reason: "registry Secrets generated for service accounts are recreated on the destination")
        }
        return .keep
    }
}
