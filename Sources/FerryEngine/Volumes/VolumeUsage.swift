import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a volume's directory holds, measured by walking it: the bytes its files occupy on
/// disk (allocated blocks), their apparent size, and the sparse files (allocated less than
/// apparent) among them.
public struct VolumeUsage: Sendable, Hashable {
    /// Bytes allocated on disk (blocks × 512), directories and links included.
    public var allocatedBytes: Int64 = 0
    /// The sum of the regular files' sizes.
    public var apparentBytes: Int64 = 0
    /// Regular files found.
    public var files: Int = 0
    /// Regular files whose allocated size is less than their apparent size.
    public var sparseFiles: Int = 0

    /// An empty measurement.
    public init() {}

    /// Whether any sparse file was found.
    public var hasSparseFiles: Bool { sparseFiles > 0 }

    /// Measures the tree under `directory` without following symbolic links.
    ///
    /// - Throws: ``VolumeUsageError`` when `directory` cannot be read.
    public static func measure(directory: String) throws(VolumeUsageError) -> VolumeUsage {
        var usage = VolumeUsage()
        var status = stat()
        guard lstat(directory, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR else {
            throw VolumeUsageError(code: "not-a-directory", message: "\(directory) is not a readable directory: \(String(cString: strerror(errno)))")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw VolumeUsageError(code: "unreadable", message: "\(directory) cannot be listed")
        }
        while let relative = enumerator.nextObject() as? String {
            guard lstat("\(directory)/\(relative)", &status) == 0 else { continue }
            let allocated = Int64(status.st_blocks) * 512
            usage.allocatedBytes += allocated
            guard (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let size = Int64(status.st_size)
            usage.files += 1
            usage.apparentBytes += size
            if allocated < size { usage.sparseFiles += 1 }
        }
        return usage
    }
}
