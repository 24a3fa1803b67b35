import FerryAPI
import Foundation
import HTTPTypes
import Hummingbird

/// What `POST /api/migrations/{name}` accepts.
struct MigrationActionRequest: Codable, Sendable {
    var action: String?
}

extension ConsoleAPI {
    func registerMigrations(on api: RouterGroup<ConsoleRequestContext>) {
        api.get("plans/:name/migrations") { _, context in
            try Self.json(try await backend.migrations(plan: try Self.name(context), user: try context.requireUser()))
        }
        api.post("plans/:name/migrations") { request, context in
            let user = try context.requireUser()
            let form = try await Self.body(MigrationStartForm.self, request, context)
            return try Self.json(try await backend.startMigration(plan: try Self.name(context), form, user: user), status: .created)
        }
        api.get("migrations/:name") { _, context in
            try Self.json(try await backend.migration(try Self.name(context), user: try context.requireUser()))
        }
        api.post("migrations/:name") { request, context in
            let user = try context.requireUser()
            let body = try await Self.body(MigrationActionRequest.self, request, context)
            guard body.action == "cancel" else { throw ConsoleValidationError(fields: ["action": "the only action is cancel"]) }
            return try Self.json(try await backend.cancelMigration(try Self.name(context), user: user))
        }
        api.post("migrations/:name/cancel") { _, context in
            try Self.json(try await backend.cancelMigration(try Self.name(context), user: try context.requireUser()))
        }
        api.get("migrations/:name/events") { _, context in
            let updates = try await backend.watchMigration(try Self.name(context), user: try context.requireUser())
            return ServerSentEvents.migrationStream(updates, logger: context.logger)
        }
    }
}
