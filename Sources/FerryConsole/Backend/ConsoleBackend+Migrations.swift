public import FerryAPI
import FerryCLI
import KubeClient
import KubeCore

extension ConsoleBackend {
    /// The migrations of plan `name`, newest first.
    public func migrations(plan name: String, user: ConsoleUser) async throws -> [MigrationView] {
        let plan = try await read(MigPlan.self, name, user: user)
        return try await host(user).migrations(ofPlan: plan.name).reversed().map(MigrationView.init)
    }

    /// Starts a stage, cutover or rollback of plan `name`, after the checks `ferry migrate`
    /// makes (plan ready and open, no migration running, something to roll back). A plan of
    /// type `state` runs state migrations.
    public func startMigration(plan name: String, _ form: MigrationStartForm, user: ConsoleUser) async throws -> MigrationView {
        var checks = FieldChecks()
        checks.required(form.type, "type", what: "the migration type (stage, cutover or rollback)")
        checks.oneOf(form.type, MigrationRequest.Action.allCases.map(\.rawValue), "type", what: "migration type")
        try checks.check()
        guard let action = form.type.flatMap(MigrationRequest.Action.init(rawValue:)) else { throw ConsoleValidationError(fields: ["type": "unknown type"]) }
        let plan = try await read(MigPlan.self, name, user: user)
        let host = host(user)
        let request = MigrationRequest(
            plan: plan.name, action: action, quiescePods: form.quiescePods ?? true, keepAnnotations: form.keepAnnotations ?? false, verify: form.verify ?? false)
        guard PlanView(plan).migrationType == "state", action != .rollback else {
            return MigrationView(try await MigrationLauncher(host: host).start(request))
        }
        // MigrationLauncher starts namespace migrations; a state plan's migration differs only
        // in migrateState, so the same checks run here before creating it.
        if plan.status.conditions?.hasCritical == true {
            throw FerryCLIError(code: "plan-not-ready", message: "plan \(plan.name) has critical problems; see its conditions and fix the plan first")
        }
        if plan.spec.closed == true { throw FerryCLIError(code: "plan-closed", message: "plan \(plan.name) is closed and runs no more migrations") }
        if let running = try await host.migrations(ofPlan: plan.name).last(where: { !$0.isFinished }) {
            throw FerryCLIError(code: "migration-running", message: "plan \(plan.name) is already running migration \(running.name); wait for it or cancel it")
        }
        var migration = try request.migration(namespace: namespace)
        migration.spec.migrateState = true
        return MigrationView(try MigMigration(object: try await user.client.create(MigMigration.resourceType.resource, migration.encoded(), namespace: namespace)))
    }

    /// Asks migration `name` to stop at the next safe point and undo what it did.
    public func cancelMigration(_ name: String, user: ConsoleUser) async throws -> MigrationView {
        let migration = try await read(MigMigration.self, name, user: user)
        if migration.isFinished {
            throw ConsoleAPIError(status: .conflict, code: "MigrationFinished", message: "migration \(name) already finished; roll back its plan instead")
        }
        let patched = try await user.client.patch(
            MigMigration.resourceType.resource, name: name, namespace: namespace, patch: .merge(["spec": ["canceled": true]]))
        return MigrationView(try MigMigration(object: patched))
    }

    /// Migration `name` with its DirectVolumeMigrations (and their progress objects) and
    /// DirectImageMigrations, found by owner reference.
    public func migration(_ name: String, user: ConsoleUser) async throws -> MigrationDetail {
        let migration = try await read(MigMigration.self, name, user: user)
        let volumes = try await owned(MigrationResourceType.directVolumeMigration, by: [migration.uid], user: user)
        let progresses = try await owned(MigrationResourceType.directVolumeMigrationProgress, by: Set(volumes.compactMap(\.uid)).union([migration.uid]), user: user)
        let images = try await owned(MigrationResourceType.directImageMigration, by: [migration.uid], user: user)
        var commands = ["kubectl -n \(namespace) get migmigration \(name) -o yaml"]
        if !volumes.isEmpty { commands.append("kubectl -n \(namespace) get directvolumemigrations,directvolumemigrationprogresses") }
        if !images.isEmpty { commands.append("kubectl -n \(namespace) get directimagemigrations,directimagestreammigrations") }
        if let plan = migration.planName { commands.append("kubectl -n \(namespace) describe migplan \(plan)") }
        return MigrationDetail(
            migration: MigrationView(migration), directVolumeMigrations: volumes.map(\.json), directVolumeMigrationProgresses: progresses.map(\.json),
            directImageMigrations: images.map(\.json), kubectlCommands: commands)
    }

    /// Snapshots of migration `name` as it changes, read by a watch with the user's client;
    /// the first element is its current state. Ends when the migration is deleted.
    public func watchMigration(_ name: String, user: ConsoleUser) async throws -> MigrationUpdates {
        _ = try await read(MigMigration.self, name, user: user)
        let events = user.client.listWatch(
            MigMigration.resourceType.resource, namespace: namespace, options: ListOptions(fieldSelector: "metadata.name=\(name)"))
        return MigrationUpdates(events: events)
    }

    private func owned(_ type: MigrationResourceType, by owners: Set<String>, user: ConsoleUser) async throws -> [KubeObject] {
        do {
            return try await user.client.listAll(type.resource, namespace: namespace).items
                .filter { object in object.ownerReferences.contains { owners.contains($0.uid) } }
        } catch let error as KubeClientError where error.code == .unknownResource {
            return []
        } catch let error as KubeAPIError where error.isNotFound {
            return []
        }
    }
}

/// Snapshots of one MigMigration as a watch reports them.
public struct MigrationUpdates: AsyncSequence, Sendable {
    /// A snapshot.
    public typealias Element = MigMigration

    let events: ListWatch

    /// The iterator.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var events: ListWatch.AsyncIterator

        /// The next snapshot; `nil` once the migration is deleted.
        public mutating func next() async throws -> MigMigration? {
            while let event = try await events.next() {
                switch event.type {
                case .added, .modified: return try MigMigration(object: event.object)
                case .deleted: return nil
                case .bookmark, .error: continue
                }
            }
            return nil
        }
    }

    /// Makes an iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: events.makeAsyncIterator())
    }
}
