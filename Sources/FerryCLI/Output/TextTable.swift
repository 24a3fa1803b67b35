/// Columns aligned as `kubectl get` aligns them: left-justified, three spaces apart.
public struct TextTable: Sendable {
    /// The header row.
    public var headers: [String]
    /// The rows, each as many cells as headers.
    public var rows: [[String]]

    /// Creates a table.
    public init(headers: [String], rows: [[String]] = []) {
        self.headers = headers
        self.rows = rows
    }

    /// The table's lines, without trailing spaces.
    public var lines: [String] {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (column, cell) in row.enumerated() {
                line += column == row.count - 1 ? cell : cell.padded(to: widths[column] + 3)
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    /// The lines joined, with a final newline.
    public var text: String { lines.map { $0 + "\n" }.joined() }
}

extension String {
    /// The string with spaces appended up to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
