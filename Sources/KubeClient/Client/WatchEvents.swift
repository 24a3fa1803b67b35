import AsyncHTTPClient
public import KubeCore
import NIOCore

/// The events of one watch request, read line by line as the server sends them. The
/// request is sent when iteration starts; the sequence ends when the server closes the
/// stream (after `timeoutSeconds`, or when it restarts).
public struct WatchEvents: AsyncSequence, Sendable {
    /// An event.
    public typealias Element = WatchEvent

    let client: KubeClient
    let request: APIRequest

    /// Reads events.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let events: WatchEvents
        var body: HTTPClientResponse.Body.AsyncIterator?
        var splitter = LineSplitter()
        var finished = false

        /// The next event; `nil` when the server ended the stream.
        public mutating func next() async throws -> WatchEvent? {
            while !finished {
                if let line = splitter.nextLine() {
                    return try WatchEvent(line: line)
                }
                if let chunk = try await nextChunk() {
                    splitter.append(chunk.readableBytesView)
                } else {
                    finished = true
                    if let rest = splitter.remainder() { return try WatchEvent(line: rest) }
                }
            }
            return nil
        }

        // Kept out of line: with this await inside `next()`'s loop, the Swift 6.3 optimizer
        // crashes while splitting the coroutine in release builds.
        @inline(never)
        private mutating func nextChunk() async throws -> ByteBuffer? {
            if body == nil {
                let response = try await events.client.transport.openStream(events.request)
                body = response.body.makeAsyncIterator()
            }
            do {
                return try await body?.next()
            } catch {
                finished = true
                throw KubeClientError(.transport, "the watch \(events.client.configuration.server)\(events.request.pathAndQuery) broke: \(error)")
            }
        }
    }

    /// Starts the watch.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(events: self)
    }
}

/// Splits a byte stream into newline-terminated lines without copying more than once.
struct LineSplitter {
    private var buffer: [UInt8] = []
    private var start = 0

    mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0, start > buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete, non-blank line.
    mutating func nextLine() -> ArraySlice<UInt8>? {
        while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
            let line = buffer[start..<newline]
            start = newline + 1
            if line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) { return line }
        }
        return nil
    }

    /// What is left after the stream ended, if it is not blank.
    mutating func remainder() -> ArraySlice<UInt8>? {
        let rest = buffer[start...]
        start = buffer.count
        return rest.contains(where: { $0 > UInt8(ascii: " ") }) ? rest : nil
    }
}

extension KubeClient {
    /// Watches a collection from `options.resourceVersion` (or "now" when `nil`).
    public func watch(_ resource: GroupVersionResource, namespace: String? = nil, options: ListOptions = ListOptions()) -> WatchEvents {
        var query = options.queryItems
        query.removeAll { $0.name == "limit" || $0.name == "continue" }
        query.insert(.init("watch", "true"), at: 0)
        return WatchEvents(client: self, request: APIRequest(method: "GET", path: Self.path(resource, namespace: namespace), query: query))
    }
}
