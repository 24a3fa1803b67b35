/// MigCluster names derived from kubeconfig context names.
public enum ClusterName {
    /// `context` as a DNS label (RFC 1123): lowercase letters, digits and `-`, at most 63
    /// characters, starting and ending with a letter or digit. Kubeconfig contexts are often
    /// named `user@cluster` or `arn:aws:eks:…`, which are not valid object names.
    public static func sanitized(_ context: String) -> String {
        var label = ""
        for character in context.lowercased() {
            if character.isASCII, character.isLetter || character.isNumber {
                label.append(character)
            } else if !label.hasSuffix("-") {
                label.append("-")
            }
        }
        label = String(label.prefix(63))
        while label.hasPrefix("-") { label.removeFirst() }
        while label.hasSuffix("-") { label.removeLast() }
        return label.isEmpty ? "cluster" : label
    }
}
