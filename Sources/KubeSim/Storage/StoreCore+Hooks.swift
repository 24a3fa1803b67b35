import KubeCore

extension StoreCore {
    /// Runs resource-specific bookkeeping just before an object is stored.
    func willStore(_ object: inout KubeObject, _ definition: ResourceDefinition, previous: KubeObject?, dryRun: Bool) throws(KubeAPIError) {
    }

    /// Runs resource-specific bookkeeping after an object was removed.
    func didRemove(_ object: KubeObject, _ definition: ResourceDefinition) {
    }
}
