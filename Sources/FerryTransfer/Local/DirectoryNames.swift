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
            let name = withUnsafeBytes(of: entry.pointee.d_name) { buffer -> String? in
                let bytes = buffer.prefix { $0 != 0 }
                guard bytes.starts(with: prefixBytes), !bytes.elementsEqual(Self.dot), !bytes.elementsEqual(Self.dotDot) else { return nil }
                return String(decoding: bytes, as: UTF8.self)
            }
            if let name { names.append(name) }
        }
        return names
    }

    private static let dot = [UInt8(ascii: ".")]
    private static let dotDot = [UInt8(ascii: "."), UInt8(ascii: ".")]
}
