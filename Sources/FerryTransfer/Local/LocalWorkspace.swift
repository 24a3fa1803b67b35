#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// The run's work directory (credentials, configs, file lists, logs): fresh, mode 0700,
/// removed at the end unless the transfer resources are kept for debugging. Creating one
/// first stops what transfers whose process died left running (`sweepAbandoned`).
struct LocalWorkspace: Sendable {
    let path: String
    let keep: Bool
    let logger: Logger

    static func create(in parent: String?, keep: Bool, logger: Logger) throws -> LocalWorkspace {
        let base = parent ?? FileManager.default.temporaryDirectory.path
        do {
            try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        } catch {
            throw TransferError(code: .invalidSetting, message: "the work directory '\(base)' cannot be created: \(error); set workDirectory to a writable directory")
        }
        sweepAbandoned(in: base, logger: logger)
        var template = Array("\(base)/ferry-transfer-XXXXXX".utf8CString)
        // mkdtemp creates the directory with mode 0700, so nobody else reads the keys and password.
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TransferError(code: .invalidSetting, message: "creating a work directory in '\(base)' failed (errno \(errno)); set workDirectory to a writable directory")
        }
        let workspace = LocalWorkspace(path: String(cString: created), keep: keep, logger: logger)
        do {
            try workspace.recordOwner()
        } catch {
            throw TransferError(code: .invalidSetting, message: "writing into the work directory '\(workspace.path)' failed: \(error); set workDirectory to a writable directory")
        }
        return workspace
    }

    /// A path inside the work directory.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Removes the work directory, or says where it was kept.
    func finish() {
        if keep {
            // Without the marker a later transfer's sweep would take the directory for abandoned.
            if !FileManager.default.createFile(atPath: file(Self.keptFileName), contents: nil) {
                logger.warning("could not mark the kept work files; a later transfer may remove them", metadata: ["path": "\(path)"])
            }
            logger.notice("keeping the transfer's work files", metadata: ["path": "\(path)"])
        } else {
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
