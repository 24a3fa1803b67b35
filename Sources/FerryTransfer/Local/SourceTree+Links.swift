#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SourceTree {
    /// Whether the symlink at `fullPath` arrives unchanged through an rsync daemon module that
    /// does not chroot. Such a daemon sanitizes every received link target as if the module were
    /// the root: it drops a leading `/`, merges repeated slashes, removes `.` elements and
    /// collapses `..` elements except leading ones that stay inside the module. A link it cannot
    /// read counts as rewritten, so the exact (chrooted) module decides.
    static func linkSurvivesSanitizing(at fullPath: String, relativePath: String) -> Bool {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink(fullPath, &buffer, buffer.count - 1)
        guard length >= 0 else { return false }
        let bytes = buffer.prefix(length).map { UInt8(bitPattern: $0) }
        guard let target = String(validating: bytes, as: UTF8.self) else { return false }
        let depth = relativePath.split(separator: "/", omittingEmptySubsequences: false).count - 1
        return targetSurvivesSanitizing(target, linkDepth: depth)
    }

    /// Whether a link `target`, in a directory `linkDepth` levels below the module's root, is
    /// already in the form rsync's `sanitize_path` leaves as it is.
    static func targetSurvivesSanitizing(_ target: String, linkDepth: Int) -> Bool {
        guard !target.isEmpty, !target.hasPrefix("/") else { return false }
        var elements = target.split(separator: "/", omittingEmptySubsequences: false)
        // A trailing slash is kept by the sanitizer; any other empty element is a repeated slash.
        if elements.count > 1, elements.last?.isEmpty == true { elements.removeLast() }
        var leadingParents = 0
        var pastLeadingParents = false
        for element in elements {
            switch element {
            case "": return false
            case ".": return false
            case "..":
                guard !pastLeadingParents else { return false }
                leadingParents += 1
            default:
                pastLeadingParents = true
            }
        }
        return leadingParents <= linkDepth
    }
}
