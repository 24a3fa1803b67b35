#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// A pipe for a child's standard output, read in batches: each turn takes everything that has
/// gathered in the pipe, then the reader sleeps for ``interval``.
///
/// rsync's `--info=progress2` writes and flushes one line per file, 14,000 lines a second on
/// small files. Read as each line came (an event per write), that woke this process 14,000
/// times a second and took 12–20% of a core from the copy on two cores. Batched, it wakes at
/// most 100 times a second; the pipe's 64 KiB hold far more than rsync writes in that time.
struct BatchedOutputPipe: ~Copyable {
    /// The end the child writes: hand it over with `.fileDescriptor(_:closeAfterSpawningProcess: true)`.
    let writeEnd: FileDescriptor
    private let readEnd: Int32

    /// How long the reader waits after taking what was there; also how late at most it sees
    /// the end of the output.
    static let interval: Duration = .milliseconds(10)

    init() throws {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            throw TransferError(code: .transferFailed, message: "creating a pipe for rsync's output failed: errno \(errno)")
        }
        // Close-on-exec set apart from pipe() (Glibc's module map has no pipe2): every child is
        // spawned by swift-subprocess, which closes all other descriptors in the child anyway.
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(descriptors[0], F_SETFL, fcntl(descriptors[0], F_GETFL) | O_NONBLOCK)
        readEnd = descriptors[0]
        writeEnd = FileDescriptor(rawValue: descriptors[1])
    }

    deinit {
        close(readEnd)
    }

    /// Passes each batch to `body` until every writer has closed the pipe.
    func readToEnd(_ body: (ArraySlice<UInt8>) async throws -> Void) async throws {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                try await body(buffer[..<count])
            } else if count == 0 {
                return
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                try await Task.sleep(for: Self.interval)
            } else if errno != EINTR {
                throw TransferError(code: .transferFailed, message: "reading rsync's output failed: errno \(errno)")
            }
        }
    }
}
