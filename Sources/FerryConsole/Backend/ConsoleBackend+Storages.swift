import FerryAPI
import Foundation
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// Every MigStorage the user may list, with its readiness.
    public func storages(user: ConsoleUser) async throws -> [StorageView] {
        try await list(MigStorage.self, user: user).map(StorageView.init)
    }

    /// The MigStorage `name`.
    public func storage(_ name: String, user: ConsoleUser) async throws -> StorageView {
        StorageView(try await read(MigStorage.self, name, user: user))
    }

    /// Creates a MigStorage and its credentials Secret from `form`.
    public func createStorage(_ form: StorageForm, user: ConsoleUser) async throws -> StorageView {
        try form.validate(creating: true)
        let name = form.name ?? ""
        var storage = MigStorage(name: name, namespace: namespace, spec: MigStorage.Spec())
        storage.object.labels = ["app.kubernetes.io/managed-by": "ferry-console"]
        apply(form, to: &storage, name: name)
        try await ensureNamespace(secretNamespace, user: user)
        try await write(secret: credentialsSecret(storage: name, form: form), user: user)
        let created = try await user.client.create(MigStorage.resourceType.resource, storage.encoded(), namespace: namespace)
        return StorageView(try MigStorage(object: created))
    }

    /// Changes the MigStorage `name`; empty credentials keep the stored ones.
    public func updateStorage(_ name: String, _ form: StorageForm, user: ConsoleUser) async throws -> StorageView {
        var form = form
        form.name = name
        try form.validate(creating: false)
        var storage = try await read(MigStorage.self, name, user: user)
        apply(form, to: &storage, name: name)
        if !(form.accessKeyID ?? "").isEmpty {
            try await write(secret: credentialsSecret(storage: name, form: form), user: user)
        }
        storage.spec.refresh = true
        let updated = try await user.client.update(MigStorage.resourceType.resource, storage.encoded(), namespace: namespace)
        return StorageView(try MigStorage(object: updated))
    }

    /// Deletes the MigStorage `name` and its credentials Secret.
    public func deleteStorage(_ name: String, user: ConsoleUser) async throws {
        let storage = try await read(MigStorage.self, name, user: user)
        let users = try await list(MigPlan.self, user: user).filter { $0.spec.migStorageRef?.name == name }.map(\.name)
        if !users.isEmpty {
            throw ConsoleAPIError(status: .conflict, code: "RepositoryInUse", message: "repository \(name) is used by plan(s) \(users.joined(separator: ", ")); change or delete those plans first")
        }
        _ = try await user.client.delete(MigStorage.resourceType.resource, name: name, namespace: namespace)
        if let reference = storage.spec.backupStorageConfig?.credsSecretRef, reference.name == "\(name)-credentials" {
            do {
                _ = try await user.client.delete(Self.secrets, name: "\(name)-credentials", namespace: reference.namespace ?? secretNamespace)
            } catch let error as KubeAPIError where error.isNotFound {}
        }
    }

    private func apply(_ form: StorageForm, to storage: inout MigStorage, name: String) {
        func trimmed(_ value: String?) -> String? {
            guard let value = value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return value
        }
        storage.spec.backupStorageProvider = "aws"
        var config = storage.spec.backupStorageConfig ?? MigStorage.BackupStorageConfig()
        config.credsSecretRef = MigrationObjectReference(name: "\(name)-credentials", namespace: secretNamespace)
        config.awsBucketName = trimmed(form.bucket)
        config.awsS3Url = trimmed(form.endpoint)
        config.awsRegion = trimmed(form.region)
        config.awsS3ForcePathStyle = form.forcePathStyle == true ? true : nil
        config.s3CustomCABundle = trimmed(form.caBundle).map { Data(($0 + "\n").utf8).base64EncodedString() }
        config.insecure = form.insecure == true ? true : nil
        storage.spec.backupStorageConfig = config
        var snapshots = storage.spec.volumeSnapshotConfig ?? MigStorage.VolumeSnapshotConfig()
        snapshots.credsSecretRef = config.credsSecretRef
        snapshots.awsRegion = config.awsRegion
        storage.spec.volumeSnapshotProvider = "aws"
        storage.spec.volumeSnapshotConfig = snapshots
    }

    private func credentialsSecret(storage name: String, form: StorageForm) -> KubeObject {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: "\(name)-credentials", namespace: secretNamespace)
        secret.labels = ["app.kubernetes.io/managed-by": "ferry-console", "migration.openshift.io/migstorage": name]
        secret["type"] = "Opaque"
        func encoded(_ value: String?) -> JSONValue {
            .string(Data((value ?? "").trimmingCharacters(in: .whitespacesAndNewlines).utf8).base64EncodedString())
        }
        secret["data"] = .object(["aws-access-key-id": encoded(form.accessKeyID), "aws-secret-access-key": encoded(form.secretAccessKey)])
        return secret
    }
}
