import KubeCore

extension StoreCore {
    func deleteCollection(_ definition: ResourceDefinition, namespace: String?, listOptions: ListOptions, options: DeleteOptions) throws(KubeAPIError) -> [KubeObject] {
        var selection = listOptions
        selection.limit = nil
        selection.continueToken = nil
        let targets = try list(definition, namespace: namespace, options: selection).items
        var results: [KubeObject] = []
        for target in targets {
            do {
                results.append(try delete(definition, namespace: target.namespace, name: target.name, options: options))
            } catch where error.isNotFound {
                // Removed as a side effect of an earlier deletion in this collection.
                continue
            }
        }
        return results
    }
}
