/// Redraws a block of lines in place on a terminal: the cursor moves up over the previous
/// frame and every line is cleared before it is written, so a shorter frame leaves nothing
/// behind.
public struct LiveFrame: Sendable {
    /// Braille spinner frames for the running step.
    public static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    private var previousLineCount = 0

    /// Creates a frame that has drawn nothing yet.
    public init() {}

    /// The bytes that replace the previous frame with `lines`; with `width` (the terminal's
    /// columns) longer lines are cut, since a wrapped line would take two rows and the next
    /// redraw would move up too few.
    public mutating func render(_ lines: [String], width: Int? = nil) -> String {
        var output = previousLineCount > 0 ? "\u{1B}[\(previousLineCount)A" : ""
        for line in lines {
            let fitted = width.map { $0 > 1 && line.count >= $0 ? String(line.prefix($0 - 2)) + "…" : line } ?? line
            output += "\r\u{1B}[2K" + fitted + "\n"
        }
        // Clear what remains of a longer previous frame.
        output += "\u{1B}[J"
        previousLineCount = lines.count
        return output
    }
}
