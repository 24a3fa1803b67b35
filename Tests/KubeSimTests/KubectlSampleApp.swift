import Foundation
import Testing

/// The sample application manifest in `Resources/sample-app.yaml`.
enum KubectlSampleApp {
    static let namespace = "shop"

    static var path: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/sample-app.yaml").path
    }

    /// Kind/name pairs the manifest creates, as `kubectl create` prints them.
    static let createdObjects = [
        "namespace/shop", "serviceaccount/web", "configmap/web-config", "configmap/db-config", "secret/db-credentials",
        "persistentvolumeclaim/uploads", "deployment.apps/web", "service/web", "service/db", "statefulset.apps/db",
        "cronjob.batch/backup", "ingress.networking.k8s.io/web", "role.rbac.authorization.k8s.io/config-reader",
        "rolebinding.rbac.authorization.k8s.io/web-reads-config",
    ]

    /// Creates the application with `kubectl create -f` and requires success.
    static func create(with harness: KubectlHarness) async throws -> String {
        try await harness.succeed("create", "-f", path)
    }
}
