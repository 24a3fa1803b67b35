import FerryAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Server-sent events (`text/event-stream`) of a migration's snapshots.
enum ServerSentEvents {
    /// A `migration` event with the ``MigrationView`` JSON on every change, then an `end`
    /// event once the migration finished or was deleted.
    static func migrationStream(_ updates: MigrationUpdates, logger: Logger) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            do {
                var last: MigrationView?
                for try await migration in updates {
                    let view = MigrationView(migration)
                    guard view != last else { continue }
                    last = view
                    try await writer.write(ByteBuffer(string: event("migration", data: String(decoding: try encoder.encode(view), as: UTF8.self))))
                    if view.finished { break }
                }
                try await writer.write(ByteBuffer(string: event("end", data: "{}")))
            } catch {
                logger.debug("migration event stream ended", metadata: ["error": "\(error)"])
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// One event in the wire format.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }
}
