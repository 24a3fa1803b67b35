public import KubeClient
import KubeCore
public import Logging

/// Keeps the source cluster from deleting data that a moved volume shares with the
/// destination: before a move, each source PersistentVolume's reclaim policy becomes
/// `Retain`, the original kept in an annotation; ``restore(volumeNames:)`` puts it back
/// (rollback).
public struct SourceVolumeRetention: Sendable {
    /// The annotation that keeps the reclaim policy a volume had before the migration.
    public static let originalPolicyAnnotation = "migration.openshift.io/preMigrationReclaimPolicy"

    /// The client of the source cluster.
    public let client: KubeClient
    /// Where progress is logged.
    public let logger: Logger

    private static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")

    /// Creates the step for one cluster.
    public init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Sets each named volume's reclaim policy to `Retain`, saving the original unless one is
    /// already saved.
    ///
    /// - Returns: the names of the volumes that were changed.
    @discardableResult
    public func retain(volumeNames: [String]) async throws -> [String] {
        try await edit(volumeNames) { volume in
            let policy = volume[path: "spec", "persistentVolumeReclaimPolicy"]?.stringValue ?? "Retain"
            var annotations = volume.annotations
            guard policy != "Retain" || annotations[Self.originalPolicyAnnotation] == nil else { return nil }
            annotations[Self.originalPolicyAnnotation] = annotations[Self.originalPolicyAnnotation] ?? policy
            var edited = volume
            edited.annotations = annotations
            edited[path: "spec", "persistentVolumeReclaimPolicy"] = .string("Retain")
            return edited
        }
    }

    /// Puts back the reclaim policy saved by ``retain(volumeNames:)`` and removes the
    /// annotation; volumes without it are left alone.
    ///
    /// - Returns: the names of the volumes that were changed.
    @discardableResult
    public func restore(volumeNames: [String]) async throws -> [String] {
        try await edit(volumeNames) { volume in
            guard let original = volume.annotations[Self.originalPolicyAnnotation] else { return nil }
            var edited = volume
            var annotations = volume.annotations
            annotations[Self.originalPolicyAnnotation] = nil
            edited.annotations = annotations
            edited[path: "spec", "persistentVolumeReclaimPolicy"] = .string(original)
            return edited
        }
    }

    private func edit(_ names: [String], _ change: (KubeObject) -> KubeObject?) async throws -> [String] {
        var changed: [String] = []
        for name in names {
            var attempts = 0
            while true {
                let volume: KubeObject
                do {
                    volume = try await client.get(Self.volumes, name: name)
                } catch let error as KubeAPIError where error.isNotFound {
                    logger.warning("persistent volume \(name) is gone; its reclaim policy is not changed")
                    break
                }
                guard let edited = change(volume) else { break }
                do {
                    _ = try await client.update(Self.volumes, edited)
                    logger.info("persistent volume \(name): reclaim policy \(edited[path: "spec", "persistentVolumeReclaimPolicy"]?.stringValue ?? "")")
                    changed.append(name)
                    break
                } catch let error as KubeAPIError where error.isConflict && attempts < 5 {
                    attempts += 1
                }
            }
        }
        return changed
    }
}
