import KubeCore

/// The pages of a list, each fetched when the previous one has been consumed, following
/// `continue` until the server says there are no more.
public struct ListPages: AsyncSequence, Sendable {
    /// A page.
    public typealias Element = KubeObjectList

    let client: KubeClient
    let resource: GroupVersionResource
    let namespace: String?
    let options: ListOptions

    /// Fetches pages.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let pages: ListPages
        var continueToken: String?
        var finished = false

        /// The next page, or `nil` after the last.
        public mutating func next() async throws -> KubeObjectList? {
            guard !finished else { return nil }
            var options = pages.options
            if let continueToken {
                options.continueToken = continueToken
                // The continue token pins the snapshot; the server rejects a version with it.
                options.resourceVersion = nil
                options.resourceVersionMatch = nil
            }
            let page = try await pages.client.list(pages.resource, namespace: pages.namespace, options: options)
            continueToken = page.continueToken
            finished = page.continueToken == nil
            return page
        }
    }

    /// Starts at the first page.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(pages: self, continueToken: options.continueToken)
    }
}
