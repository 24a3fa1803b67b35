import KubeClient
import KubeCore

extension ClaimWorkloads {
    /// What happens to a workload in the same write that swaps its claims.
    public enum SwapFollowUp: Sendable, Hashable {
        /// Put back the state saved when it was quiesced (a storage conversion's cutover).
        case unquiesce
        /// Quiesce it, saving its state (a rollback, before the converted claims go).
        case quiesce
    }

    /// What ``swap(_:then:)`` did.
    public struct SwapReport: Sendable, Hashable {
        /// One line per workload changed.
        public var changed: [String] = []
        /// The workloads that could not be changed, with why.
        public var failed: [String] = []
    }

    /// Points the pod templates of the workloads in each namespace at other claims
    /// (`mapping`: namespace → old claim → new claim), and un-quiesces or quiesces them in
    /// the same write, as MTC's `SwapPVCReferences` does.
    ///
    /// A Job's template cannot change, so an unfinished Job is created again under a
    /// generated name with the new claims (MTC's way); the old one stays as it is, quiesced.
    /// Finished Jobs are left alone.
    public func swap(_ mapping: [String: [String: String]], then followUp: SwapFollowUp) async throws -> SwapReport {
        var report = SwapReport()
        for (namespace, claims) in mapping.sorted(by: { $0.key < $1.key }) where !claims.isEmpty {
            for workload in try await using(Set(claims.keys), in: namespace) {
                do {
                    if workload.kind.groupVersionKind.kind == "Job" {
                        if let line = try await recreate(workload, claims: claims, followUp: followUp) { report.changed.append(line) }
                        continue
                    }
                    let summary = try await update(workload) { object in
                        guard var swapped = Self.renamingClaims(object, mapping: claims, podSpecPath: workload.kind.podSpecPath) else { return nil }
                        var extra = ""
                        switch followUp {
                        case .unquiesce:
                            if let restored = try QuiesceAnnotations.restoring(swapped) {
                                swapped = restored.object
                                extra = "; \(restored.summary)"
                            }
                        case .quiesce:
                            if let quiesced = QuiesceAnnotations.quiescing(swapped) {
                                swapped = quiesced.object
                                extra = "; \(quiesced.summary)"
                            }
                        }
                        return (swapped, Self.describe(claims, in: object, podSpecPath: workload.kind.podSpecPath) + extra)
                    }
                    if let summary { report.changed.append("\(workload.description): \(summary)") }
                } catch {
                    report.failed.append("\(workload.description): \(error)")
                }
            }
        }
        logger.info("swapped claim references", metadata: ["changed": "\(report.changed.count)", "failed": "\(report.failed.count)"])
        return report
    }

    static func describe(_ claims: [String: String], in object: KubeObject, podSpecPath: [String]) -> String {
        let mounted = Set(claimNames(of: object, podSpecPath: podSpecPath))
        return "claims " + claims.filter { mounted.contains($0.key) }.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")
    }

    static let jobControllerLabels: Set<String> = [
        "job-name", "controller-uid", "batch.kubernetes.io/job-name", "batch.kubernetes.io/controller-uid",
    ]

    /// Creates a copy of an unfinished Job that mounts the new claims.
    private func recreate(_ workload: Workload, claims: [String: String], followUp: SwapFollowUp) async throws -> String? {
        let job = workload.object
        let finished = (job[path: "status", "conditions"]?.arrayValue ?? []).contains {
            ($0["type"]?.stringValue == "Complete" || $0["type"]?.stringValue == "Failed") && $0["status"]?.stringValue == "True"
        }
        guard !finished, var copy = Self.renamingClaims(job, mapping: claims, podSpecPath: workload.kind.podSpecPath) else { return nil }
        var fresh = KubeObject(apiVersion: job.apiVersion, kind: job.kind, name: "", namespace: job.namespace)
        fresh.removeMember(at: "metadata", "name")
        fresh.generateName = "\(job.name.prefix(60))-"
        fresh.labels = job.labels.filter { !Self.jobControllerLabels.contains($0.key) }
        fresh.annotations = job.annotations
        copy.removeMember(at: "spec", "selector")
        copy.removeMember(at: "spec", "template", "metadata", "labels", "job-name")
        copy.removeMember(at: "spec", "template", "metadata", "labels", "controller-uid")
        copy.removeMember(at: "spec", "template", "metadata", "labels", "batch.kubernetes.io/job-name")
        copy.removeMember(at: "spec", "template", "metadata", "labels", "batch.kubernetes.io/controller-uid")
        fresh.spec = copy.spec
        switch followUp {
        case .unquiesce:
            if let restored = try QuiesceAnnotations.restoring(fresh) { fresh = restored.object }
        case .quiesce:
            if let quiesced = QuiesceAnnotations.quiescing(fresh) { fresh = quiesced.object }
        }
        let created = try await client.create(workload.resource, fresh, namespace: job.namespace)
        return "Job \(job.qualifiedName): created again as \(created.name) with "
            + Self.describe(claims, in: job, podSpecPath: workload.kind.podSpecPath)
    }
}
