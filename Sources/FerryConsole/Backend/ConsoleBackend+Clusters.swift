public import FerryAPI
import FerryCLI
import Foundation
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// Every MigCluster the user may list, with its readiness.
    public func clusters(user: ConsoleUser) async throws -> [ClusterView] {
        try await list(MigCluster.self, user: user).map(ClusterView.init)
    }

    /// The MigCluster `name`.
    public func cluster(_ name: String, user: ConsoleUser) async throws -> MigCluster {
        try await read(MigCluster.self, name, user: user)
    }

    /// Creates a MigCluster (and, for a remote cluster, its token Secret) from `form`.
    public func createCluster(_ form: ClusterForm, user: ConsoleUser) async throws -> ClusterView {
        try form.validate(creating: true)
        let name = form.name ?? ""
        var cluster = MigCluster(name: name, namespace: namespace, spec: MigCluster.Spec())
        cluster.object.labels = ["app.kubernetes.io/managed-by": "ferry-console"]
        apply(form, to: &cluster, name: name)
        if let token = form.token, form.isHostCluster != true {
            try await ensureNamespace(secretNamespace, user: user)
            try await write(secret: tokenSecret(cluster: name, token: token), user: user)
        }
        let created = try await user.client.create(MigCluster.resourceType.resource, cluster.encoded(), namespace: namespace)
        return ClusterView(try MigCluster(object: created))
    }

    /// Changes the MigCluster `name` as `form` says; an empty token keeps the stored one.
    public func updateCluster(_ name: String, _ form: ClusterForm, user: ConsoleUser) async throws -> ClusterView {
        var form = form
        form.name = name
        try form.validate(creating: false)
        var cluster = try await self.cluster(name, user: user)
        apply(form, to: &cluster, name: name)
        if let token = form.token?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty, form.isHostCluster != true {
            try await ensureNamespace(secretNamespace, user: user)
            try await write(secret: tokenSecret(cluster: name, token: token), user: user)
        }
        cluster.spec.refresh = true
        let updated = try await user.client.update(MigCluster.resourceType.resource, cluster.encoded(), namespace: namespace)
        return ClusterView(try MigCluster(object: updated))
    }

    /// Deletes the MigCluster `name` and the token Secret the console or the CLI made for it.
    public func deleteCluster(_ name: String, user: ConsoleUser) async throws {
        let cluster = try await self.cluster(name, user: user)
        let users = try await list(MigPlan.self, user: user)
            .filter { $0.spec.srcMigClusterRef?.name == name || $0.spec.destMigClusterRef?.name == name }.map(\.name)
        if !users.isEmpty {
            throw ConsoleAPIError(status: .conflict, code: "ClusterInUse", message: "cluster \(name) is used by plan(s) \(users.joined(separator: ", ")); delete those plans first")
        }
        _ = try await user.client.delete(MigCluster.resourceType.resource, name: name, namespace: namespace)
        if let reference = cluster.spec.serviceAccountSecretRef, let secretName = reference.name, secretName == "\(name)-token" {
            do {
                _ = try await user.client.delete(Self.secrets, name: secretName, namespace: reference.namespace ?? secretNamespace)
            } catch let error as KubeAPIError where error.isNotFound {}
        }
    }

    private func apply(_ form: ClusterForm, to cluster: inout MigCluster, name: String) {
        func trimmed(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        if form.isHostCluster == true {
            cluster.spec.isHostCluster = true
            cluster.spec.url = nil
            cluster.spec.serviceAccountSecretRef = nil
            cluster.spec.caBundle = nil
            cluster.spec.insecure = nil
        } else {
            cluster.spec.isHostCluster = false
            cluster.spec.url = trimmed(form.url)
            cluster.spec.serviceAccountSecretRef = MigrationObjectReference(name: "\(name)-token", namespace: secretNamespace)
            cluster.spec.caBundle = trimmed(form.caBundle).map { Data(($0 + "\n").utf8).base64EncodedString() }
            cluster.spec.insecure = form.insecure == true ? true : nil
        }
        cluster.spec.exposedRegistryPath = trimmed(form.exposedRegistryPath)
    }

    private func tokenSecret(cluster name: String, token: String) -> KubeObject {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "\(name)-token", namespace: secretNamespace)
        secret.labels = ["app.kubernetes.io/managed-by": "ferry-console", "migration.openshift.io/migcluster": name]
        secret["type"] = "Opaque"
        let trimmed = token.trimmingCharacters(in: .whitespacesAndNewlines)
        secret["data"] = .object([ClusterRegistration.tokenKey: .string(Data(trimmed.utf8).base64EncodedString())])
        return secret
    }
}
