import FerryAPI
import KubeClient
import KubeCore
import Synchronization

/// Creates the mover's custom resources on the host and writes their status through the
/// status subresource, at most once per interval per object while nothing changes state.
///
/// It remembers the objects it wrote, so a status write needs no read first; a write that
/// conflicts with another writer reads the object again and retries once.
final class TransferResourceWriter: Sendable {
    private struct Written {
        var object: KubeObject
        var at: ContinuousClock.Instant
    }

    private let interval: Duration
    private let written = Mutex<[String: Written]>([:])

    init(interval: Duration) {
        self.interval = interval
    }

    /// The object `name` of `type` in `namespace`, created from `make()` when missing.
    func ensure(_ type: MigrationResourceType, name: String, namespace: String, host: KubeClient, make: () -> KubeObject) async throws -> KubeObject {
        let key = Self.key(type, name: name, namespace: namespace)
        if let object = written.withLock({ $0[key]?.object }) { return object }
        let object: KubeObject
        do {
            object = try await host.get(type.resource, name: name, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {
            do {
                object = try await host.create(type.resource, make(), namespace: namespace)
            } catch let error as KubeAPIError where error.isAlreadyExists {
                object = try await host.get(type.resource, name: name, namespace: namespace)
            }
        }
        written.withLock { $0[key] = Written(object: object, at: .now - interval) }
        return object
    }

    /// Writes `status` into the object unless it is already there; a status whose state did not
    /// change (`urgent` false) waits for the interval since the last write.
    func writeStatus(_ type: MigrationResourceType, of object: KubeObject, status: JSONValue?, urgent: Bool, host: KubeClient) async throws {
        let key = Self.key(type, name: object.name, namespace: object.namespace ?? "")
        let now = ContinuousClock.now
        let current = written.withLock { $0[key] } ?? Written(object: object, at: now - interval)
        guard current.object["status"] != status else { return }
        guard urgent || current.at.duration(to: now) >= interval else { return }
        var updated = current.object
        updated["status"] = status
        let result: KubeObject
        do {
            result = try await host.updateStatus(type.resource, updated, namespace: object.namespace)
        } catch let error as KubeAPIError where error.isConflict {
            var fresh = try await host.get(type.resource, name: object.name, namespace: object.namespace)
            fresh["status"] = status
            result = try await host.updateStatus(type.resource, fresh, namespace: object.namespace)
        }
        written.withLock { $0[key] = Written(object: result, at: now) }
    }

    /// Forgets the objects whose names start with `prefix` in `namespace`.
    func forget(namespace: String, prefix: String) {
        written.withLock { entries in
            for key in entries.keys where key.hasPrefix("\(namespace)/") && key.dropFirst(namespace.count + 1).split(separator: "/").last?.hasPrefix(prefix) == true {
                entries[key] = nil
            }
        }
    }

    private static func key(_ type: MigrationResourceType, name: String, namespace: String) -> String {
        "\(namespace)/\(type.kind)/\(name)"
    }
}
