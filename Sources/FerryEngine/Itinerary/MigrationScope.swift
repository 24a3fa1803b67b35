public import FerryAPI
import KubeCore

/// What a plan and one of its migrations say about which objects move and how.
public struct MigrationScope: Sendable {
    /// The plan.
    public var plan: MigPlan
    /// The migration.
    public var migration: MigMigration
    /// The registries images are copied between; nil when images are not migrated.
    public var imageRegistries: ImageRegistryPaths?
    /// Destination claims request the plan's proposed capacity (`ENABLE_DVM_PV_RESIZING`).
    public var resizesVolumes = false

    /// Creates the scope.
    public init(plan: MigPlan, migration: MigMigration) {
        self.plan = plan
        self.migration = migration
    }

    /// Source namespace → destination namespace.
    public var namespaceMapping: [String: String] {
        Dictionary(plan.namespaceMappings.map { ($0.source, $0.destination) }, uniquingKeysWith: { first, _ in first })
    }

    /// What the collector reads, from the plan's filters.
    public func collectionScope(onlyKinds: [GroupKind]? = nil) throws(MigrationRunnerError) -> CollectionScope {
        var selector: LabelSelector?
        if let json = plan.spec.labelSelector, json != .null {
            do {
                selector = try LabelSelector(json: json)
            } catch {
                throw MigrationRunnerError(
                    code: "invalid-label-selector",
                    message: "MigPlan \(plan.name) has an invalid spec.labelSelector: \(error.message); fix the selector in the plan")
            }
        }
        let included = onlyKinds ?? (plan.spec.includedResources ?? []).map { GroupKind(group: $0.group, kind: $0.kind) }
        return CollectionScope(namespaces: plan.sourceNamespaces, includedResources: included, labelSelector: selector)
    }

    /// Where images of the source registry go; nil when images are not migrated.
    public var imageMapping: ImageRegistryMapping? {
        imageRegistries.map {
            ImageRegistryMapping(
                sourceRegistry: $0.source, destinationRegistry: $0.destination, namespaceMapping: namespaceMapping,
                sourceInternalRegistry: $0.sourceInternal, destinationInternalRegistry: $0.destinationInternal)
        }
    }

    /// The plan's per-claim choices keyed by source `namespace/name` (see
    /// ``planClaimSelections``).
    public var claimSelections: [String: PersistentVolumeClaimSelection] { planClaimSelections }

    /// The action chosen for a source claim; `copy` when the plan does not list it.
    public func action(forClaim namespace: String, _ name: String) -> VolumeAction {
        claimSelections["\(namespace)/\(name)"]?.action ?? .copy
    }

    /// The names of the source PVs the plan moves.
    public var movedVolumeNames: [String] {
        (plan.spec.persistentVolumes ?? []).filter { $0.selection?.action == VolumeAction.move.rawValue }.map(\.name)
    }

    /// The transform context for objects whose uids are `migratedUIDs`.
    public func transformContext(migratedUIDs: Set<String>) -> MigrationTransformContext {
        var context = MigrationTransformContext(
            planUID: plan.uid, migrationUID: migration.uid, namespaceMapping: namespaceMapping, migratedUIDs: migratedUIDs,
            keepAnnotations: migration.spec.keepAnnotations ?? false, persistentVolumeClaimSelections: claimSelections,
            imageMapping: imageMapping)
        context.migratesOnlySelectedClaims = migratesState
        return context
    }

    /// The plan annotation that chooses what a restore does with objects that already exist
    /// on the destination: `skip` (MTC's behaviour, the default) or `update`, as Velero's
    /// `existingResourcePolicy`.
    public static let existingResourcePolicyAnnotation = "migration.ferry.dev/existing-resource-policy"

    /// The plan's policy for objects that already exist on the destination.
    public func existingObjectPolicy() throws(MigrationRunnerError) -> ExistingObjectPolicy {
        guard let value = plan.object.annotations[Self.existingResourcePolicyAnnotation] else { return .skip }
        guard let policy = ExistingObjectPolicy(rawValue: value) else {
            throw MigrationRunnerError(
                code: "invalid-existing-resource-policy",
                message: "MigPlan \(plan.name) has annotation \(Self.existingResourcePolicyAnnotation)=\(value); use skip or update")
        }
        return policy
    }

    /// Whether the source workloads are scaled down before the final copy (`quiescePods`).
    public var quiescesSource: Bool { migration.spec.quiescePods ?? false }
}
