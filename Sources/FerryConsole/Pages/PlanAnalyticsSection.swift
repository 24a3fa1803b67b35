import Hummingbird

/// The plan page's Analytics section: the MigAnalytic's totals, namespaces and volumes, and
/// the form that creates it or asks for a new measurement.
struct PlanAnalyticsSection {
    struct Namespace {
        var name: String
        var resources: String
        var kinds: String
        var images: String
        var volumes: String
        var capacity: String
    }

    struct Volume {
        var claim: String
        var requested: String
        var used: String
        var proposed: String
        var sparse: Bool
        var comment: String
    }

    var plan: String
    var csrf: String
    /// nil until the plan is analyzed.
    var analytic: String?
    var stateText: String
    var stateClass: String
    var problems: [String]
    var hasProblems: Bool
    var measured: Bool
    var resources: String
    var images: String
    var volumeCount: String
    var capacity: String
    var namespaces: [Namespace]
    var hasNamespaces: Bool
    var volumes: [Volume]
    var hasVolumes: Bool
    var measuresUsage: Bool
    var buttonLabel: String
    /// Why the analytic could not be read (RBAC), shown instead of it.
    var unavailable: String?

    init(plan: String, csrf: String, analytic: AnalyticView?, unavailable: String? = nil) {
        self.plan = plan
        self.csrf = csrf
        self.unavailable = unavailable
        self.analytic = analytic?.name
        switch analytic?.state {
        case .measured: (stateText, stateClass) = ("Measured", "ok")
        case .failed: (stateText, stateClass) = ("Not measured", "failed")
        case .measuring: (stateText, stateClass) = ("Measuring…", "running")
        case nil: (stateText, stateClass) = ("Not analyzed", "pending")
        }
        problems = analytic?.problems ?? []
        hasProblems = !problems.isEmpty
        measured = analytic?.state == .measured
        let text = { (value: Int?) in value.map(String.init) ?? "—" }
        resources = text(analytic?.resources)
        images = text(analytic?.images)
        volumeCount = text(analytic?.volumes)
        capacity = analytic?.capacity ?? "—"
        namespaces = (analytic?.namespaces ?? []).map { entry in
            Namespace(
                name: entry.name, resources: text(entry.resources), kinds: entry.kinds, images: text(entry.images),
                volumes: text(entry.volumes), capacity: entry.capacity ?? "—")
        }
        hasNamespaces = !namespaces.isEmpty
        volumes = (analytic?.persistentVolumes ?? []).map { volume in
            Volume(
                claim: "\(volume.namespace)/\(volume.name)", requested: volume.requested ?? "—", used: volume.used ?? "—",
                proposed: volume.proposed ?? "—", sparse: volume.sparseFiles, comment: volume.comment ?? "")
        }
        hasVolumes = !volumes.isEmpty
        measuresUsage = analytic?.measuresUsage ?? false
        buttonLabel = analytic == nil ? "Analyze" : "Refresh analytics"
    }
}

extension PlanPages {
    /// `POST /plans/{name}/analyze`: creates the plan's MigAnalytic or asks for a new
    /// measurement, then returns to the plan's Analytics section.
    func registerAnalytics(on router: Router<ConsoleRequestContext>) {
        router.post("/plans/:name/analyze") { request, context -> Response in
            let name = (try? context.parameters.require("name")) ?? ""
            return await pages.signedIn(context, heading: "Analyze plan", back: ("/plans/\(name)", "Plan \(name)")) { session in
                let form = try await FormData(request: request)
                _ = try await pages.backend.analyze(plan: name, measureUsage: form.isChecked("measureUsage"), user: session.user)
                return Response.redirect(to: "/plans/\(name)#analytics-heading")
            }
        }
    }
}
