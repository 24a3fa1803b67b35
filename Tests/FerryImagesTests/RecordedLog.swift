import Logging
import Synchronization

/// Collects the messages logged through `logger`, to prove which path the code took.
final class RecordedLog: Sendable {
    private let messages = Mutex<[String]>([])

    /// A debug-level logger that records into this log.
    var logger: Logger {
        var logger = Logger(label: "ferry-images-tests", factory: { _ in Handler(log: self) })
        logger.logLevel = .debug
        return logger
    }

    /// How many messages equal `message`.
    func count(_ message: String) -> Int {
        messages.withLock { $0.filter { $0 == message }.count }
    }

    private struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.messages.withLock { $0.append(event.message.description) }
        }
    }
}
