/// What rsync's `--stats` printed at the end of a run, read line by line:
///
///     Number of files: 100,301 (reg: 100,000, dir: 300, link: 1)
///     Total file size: 870,833,348 bytes
///     Literal data: 5,367,890 bytes
///
/// rsync counts names, not inodes: every name of a hard-linked file is a file, and its size
/// counts once per name.
struct RsyncStatistics: Sendable, Hashable {
    /// `Number of files`: every entry of the file list, the top directory included.
    var entries: Int?
    /// The `reg` and `link` counts of `Number of files`: regular files and symlinks.
    var files: Int?
    /// `Total file size`: the sizes of every listed file, a symlink's being its target's length.
    var totalFileSize: Int64?
    /// `Literal data`: what crossed the wire.
    var literalBytes: Int64?

    /// Takes what `line` says, when it is one of the lines above.
    mutating func read(_ line: ArraySlice<UInt8>) {
        if let value = Self.value(after: "Literal data: ", in: line) {
            literalBytes = value
        } else if let value = Self.value(after: "Total file size: ", in: line) {
            totalFileSize = value
        } else if let value = Self.value(after: "Number of files: ", in: line) {
            entries = Int(value)
            let text = String(decoding: line, as: UTF8.self)
            let kinds = Self.kindCounts(in: text)
            // No breakdown at all means no entries of any kind.
            files = (kinds["reg"] ?? 0) + (kinds["link"] ?? 0)
        }
    }

    /// The number (digits and thousands commas) right after `prefix`.
    private static func value(after prefix: String, in line: ArraySlice<UInt8>) -> Int64? {
        let prefixBytes = Array(prefix.utf8)
        guard line.starts(with: prefixBytes) else { return nil }
        let number = line.dropFirst(prefixBytes.count).prefix(while: { $0 != 0x20 }).filter { $0 != 0x2C }
        return Int64(String(decoding: number, as: UTF8.self))
    }

    /// `reg: 100,000, dir: 300` in the parentheses, as counts by kind.
    private static func kindCounts(in text: String) -> [String: Int] {
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return [:] }
        var counts: [String: Int] = [:]
        // Commas separate both the items and the thousands: an item starts where a name and ':' do.
        var name: String?
        for token in text[text.index(after: open)..<close].split(whereSeparator: { $0 == " " }) {
            if token.hasSuffix(":") {
                name = String(token.dropLast())
            } else if let current = name, let count = Int(token.filter { $0 != "," }) {
                counts[current] = count
                name = nil
            }
        }
        return counts
    }
}
