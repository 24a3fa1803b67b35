import KubeCore
import KubeSimStorage

extension APIServer {
    /// The table for objects of the call's resource, using the CRD's printer columns for
    /// custom resources.
    func table(for objects: [KubeObject], _ call: ResourceCall, printer: TablePrinter? = nil) -> JSONObject {
        TableRenderer.table(for: objects, definition: call.definition, query: call.query, printer: printer ?? customPrinter(call))
    }

    /// The printer declared by the CRD that serves the call's resource, if any.
    func customPrinter(_ call: ResourceCall) -> TablePrinter? {
        guard !call.definition.group.isEmpty,
            let crds = registry.definition(for: GroupResource(group: "apiextensions.k8s.io", resource: "customresourcedefinitions")),
            let crd = try? store.get(crds, namespace: nil, name: "\(call.definition.resource).\(call.definition.group)")
        else { return nil }
        return TablePrinters.customResourcePrinter(crd: crd, version: call.path.version)
    }
}
