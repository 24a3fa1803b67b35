/// The Kubernetes version the simulator reports at `/version`.
public enum KubeSimVersion {
    /// Major version.
    public static let major = "1"
    /// Minor version.
    public static let minor = "32"
    /// The git version string.
    public static let gitVersion = "v1.32.0-kubesim"
}
