import FerryAPI

/// What a plan and a migration say about volumes: state migrations, storage class conversion
/// and the destination claims' storage.
extension MigrationScope {
    /// A state migration (`migrateState: true`): only the plan's selected claims and their
    /// data move; no other object is created.
    public var migratesState: Bool { migration.spec.migrateState == true && migration.spec.rollback != true }

    /// The cutover of a state migration: the workloads using the claims are quiesced before
    /// the last copy (`migrateState` with `quiescePods`).
    public var isStateCutover: Bool { migratesState && quiescesSource }

    /// The plan converts storage classes in place: one cluster, every namespace mapped to
    /// itself (MTC's `StorageConversionPlan`).
    public var convertsStorage: Bool {
        let source = plan.spec.srcMigClusterRef
        let destination = plan.spec.destMigClusterRef
        let sameCluster = source?.name != nil && source?.name == destination?.name
            && (source?.namespace ?? plan.namespace) == (destination?.namespace ?? plan.namespace)
        return sameCluster && plan.namespaceMappings.allSatisfy { $0.source == $0.destination }
    }

    /// The suffix MTC gives a converted claim whose plan entry names no target
    /// (`data` → `data-new`).
    public static let storageConversionSuffix = "new"

    /// The destination name of a source claim in a storage conversion without a `src:target`
    /// name: the source name with ``storageConversionSuffix``, cut to the 253 characters a
    /// name may have.
    public static func convertedClaimName(_ source: String) -> String {
        String("\(source)-\(storageConversionSuffix)".prefix(253))
    }

    /// The plan's per-claim choices keyed by source `namespace/name`: destination class,
    /// access mode, volume mode, name and, with ``resizesVolumes``, the least capacity
    /// (the larger of the volume's capacity and the proposed one; the claim's own request is
    /// compared when it is cleaned).
    public var planClaimSelections: [String: PersistentVolumeClaimSelection] {
        var selections: [String: PersistentVolumeClaimSelection] = [:]
        let converts = convertsStorage
        for volume in plan.spec.persistentVolumes ?? [] {
            guard let claim = volume.pvc else { continue }
            let selection = volume.selection
            var targetName: String? = claim.targetName == claim.sourceName ? nil : claim.targetName
            if converts, targetName == nil { targetName = Self.convertedClaimName(claim.sourceName) }
            var minimumCapacity: String?
            if resizesVolumes {
                minimumCapacity = [volume.capacity, volume.proposedCapacity]
                    .compactMap { StorageCapacity(parsing: $0) }.max()?.formatted
            }
            selections["\(claim.namespace)/\(claim.sourceName)"] = PersistentVolumeClaimSelection(
                storageClassName: selection?.storageClass.flatMap { $0.isEmpty ? nil : $0 },
                accessMode: selection?.accessMode.flatMap { $0.isEmpty ? nil : $0 },
                targetName: targetName,
                action: selection?.action.flatMap(VolumeAction.init(rawValue:)),
                volumeMode: claim.volumeMode.flatMap { $0.isEmpty ? nil : $0 },
                minimumCapacity: minimumCapacity)
        }
        return selections
    }

    /// Source claim name → destination claim name, per source namespace, for the claims
    /// whose data is copied under another name.
    public var renamedClaims: [String: [String: String]] {
        var renamed: [String: [String: String]] = [:]
        for (key, selection) in claimSelections where (selection.action ?? .copy) == .copy {
            guard let target = selection.targetName, let slash = key.firstIndex(of: "/") else { continue }
            renamed[String(key[..<slash]), default: [:]][String(key[key.index(after: slash)...])] = target
        }
        return renamed
    }

    /// The source claims whose data is copied, per source namespace.
    public var copiedClaims: [String: Set<String>] {
        var claims: [String: Set<String>] = [:]
        for (key, selection) in claimSelections where (selection.action ?? .copy) == .copy {
            guard let slash = key.firstIndex(of: "/") else { continue }
            claims[String(key[..<slash]), default: []].insert(String(key[key.index(after: slash)...]))
        }
        return claims
    }
}
