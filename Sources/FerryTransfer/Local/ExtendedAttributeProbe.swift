#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Finds out whether a file system keeps extended attributes, by setting one on a scratch file.
enum ExtendedAttributeProbe {
    /// Whether a `user.` attribute can be written in `directory`.
    static func supports(directory: String) -> Bool {
        let probe = "\(directory)/.ferry-xattr-probe-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: probe, contents: nil) else { return false }
        defer { unlink(probe) }
        #if canImport(Glibc)
        // Glibc's module map leaves out sys/xattr.h; the C library has the call all the same.
        typealias SetAttribute = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeRawPointer, Int, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setxattr") else { return false }
        let setAttribute = unsafeBitCast(symbol, to: SetAttribute.self)
        let value: [UInt8] = [0x31]
        return setAttribute(probe, "user.ferry.probe", value, value.count, 0) == 0
        #else
        let value: [UInt8] = [0x31]
        return setxattr(probe, "user.ferry.probe", value, value.count, 0, 0) == 0
        #endif
    }

    /// `llistxattr`: the size of a path's attribute name list (ACLs are attributes too), without following symlinks.
    typealias ListAttributes = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>?, Int) -> Int

    /// The C library's `llistxattr`, or nil where it cannot be had (then every tree counts as having attributes).
    static func attributeLister() -> ListAttributes? {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "llistxattr") else { return nil }
        return unsafeBitCast(symbol, to: ListAttributes.self)
        #else
        return nil
        #endif
    }
}
