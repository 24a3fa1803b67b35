/// Redraws a block of lines in place on a terminal: the cursor moves up over the previous
/// frame and every line is cleared before it is written, so a shorter frame leaves nothing
/// behind.
public struct LiveFrame: Sendable {
    /// Braille spinner frames for the running step.
    public static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    private var previousLineCount = 0

    /// Creates a frame that has drawn nothing yet.
    public init() {}

    /// The bytes that replace the previous frame with `lines`.
    public mutating func render(_ lines: [String]) -> String {
        var output = previousLineCount > 0 ? "\u{1B}[\(previousLineCount)A" : ""
        for line in lines {
            output += "\r\u{1B}[2K" + line + "\n"
        }
        // Clear what remains of a longer previous frame.
        output += "\u{1B}[J"
        previousLineCount = lines.count
        return output
    }
}
