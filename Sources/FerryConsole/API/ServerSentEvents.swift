import FerryAPI
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Server-sent events (`text/event-stream`) of a migration's snapshots.
enum ServerSentEvents {
    /// How often a comment line is sent while nothing changes, so proxies keep the connection
    /// and a closed browser tab is noticed (the write fails) and its watch ended.
    static let heartbeatInterval = Duration.seconds(15)

    private enum Item: Sendable {
        case snapshot(MigMigration)
        case heartbeat
        case ended
    }

    /// A `migration` event with the ``MigrationView`` JSON on every change, then an `end`
    /// event once the migration finished or was deleted.
    static func migrationStream(_ updates: MigrationUpdates, logger: Logger) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        let body = ResponseBody { writer in
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let (items, continuation) = AsyncStream<Item>.makeStream()
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        do {
                            for try await migration in updates { continuation.yield(.snapshot(migration)) }
                        } catch {
                            logger.debug("migration watch ended", metadata: ["error": "\(error)"])
                        }
                        continuation.yield(.ended)
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: heartbeatInterval)
                            continuation.yield(.heartbeat)
                        }
                    }
                    var last: MigrationView?
                    loop: for await item in items {
                        switch item {
                        case .heartbeat:
                            try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                        case .ended:
                            break loop
                        case .snapshot(let migration):
                            let view = MigrationView(migration)
                            guard view != last else { continue }
                            last = view
                            try await writer.write(ByteBuffer(string: event("migration", data: String(decoding: try encoder.encode(view), as: UTF8.self))))
                            if view.finished { break loop }
                        }
                    }
                    group.cancelAll()
                    continuation.finish()
                    try await writer.write(ByteBuffer(string: event("end", data: "{}")))
                }
            } catch {
                // The browser went away (a write failed); the group cancelled the watch.
                logger.debug("migration event stream ended", metadata: ["error": "\(error)"])
            }
            try? await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// One event in the wire format.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\n" + data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined() + "\n"
    }
}
