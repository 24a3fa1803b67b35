extension Sequence where Element: Sendable {
    /// Maps every element with at most `limit` transforms in flight, keeping the input
    /// order; the first error cancels the rest and is rethrown.
    func concurrentMap<Result: Sendable>(
        limit: Int,
        _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result] {
        let elements = Array(self)
        guard !elements.isEmpty else { return [] }
        return try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: elements.count)
            var next = 0
            func startNext() {
                let index = next
                let element = elements[index]
                group.addTask { (index, try await transform(element)) }
                next += 1
            }
            let initial = Swift.min(Swift.max(limit, 1), elements.count)
            while next < initial { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < elements.count { startNext() }
            }
            return results.map { $0! }
        }
    }
}
