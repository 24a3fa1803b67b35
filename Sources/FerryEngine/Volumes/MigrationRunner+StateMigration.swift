import FerryAPI
import KubeClient
import KubeCore

/// State migrations (`migrateState: true`) and storage class conversion: MTC's stage
/// itinerary with quiesce (cutover) and `SwapPVCReferences` (storage conversion).
extension MigrationRunner {
    /// The state cutover quiesces the source workloads that mount the selected claims;
    /// other stages leave the application running.
    func quiesceClaimWorkloads(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.isStateCutover else {
            return .skipped(scope.migratesState ? "quiescePods is not set: the workloads keep running" : "A stage leaves the application running")
        }
        let lines = try await ClaimWorkloads(client: source, logger: logger).quiesce(using: scope.copiedClaims)
        return .done(lines.isEmpty ? "No running workload uses the claims" : "Quiesced \(lines.count) workload(s) using the claims", progress: lines)
    }

    /// Waits until no pod mounts the selected claims.
    func waitForClaimWorkloadsQuiesced(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.isStateCutover else { return .skipped("Nothing was quiesced") }
        let workloads = ClaimWorkloads(client: source, logger: logger)
        let deadline = ContinuousClock.now + settings.inlineWait
        var pods = try await workloads.podsMounting(scope.copiedClaims)
        while !pods.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            pods = try await workloads.podsMounting(scope.copiedClaims)
        }
        if pods.isEmpty { return .done("No pod mounts the claims any more") }
        let names = pods.prefix(10).map(\.qualifiedName).joined(separator: ", ")
        let waited = secondsInStep(of: .ensureSourceQuiesced, migration: scope.migration)
        if waited >= settings.quiesceTimeout.components.seconds {
            throw MigrationRunnerError(
                code: "quiesce-timeout",
                message: "\(pods.count) pod(s) still mount the claims after \(waited)s: \(names); stop them (they may not belong to a quiescible workload) and run the migration again")
        }
        return .waiting("Waiting for \(pods.count) pod(s) using the claims to go: \(names)")
    }

    /// The stage's volume step; a state migration first checks the claims that already
    /// exist on the destination and says how many claims it carries.
    func copyStageVolumes(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.migratesState else { return try await moveVolumes(scope, kind: .stage) }
        try await checkExistingDestinationClaims(scope)
        let count = scope.copiedClaims.values.reduce(0) { $0 + $1.count }
        let result = try await moveVolumes(scope, kind: scope.isStateCutover ? .cutover : .stage)
        if case .done(let progress, let message, let conditions) = result {
            return .done(progress: ["state migration: \(count) claims"] + (progress ?? []), message: message, conditions: conditions)
        }
        return result
    }

    /// Fails, naming both claims, when a claim that already exists on the destination (one
    /// a GitOps tool deployed, not one this plan created) is smaller than its source claim
    /// or lacks the access mode the data needs; a claim that fits is used as it is.
    func checkExistingDestinationClaims(_ scope: MigrationScope) async throws {
        var problems: [String] = []
        for (key, selection) in scope.claimSelections.sorted(by: { $0.key < $1.key }) where (selection.action ?? .copy) == .copy {
            guard let slash = key.firstIndex(of: "/") else { continue }
            let namespace = String(key[..<slash])
            let name = String(key[key.index(after: slash)...])
            let targetNamespace = scope.namespaceMapping[namespace] ?? namespace
            let targetName = selection.targetName ?? name
            guard let existing = try await Self.claim(targetName, in: targetNamespace, on: destination),
                existing.labels[MigrationAPI.migratedByPlanLabel] != scope.plan.uid,
                let sourceClaim = try await Self.claim(name, in: namespace, on: source)
            else { continue }
            let needed = Self.capacity(of: sourceClaim)
            let offered = Self.capacity(of: existing)
            let neededModes = selection.accessMode.map { [$0] } ?? Self.accessModes(of: sourceClaim)
            let offeredModes = Self.accessModes(of: existing)
            var reasons: [String] = []
            if let needed, let offered, offered < needed {
                reasons.append("its capacity \(offered.formatted) is less than the source's \(needed.formatted)")
            }
            let missing = neededModes.filter { !offeredModes.contains($0) }
            if !missing.isEmpty {
                reasons.append("its access modes [\(offeredModes.joined(separator: ", "))] lack \(missing.joined(separator: ", "))")
            }
            if !reasons.isEmpty {
                problems.append("destination claim \(targetNamespace)/\(targetName) cannot take the data of source claim \(namespace)/\(name): \(reasons.joined(separator: " and "))")
            }
        }
        guard problems.isEmpty else {
            throw MigrationRunnerError(
                code: "destination-claim-unfit",
                message: problems.joined(separator: "; ") + "; resize or recreate the destination claim, or map the source to another name (pvc.name source:target) in MigPlan \(scope.plan.name)")
        }
    }

    /// Points the workloads at the converted claims (a storage conversion's cutover, which
    /// also un-quiesces them) or back at the original ones (its rollback, which quiesces them
    /// until the source is un-quiesced); the original claims stay, as in MTC.
    func swapClaimReferences(_ scope: MigrationScope) async throws -> PhaseResult {
        guard scope.convertsStorage else { return .skipped("Only storage class conversions swap claim references") }
        let rollingBack = scope.migration.spec.rollback == true
        guard rollingBack || scope.isStateCutover else { return .skipped("Only the cutover of a storage class conversion swaps claim references") }
        var mapping = scope.renamedClaims
        if rollingBack {
            mapping = mapping.mapValues { Dictionary($0.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first }) }
        }
        let report = try await ClaimWorkloads(client: destination, logger: logger).swap(mapping, then: rollingBack ? .quiesce : .unquiesce)
        guard report.failed.isEmpty else {
            throw MigrationRunnerError(
                code: "swap-failed",
                message: "claim references could not be swapped on \(report.failed.count) workload(s): \(report.failed.prefix(10).joined(separator: "; "))")
        }
        let direction = rollingBack ? "back to the original claims" : "to the converted claims"
        return .done("Pointed \(report.changed.count) workload(s) \(direction)", progress: report.changed)
    }

    static let claimResource = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumeclaims")

    static func claim(_ name: String, in namespace: String, on client: KubeClient) async throws -> KubeObject? {
        do {
            return try await client.get(claimResource, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            return nil
        }
    }

    /// What a claim holds: its bound capacity, else its request.
    static func capacity(of claim: KubeObject) -> StorageCapacity? {
        StorageCapacity(parsing: claim[path: "status", "capacity", "storage"]?.stringValue)
            ?? StorageCapacity(parsing: claim[path: "spec", "resources", "requests", "storage"]?.stringValue)
    }

    static func accessModes(of claim: KubeObject) -> [String] {
        (claim[path: "spec", "accessModes"]?.arrayValue ?? []).compactMap(\.stringValue)
    }
}
