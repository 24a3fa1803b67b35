public import KubeClient
import KubeCore
public import Logging

/// Collects a scope from a cluster and writes it as an object tree, one file per object.
public struct TreeExport: Sendable {
    let client: KubeClient
    let logger: Logger

    /// Creates an export reading through `client`.
    public init(client: KubeClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Collects `scope` and writes it below `tree`; returns the paths written, below the root.
    public func run(_ scope: CollectionScope, into tree: ObjectTree) async throws -> [String] {
        let collected = try await ResourceCollector(client: client, logger: logger).collect(scope)
        let mapper = try await client.resourceMapper()
        let entries = collected.all.map { object in
            let directory = mapper.resource(for: GroupVersionKind(apiVersion: object.apiVersion, kind: object.kind))
                .map { GroupResource(group: $0.group, resource: $0.resource).description }
                ?? TreeTransform.fallbackDirectory(of: object)
            return ObjectTree.Entry(path: ObjectTree.path(of: object, resourceDirectory: directory), object: object)
        }
        try tree.write(entries)
        return entries.map(\.path)
    }
}
