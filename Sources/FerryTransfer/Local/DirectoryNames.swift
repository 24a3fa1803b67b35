#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The names in a directory, read with readdir alone: no entry is looked up, so a directory
/// of thousands (the temporary directory) costs one pass over its listing.
enum DirectoryNames {
    /// The names of `path`'s entries that start with `prefix`, "." and ".." left out, at most
    /// `limit` of them in readdir order; nil when the directory cannot be read. Names are
    /// compared as bytes before any is made a string.
    static func read(_ path: String, prefix: String = "", limit: Int = .max) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        let prefixBytes = Array(prefix.utf8)
        var names: [String] = []
        while names.count < limit, let entry = readdir(directory) {
            let bytes = Self.nameBytes(of: entry)
            guard bytes.starts(with: prefixBytes), !bytes.elementsEqual(Self.dot), !bytes.elementsEqual(Self.dotDot) else { continue }
            names.append(String(decoding: bytes, as: UTF8.self))
        }
        return names
    }

    /// The name of an entry readdir returned, read where it lies, up to its NUL.
    ///
    /// Not `entry.pointee.d_name`: that copies the whole 256-byte field, while the kernel's
    /// record holds only the name and its padding, so the copy reads past the record and, for
    /// the last one in readdir's buffer, past the buffer. A controller crashed so, copying
    /// a name from the end of a mapping while listing a temporary directory of 10,000 entries.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return UnsafePointer(UnsafeMutableRawPointer(entry).advanced(by: offset).assumingMemoryBound(to: CChar.self))
    }

    /// The bytes of ``name(of:)``, without the NUL.
    static func nameBytes(of entry: UnsafeMutablePointer<dirent>) -> UnsafeRawBufferPointer {
        let name = name(of: entry)
        return UnsafeRawBufferPointer(start: name, count: strlen(name))
    }

    private static let dot = [UInt8(ascii: ".")]
    private static let dotDot = [UInt8(ascii: "."), UInt8(ascii: ".")]
}
