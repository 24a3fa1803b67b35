import FerryEngine
import KubeClient
import KubeCore

/// Where one volume's copy runs and, on the local plane, between which directories.
struct VolumePlacement: Sendable, Hashable {
    /// The volume as the runner asked for it.
    var volume: VolumeCopyRequest.Volume
    /// The plane that copies it.
    var plane: DataPlane
    /// The source's directory (local plane).
    var sourcePath: String?
    /// The destination's directory (local plane).
    var destinationPath: String?
    /// Why it is on this plane.
    var reason: String

    /// `namespace/claim` of the source, the id both planes report progress under.
    var id: String { "\(volume.sourceNamespace)/\(volume.sourceName)" }
}

/// Decides the plane of each volume from its PersistentVolumes.
struct VolumePlacer: Sendable {
    static let claims = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")
    static let volumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let storageClasses = GroupVersionResource(group: "storage.k8s.io", version: "v1", resource: "storageclasses")

    /// What placing the volumes found.
    enum Outcome: Sendable {
        /// Every volume has its plane.
        case placed([VolumePlacement])
        /// A destination claim is not bound yet; ask again later.
        case waiting(String)
    }

    var selection: DataPlaneSelection
    var resolver: LocalVolumePathResolver

    func place(_ request: VolumeCopyRequest) async throws -> Outcome {
        var placements: [VolumePlacement] = []
        for volume in request.volumes {
            if selection == .pod {
                placements.append(VolumePlacement(volume: volume, plane: .pod, reason: "the pod plane is selected"))
                continue
            }
            let destinationClaim = try await request.destination.get(Self.claims, name: volume.destinationName, namespace: volume.destinationNamespace)
            guard destinationClaim[path: "status", "phase"]?.stringValue == "Bound",
                let destinationVolumeName = destinationClaim[path: "spec", "volumeName"]?.stringValue, !destinationVolumeName.isEmpty
            else {
                if selection == .automatic, try await bindsOnFirstUse(destinationClaim, on: request.destination) {
                    // Only a pod using the claim binds it: the transfer pod will.
                    placements.append(VolumePlacement(volume: volume, plane: .pod, reason: "the destination claim binds when a pod first uses it"))
                    continue
                }
                return .waiting("waiting for claim \(volume.destinationNamespace)/\(volume.destinationName) to bind on the destination")
            }
            let sourceClaim = try await request.source.get(Self.claims, name: volume.sourceName, namespace: volume.sourceNamespace)
            guard let sourceVolumeName = sourceClaim[path: "spec", "volumeName"]?.stringValue, !sourceVolumeName.isEmpty else {
                throw DirectVolumeMoverError(
                    code: "source-claim-unbound",
                    message: "claim \(volume.sourceNamespace)/\(volume.sourceName) is not bound to a volume on the source, so it holds no data to copy; bind it or set its action to skip in the plan")
            }
            let source = resolver.locate(try await request.source.get(Self.volumes, name: sourceVolumeName))
            let destination = resolver.locate(try await request.destination.get(Self.volumes, name: destinationVolumeName))
            placements.append(try Self.placement(of: volume, selection: selection, source: source, destination: destination))
        }
        return .placed(placements)
    }

    /// Whether `claim`'s storage class binds volumes only when a pod uses the claim.
    private func bindsOnFirstUse(_ claim: KubeObject, on client: KubeClient) async throws -> Bool {
        guard let className = claim[path: "spec", "storageClassName"]?.stringValue, !className.isEmpty else { return false }
        let storageClass = try? await client.get(Self.storageClasses, name: className)
        return storageClass?[path: "volumeBindingMode"]?.stringValue == "WaitForFirstConsumer"
    }

    /// The plane of `volume` whose source and destination volumes are at `source` and
    /// `destination`: local when both are directories here (unless pods are selected), pods
    /// otherwise; throws when the local plane is selected but a directory is out of reach.
    static func placement(
        of volume: VolumeCopyRequest.Volume, selection: DataPlaneSelection, source: LocalVolumePathResolver.Location,
        destination: LocalVolumePathResolver.Location
    ) throws -> VolumePlacement {
        if selection == .pod {
            return VolumePlacement(volume: volume, plane: .pod, reason: "the pod plane is selected")
        }
        switch (source, destination) {
        case (.directory(let sourcePath), .directory(let destinationPath)):
            return VolumePlacement(
                volume: volume, plane: .local, sourcePath: sourcePath, destinationPath: destinationPath,
                reason: "both volume directories are on this machine")
        case (.unreachable(let reason), _), (_, .unreachable(let reason)):
            guard selection == .automatic else {
                throw DirectVolumeMoverError(
                    code: "volume-not-local",
                    message: "the local data plane is selected but claim \(volume.sourceNamespace)/\(volume.sourceName) cannot be copied on this machine: \(reason); select the automatic or pod data plane")
            }
            return VolumePlacement(volume: volume, plane: .pod, reason: reason)
        }
    }
}
