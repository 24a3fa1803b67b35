import FerryAPI
import KubeClient
import KubeCore

extension MigrationRunner {
    static let imageStreams = GroupVersionResource(group: "image.openshift.io", version: "v1", resource: "imagestreams")

    /// After the restore: writes the status of every migrated ImageStream that the
    /// destination left empty (it has no image controller), so its tags resolve to the copied
    /// images. Returns progress lines; nothing when images are not migrated.
    func completeDestinationImageStreams(_ migrated: MigratedObjects, scope: MigrationScope) async throws -> [String] {
        guard let mapping = scope.imageMapping, !mapping.isEmpty else { return [] }
        let builder = DestinationImageStreamStatus(mapping: mapping)
        var written: [String] = []
        for (sourceStream, restored) in migrated.pairs where Self.isImageStream(sourceStream) {
            let namespace = restored.namespace ?? ""
            var current: KubeObject
            do {
                current = try await destination.get(Self.imageStreams, name: restored.name, namespace: namespace)
            } catch let error as KubeAPIError where error.isNotFound {
                continue
            }
            guard DestinationImageStreamStatus.isUnfilled(current) else { continue }
            current["status"] = builder.status(of: sourceStream, namespace: namespace, name: restored.name)
            do {
                _ = try await destination.updateStatus(Self.imageStreams, current, namespace: namespace)
                written.append("\(namespace)/\(restored.name)")
            } catch let error as KubeAPIError where error.code == 409 {
                // Changed since it was read: the destination's image controller is filling it.
                continue
            }
        }
        guard !written.isEmpty else { return [] }
        let names = written.prefix(10).joined(separator: ", ")
        return ["Status of \(written.count) ImageStream(s) written with the copied images, as the destination has no image controller: \(names)\(written.count > 10 ? " and \(written.count - 10) more" : "")"]
    }
}
