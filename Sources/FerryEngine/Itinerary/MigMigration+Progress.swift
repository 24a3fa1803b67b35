public import FerryAPI

/// The status bookkeeping of a running migration: itinerary, phase, pipeline and conditions.
extension MigMigration {
    /// The itinerary `status.itinerary` names.
    public var itinerary: Itinerary? { status.itinerary.flatMap { Itinerary.all[$0] } }

    /// The phase `status.phase` names.
    public var currentPhase: MigrationPhase? { status.phase.flatMap(MigrationPhase.init(rawValue:)) }

    /// The itinerary a new migration runs: rollback, stage or cutover, as its spec asks; a
    /// state migration (`migrateState`) runs the stage itinerary, as in MTC.
    public var requestedItinerary: Itinerary {
        if spec.rollback == true { return .rollback }
        return spec.stage == true || spec.migrateState == true ? .stage : .final
    }

    mutating func begin(at now: String) {
        let itinerary = requestedItinerary
        status.itinerary = itinerary.name
        status.phase = itinerary.phases[0].phase.rawValue
        status.startTimestamp = status.startTimestamp ?? now
        status.pipeline = itinerary.steps.map { MigMigration.PipelineStep(name: $0, message: "Not started") }
        setCondition(MigrationCondition(
            type: "Running", reason: itinerary.phases[0].phase.rawValue, category: MigrationCondition.Category.advisory,
            message: "Step: 1/\(itinerary.steps.count)"))
    }

    mutating func setCondition(_ condition: MigrationCondition) {
        var conditions = status.conditions ?? []
        conditions.set(condition)
        status.conditions = conditions
    }

    mutating func recordError(_ message: String) {
        var errors = status.errors ?? []
        if !errors.contains(message) { errors.append(message) }
        status.errors = errors
    }

    private func stepIndex(_ name: String) -> Int? {
        status.pipeline?.firstIndex { $0.name == name }
    }

    private mutating func withStep(_ name: String, _ body: (inout MigMigration.PipelineStep) -> Void) {
        var pipeline = status.pipeline ?? []
        if let index = pipeline.firstIndex(where: { $0.name == name }) {
            body(&pipeline[index])
        } else {
            var step = MigMigration.PipelineStep(name: name)
            body(&step)
            pipeline.append(step)
        }
        status.pipeline = pipeline
    }

    /// Marks `phase` as the running one and starts its step.
    mutating func enter(_ phase: MigrationPhase, of itinerary: Itinerary, at now: String) {
        status.phase = phase.rawValue
        guard let step = itinerary.step(of: phase) else { return }
        withStep(step) { entry in
            entry.phase = phase.rawValue
            if entry.started == nil {
                entry.started = now
                entry.message = nil
                // Until one of its phases does real work the step counts as skipped.
                entry.skipped = true
            }
        }
        let position = (itinerary.steps.firstIndex(of: step) ?? 0) + 1
        setCondition(MigrationCondition(
            type: "Running", reason: phase.rawValue, category: MigrationCondition.Category.advisory,
            message: "Step: \(position)/\(itinerary.steps.count)"))
    }

    mutating func updateStep(of phase: MigrationPhase, in itinerary: Itinerary, message: String, progress: [String]? = nil) {
        guard let step = itinerary.step(of: phase) else { return }
        withStep(step) { entry in
            entry.message = message
            if let progress {
                entry.progress = progress.isEmpty ? nil : progress
                entry.skipped = nil
            }
        }
    }

    /// Records the end of `phase` and moves to the next one; completes the step when the
    /// next phase belongs to another.
    mutating func complete(_ phase: MigrationPhase, of itinerary: Itinerary, progress: [String]?, message: String?, skipped: Bool, at now: String) {
        let next = itinerary.phase(after: phase) ?? .completed
        if let step = itinerary.step(of: phase) {
            withStep(step) { entry in
                if !skipped { entry.skipped = nil }
                if let progress { entry.progress = progress.isEmpty ? nil : progress }
                if let message, !skipped || entry.skipped == true { entry.message = message }
                if itinerary.step(of: next) != step || next == phase { entry.completed = now }
            }
        }
        status.phase = next.rawValue
    }

    /// Leaves the running itinerary for `Failed`, recording `message`.
    mutating func fail(phase: MigrationPhase, of itinerary: Itinerary, message: String, at now: String) {
        recordError(message)
        if let step = itinerary.step(of: phase) {
            withStep(step) { entry in
                entry.failed = true
                entry.skipped = nil
                entry.message = message
                entry.completed = now
            }
        }
        switchItinerary(to: .failed, at: now)
    }

    /// Starts `itinerary` (cancel or failed) from its first phase, keeping the pipeline so far.
    mutating func switchItinerary(to itinerary: Itinerary, at now: String) {
        if let phase = currentPhase, let current = self.itinerary, let step = current.step(of: phase) {
            withStep(step) { entry in
                if entry.started != nil, entry.completed == nil { entry.completed = now }
            }
        }
        status.itinerary = itinerary.name
        status.phase = itinerary.phases[0].phase.rawValue
        for step in itinerary.steps where stepIndex(step) == nil {
            withStep(step) { $0.message = "Not started" }
        }
    }

    /// Ends the migration: steps that never started are marked skipped, and the outcome is
    /// set as a condition (`Succeeded`, `Failed` or `Canceled`).
    mutating func finish(itinerary: Itinerary, at now: String) {
        status.phase = MigrationPhase.completed.rawValue
        if var pipeline = status.pipeline {
            for index in pipeline.indices where pipeline[index].started == nil {
                pipeline[index].skipped = true
                pipeline[index].message = nil
            }
            for index in pipeline.indices where pipeline[index].started != nil && pipeline[index].completed == nil {
                pipeline[index].completed = now
            }
            status.pipeline = pipeline
        }
        var conditions = status.conditions ?? []
        conditions.remove(type: "Running")
        status.conditions = conditions
        switch itinerary.name {
        case "Failed":
            setCondition(MigrationCondition(
                type: "Failed", reason: "MigrationFailed", category: MigrationCondition.Category.critical,
                message: "The migration has failed. See: Errors. Run a rollback to return the source to how it was.", durable: true))
        case "Cancel":
            status.phase = MigrationPhase.canceled.rawValue
            setCondition(MigrationCondition(
                type: "Canceled", reason: "Canceled", category: MigrationCondition.Category.advisory,
                message: "The migration has been canceled.", durable: true))
        default:
            setCondition(MigrationCondition(
                type: "Succeeded", reason: "Completed", category: MigrationCondition.Category.advisory,
                message: "The migration has completed successfully.", durable: true))
        }
    }
}
