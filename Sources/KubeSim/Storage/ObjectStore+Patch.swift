public import KubeCore

extension ObjectStore {
    /// Patches an object atomically: reads it, applies `body` in the `type` format, and
    /// writes the result as an update (so validation, defaults, finalizer removal and the
    /// `status` rules apply). A patch that sets `metadata.resourceVersion` must match the
    /// stored one (409 otherwise).
    ///
    /// Strategic merge on a resource outside the built-in table fails with 415, as for custom
    /// resources in kube-apiserver. `apply` (server-side apply) creates the object when it is
    /// missing, merges the applied configuration otherwise, and records a `managedFields`
    /// entry for `fieldManager` (required). With `subresource` `scale` the patch applies to the
    /// object's `Scale` view and only `spec.replicas` is taken from it; the full object is
    /// returned (`ScaleView.scale(of:)` turns it back into a Scale).
    public func patch(
        _ definition: ResourceDefinition, namespace: String?, name: String, type: PatchType, body: JSONValue,
        fieldManager: String? = nil, force: Bool = false, subresource: String? = nil, dryRun: Bool = false
    ) throws(KubeAPIError) -> KubeObject {
        try core.withLock { core throws(KubeAPIError) in
            try core.patch(
                definition, namespace: namespace, name: name, type: type, body: body, fieldManager: fieldManager, force: force,
                subresource: subresource, dryRun: dryRun)
        }
    }
}
