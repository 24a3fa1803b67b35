#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import KubeCore

/// Durable storage for one `ObjectStore`: a snapshot of every object plus an append-only log
/// of the changes since, both as JSON lines in the state directory.
///
/// Each change is one `write(2)` of one line, without `fsync`: a process stop (even `kill -9`)
/// loses nothing the kernel accepted, and a torn final line is ignored on load. The log is
/// folded into a fresh snapshot at startup and whenever it outgrows `compactionThreshold`.
final class StoreJournal {
    static let snapshotName = "objects.snapshot"
    static let logName = "objects.log"

    let directory: String
    let compactionThreshold: Int
    private var logDescriptor: Int32 = -1
    private(set) var logSize = 0
    /// The first write failure, kept so the store can report it.
    private(set) var failure: String?

    init(directory: String, compactionThreshold: Int) throws(KubeAPIError) {
        self.directory = directory
        self.compactionThreshold = compactionThreshold
        if mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw KubeAPIError.internalError("cannot create state directory \(directory): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        closeLog()
    }

    var snapshotPath: String { "\(directory)/\(Self.snapshotName)" }
    var logPath: String { "\(directory)/\(Self.logName)" }

    /// Reads the snapshot, then the log over it.
    func load() -> JournalContents {
        var contents = JournalContents()
        for line in Self.lines(of: snapshotPath) {
            guard let record = try? JSONValue(parsing: line) else { continue }
            if let version = record["resourceVersion"]?.intValue, record["object"] == nil {
                contents.resourceVersion = max(contents.resourceVersion, UInt64(version))
            } else {
                contents.apply(record, deleting: false)
            }
        }
        for line in Self.lines(of: logPath) {
            guard let record = try? JSONValue(parsing: line) else { continue }
            contents.apply(record, deleting: record["op"]?.stringValue == WatchEvent.EventType.deleted.rawValue)
        }
        return contents
    }

    /// Writes every object as a new snapshot (atomically, by rename) and starts an empty log.
    func compact(tables: [GroupResource: ResourceTable], resourceVersion: UInt64) throws(KubeAPIError) {
        closeLog()
        let temporary = snapshotPath + ".tmp"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Self.ioError("open \(temporary)") }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        JSONValue.object(["resourceVersion": .int(Int64(resourceVersion))]).write(into: &buffer)
        buffer.append(0x0A)
        var ok = true
        for (resource, table) in tables {
            for object in table.objects.values {
                Self.record(op: nil, object, resource: resource).write(into: &buffer)
                buffer.append(0x0A)
                if buffer.count > 1 << 20 {
                    ok = ok && Self.writeAll(descriptor, buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        }
        ok = ok && Self.writeAll(descriptor, buffer) && fsync(descriptor) == 0
        closeFile(descriptor)
        guard ok, rename(temporary, snapshotPath) == 0 else { throw Self.ioError("write \(snapshotPath)") }
        try openLog(truncate: true)
    }

    /// Appends one change to the log.
    func record(_ type: WatchEvent.EventType, _ object: KubeObject, resource: GroupResource) {
        var line: [UInt8] = []
        line.reserveCapacity(512)
        Self.record(op: type.rawValue, object, resource: resource).write(into: &line)
        line.append(0x0A)
        if logDescriptor < 0 || !Self.writeAll(logDescriptor, line) {
            if failure == nil { failure = "cannot append to \(logPath): \(String(cString: strerror(errno)))" }
            return
        }
        logSize += line.count
    }

    var needsCompaction: Bool { logSize > compactionThreshold }

    /// Flushes the log to disk and closes it.
    func closeLog() {
        guard logDescriptor >= 0 else { return }
        fsync(logDescriptor)
        closeFile(logDescriptor)
        logDescriptor = -1
    }

    private func openLog(truncate: Bool) throws(KubeAPIError) {
        let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (truncate ? O_TRUNC : 0)
        logDescriptor = open(logPath, flags, 0o644)
        guard logDescriptor >= 0 else { throw Self.ioError("open \(logPath)") }
        if truncate { fsync(logDescriptor) }
        logSize = 0
    }

    private static func record(op: String?, _ object: KubeObject, resource: GroupResource) -> JSONValue {
        var record: JSONObject = ["group": .string(resource.group), "resource": .string(resource.resource), "object": object.json]
        if let op { record["op"] = .string(op) }
        return .object(record)
    }

    private static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The newline-separated lines of a file; empty when it does not exist.
    private static func lines(of path: String) -> [ArraySlice<UInt8>] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { closeFile(descriptor) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        return data.split(separator: 0x0A, omittingEmptySubsequences: true)
    }

    private static func ioError(_ action: String) -> KubeAPIError {
        KubeAPIError.internalError("cannot \(action): \(String(cString: strerror(errno)))")
    }
}

private func closeFile(_ descriptor: Int32) {
    _ = close(descriptor)
}

/// What a journal held: the objects by resource and key, and the newest resource version.
struct JournalContents {
    var objects: [GroupResource: [ObjectKey: KubeObject]] = [:]
    var resourceVersion: UInt64 = 0

    mutating func apply(_ record: JSONValue, deleting: Bool) {
        guard let group = record["group"]?.stringValue, let resourceName = record["resource"]?.stringValue,
            let json = record["object"], let object = try? KubeObject(json: json)
        else { return }
        let resource = GroupResource(group: group, resource: resourceName)
        if let version = object.resourceVersion.flatMap(UInt64.init) { resourceVersion = max(resourceVersion, version) }
        let key = ObjectKey(namespace: object.namespace, name: object.name)
        if deleting {
            objects[resource]?[key] = nil
        } else {
            objects[resource, default: [:]][key] = object
        }
    }
}
