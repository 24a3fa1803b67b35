public import FerryAPI

extension MigAnalytic.Namespace {
    /// Its resource counts as "Kind N", in the order measured.
    public var kindCounts: [String] {
        (k8sResources ?? []).compactMap { kind in
            guard let name = kind["kind"]?.stringValue, let count = kind["count"]?.intValue else { return nil }
            return "\(name) \(count)"
        }
    }
}
