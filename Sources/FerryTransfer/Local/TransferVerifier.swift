/// Compares a volume's source with its destination by content checksum: an rsync dry run
/// through the tunnel with `--checksum` (every file's full checksum, so a change that keeps
/// size and modification time is still seen) and `--itemize-changes`, where every item rsync
/// would still change is a difference.
struct TransferVerifier: Sendable {
    let rsync: String
    /// The copy's own options (deletion included at cutover, so extra destination files show).
    let arguments: [String]
    let source: String
    let moduleURL: String
    let password: String
    let errorFile: String

    /// Differences are listed up to this many; the rest are counted.
    private static let listLimit = 1000

    func compare() async throws -> VerificationReport {
        let process = RsyncProcess(
            executable: rsync,
            arguments: arguments + ["--recursive", "--checksum", "--dry-run", "--itemize-changes", "--out-format=%i|%n%L", "\(source)/", moduleURL],
            password: password, errorFile: errorFile)
        let collector = MismatchCollector()
        let outcome = try await process.run(progress: { _ in }, line: { await collector.add(line: $0) })
        guard outcome.status.isSuccess else {
            throw TransferError(code: .verificationFailed, message: "the verification run failed: \(outcome.status): \(outcome.errorTail)", exitCode: outcome.status.code)
        }
        // The entries compared are those rsync listed (`Number of files` of its statistics).
        return VerificationReport(filesCompared: outcome.statistics.entries ?? 0, mismatches: await collector.listed())
    }

    /// The difference one itemized line describes (`>fc.t...... path: content differs`), or nil
    /// when the line is not an itemized change.
    static func mismatch(in line: String) -> String? {
        guard let separator = line.firstIndex(of: "|") else { return nil }
        let flags = Array(line[..<separator])
        let path = String(line[line.index(after: separator)...])
        guard flags.count >= 11 else { return nil }
        if String(flags).hasPrefix("*deleting") { return "\(path): only on the destination" }
        guard "<>ch.".contains(flags[0]), "fdLDS".contains(flags[1]) else { return nil }
        let attributes = flags[2...]
        if attributes.allSatisfy({ $0 == "+" }) {
            return flags[0] == "h" ? "\(path): hard link missing on the destination" : "\(path): missing on the destination"
        }
        let names: [(Int, Character, String)] = [
            (2, "c", "content differs"), (3, "s", "size differs"), (4, "t", "modification time differs"), (4, "T", "modification time differs"),
            (5, "p", "permissions differ"), (6, "o", "owner differs"), (7, "g", "group differs"), (9, "a", "ACL differs"), (10, "x", "extended attributes differ"),
        ]
        let reasons = names.filter { flags[$0.0] == $0.1 }.map(\.2)
        if reasons.isEmpty {
            // `.d         ` and the like: listed without a change (the item itself is fine).
            if flags[0] == "." { return nil }
            return "\(path): differs (\(String(flags)))"
        }
        return "\(path): \(reasons.joined(separator: ", "))"
    }

    private actor MismatchCollector {
        var mismatches: [String] = []
        var unlisted = 0

        func add(line: String) {
            guard let mismatch = TransferVerifier.mismatch(in: line) else { return }
            if mismatches.count < TransferVerifier.listLimit { mismatches.append(mismatch) } else { unlisted += 1 }
        }

        func listed() -> [String] {
            unlisted == 0 ? mismatches : mismatches + ["(\(unlisted) further differences not listed)"]
        }
    }
}
