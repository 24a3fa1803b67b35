import Foundation
import Logging

/// What one run copies, checked before anything starts: the programs exist, every source is a
/// directory, every destination can be created, and each volume has its rsync module.
struct LocalTransferPlan: Sendable {
    /// One volume with the name of its module in the run's rsync daemon.
    struct Entry: Sendable {
        var volume: LocalVolume
        var moduleName: String
        /// Whether the destination keeps extended attributes (and so ACLs); probed once.
        var preservesExtendedAttributes: Bool
    }

    var entries: [Entry]
    var rsync: String
    var stunnel: String

    init(volumes: [LocalVolume], settings: TransferSettings, logger: Logger) throws {
        guard let rsync = Self.executable(named: ["rsync"]) else {
            throw TransferError(code: .toolMissing, message: "rsync is not installed (not found in PATH); install the rsync package (scripts/setup.sh does)")
        }
        guard let stunnel = Self.executable(named: ["stunnel", "stunnel4"]) else {
            throw TransferError(code: .toolMissing, message: "stunnel is not installed (neither stunnel nor stunnel4 in PATH); install the stunnel4 package (scripts/setup.sh does)")
        }
        guard settings.streamsPerVolume >= 1, settings.concurrentVolumes >= 1, settings.backoffLimit >= 0 else {
            throw TransferError(code: .invalidSetting, message: "streamsPerVolume (\(settings.streamsPerVolume)) and concurrentVolumes (\(settings.concurrentVolumes)) must be at least 1 and backoffLimit (\(settings.backoffLimit)) at least 0")
        }
        var seen = Set<String>()
        var entries: [Entry] = []
        for (index, volume) in volumes.enumerated() {
            guard seen.insert(volume.id).inserted else {
                throw TransferError(code: .invalidSetting, message: "volume '\(volume.id)' is listed twice; give every volume its own id", volumeID: volume.id)
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: volume.sourcePath, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw TransferError(code: .sourceMissing, message: "volume '\(volume.id)': the source path '\(volume.sourcePath)' does not exist or is not a directory; check the volume's backing path on this machine", volumeID: volume.id)
            }
            do {
                try FileManager.default.createDirectory(atPath: volume.destinationPath, withIntermediateDirectories: true)
            } catch {
                throw TransferError(code: .invalidSetting, message: "volume '\(volume.id)': the destination path '\(volume.destinationPath)' cannot be created: \(error)", volumeID: volume.id)
            }
            let xattrs = ExtendedAttributeProbe.supports(directory: volume.destinationPath)
            if !xattrs {
                logger.notice("the destination file system does not keep extended attributes; copying without xattrs and ACLs", metadata: ["volume": "\(volume.id)", "path": "\(volume.destinationPath)"])
            }
            entries.append(Entry(volume: volume, moduleName: "volume-\(index)", preservesExtendedAttributes: xattrs))
        }
        self.entries = entries
        self.rsync = rsync
        self.stunnel = stunnel
    }

    /// The first of `names` found in PATH.
    static func executable(named names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for name in names {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }
}
