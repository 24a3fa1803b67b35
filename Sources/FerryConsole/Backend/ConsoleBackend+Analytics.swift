import FerryAPI
import FerryCLI

extension ConsoleBackend {
    /// The MigAnalytic of plan `name` (FerryCLI's `HostCluster.analytic(ofPlan:)`); nil when the
    /// plan was never analyzed.
    public func analytic(plan name: String, user: ConsoleUser) async throws -> AnalyticView? {
        try await host(user).analytic(ofPlan: name).map(AnalyticView.init)
    }

    /// Measures plan `name` as MTC's console does: creates its MigAnalytic, or asks the existing
    /// one for a new measurement (`spec.refresh`); with `measureUsage`, each volume's usage and
    /// a proposed capacity too. The controller measures.
    public func analyze(plan name: String, measureUsage: Bool, user: ConsoleUser) async throws -> AnalyticView {
        let plan = try await read(MigPlan.self, name, user: user)
        return AnalyticView(try await host(user).analyze(plan, measureUsage: measureUsage, managedBy: ConsoleBackend.fieldManager))
    }
}
