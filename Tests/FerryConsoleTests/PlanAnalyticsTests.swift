import FerryAPI
import FerryCLI
@testable import FerryConsole
import Foundation
import KubeCore
import Testing

/// The plan page's Analytics section and its Analyze / Refresh analytics button.
@Suite("Console plan analytics")
struct PlanAnalyticsTests {
    static let namespace = ConsoleWorld.namespace

    /// A MigAnalytic of `shop-plan` measured as the controller writes it.
    static func measured(refresh: Bool = false) throws -> MigAnalytic {
        var analytic = MigAnalytic(name: "shop-plan", namespace: namespace, spec: MigAnalytic.Spec())
        analytic.spec.migPlanRef = MigrationObjectReference(name: "shop-plan", namespace: namespace)
        analytic.spec.analyzeExtendedPVCapacity = true
        analytic.spec.refresh = refresh ? true : nil
        analytic.status = measuredStatus()
        return try MigAnalytic(object: analytic.encoded())
    }

    static func measuredStatus() -> MigAnalytic.Status {
        var status = MigAnalytic.Status()
        status.conditions = [
            MigrationCondition(type: "Ready", reason: "Completed", category: MigrationCondition.Category.required, message: "The analytic is complete."),
            MigrationCondition(type: "ExtendedPVAnalysisFailed", reason: "UsageNotMeasured", category: MigrationCondition.Category.warn, message: "The usage of 1 volume(s) could not be measured"),
        ]
        var namespace = MigAnalytic.Namespace(namespace: "shop")
        namespace.k8sResources = [["kind": "Deployment", "count": 2], ["kind": "Service", "count": 1]]
        namespace.k8sResourceTotal = 3
        namespace.imageCount = 2
        namespace.pvCount = 1
        namespace.pvCapacity = "10Gi"
        var volume = MigAnalytic.Volume(name: "data")
        volume.requestedCapacity = "10Gi"
        volume.actualCapacity = "9Gi"
        volume.proposedCapacity = "12Gi"
        volume.sparseFilesFound = true
        volume.comment = "usage <plus> headroom"
        namespace.persistentVolumes = [volume]
        var analytics = MigAnalytic.Analytics()
        analytics.plan = "shop-plan"
        analytics.k8sResourceTotal = 3
        analytics.imageCount = 2
        analytics.pvCount = 1
        analytics.pvCapacity = "10Gi"
        analytics.namespaces = [namespace]
        analytics.percentComplete = 100
        status.analytics = analytics
        return status
    }

    static func render(_ analytic: AnalyticView?) -> String {
        PageRenderer().fragment("plan", ["analytics": PlanAnalyticsSection(plan: "shop-plan", csrf: "token-1", analytic: analytic)])
    }

    @Test("a measured analytic shows the totals, each namespace by kind, each volume's usage and proposal, escaped, and the warnings")
    func measuredAnalyticIsShown() throws {
        let html = Self.render(AnalyticView(try Self.measured()))
        #expect(html.contains(#"id="analytics-status">Measured<"#), "\(html)")
        #expect(html.contains("<dt>Kubernetes resources</dt><dd>3</dd>") && html.contains("<dt>Requested capacity</dt><dd>10Gi</dd>"), "\(html)")
        #expect(html.contains("Deployment 2, Service 1"), "\(html)")
        #expect(html.contains(#"data-claim="shop/data""#) && html.contains(#"data-label="Proposed">12Gi<"#) && html.contains(#"data-label="Used">9Gi<"#), "\(html)")
        #expect(html.contains("usage &lt;plus&gt; headroom"), "\(html)")
        #expect(html.contains("could not be measured"), "the warning condition is shown: \(html)")
        #expect(html.contains(#"name="measureUsage" value="true" checked"#) && html.contains(">Refresh analytics<"), "\(html)")
        #expect(html.contains(#"name="csrf_token" value="token-1""#), "\(html)")
    }

    @Test("an analytic not measured yet, one being refreshed, one the controller refused and none at all each say so")
    func unmeasuredStates() throws {
        var fresh = try Self.measured()
        fresh.status = MigAnalytic.Status()
        let waiting = Self.render(AnalyticView(fresh))
        #expect(waiting.contains(">Measuring…<") && !waiting.contains("analytics-totals"), "\(waiting)")
        #expect(Self.render(AnalyticView(try Self.measured(refresh: true))).contains(">Measuring…<"))

        var refused = try Self.measured()
        refused.status.conditions = [MigrationCondition(
            type: "InvalidPlanRef", reason: "NotFound", category: MigrationCondition.Category.critical, message: "MigPlan x/shop-plan named by spec.migPlanRef does not exist")]
        let failed = Self.render(AnalyticView(refused))
        #expect(failed.contains(">Not measured<") && failed.contains("does not exist"), "\(failed)")

        let none = Self.render(nil)
        #expect(none.contains(">Not analyzed<") && none.contains(">Analyze<") && !none.contains(" checked"), "\(none)")
    }

    @Test("Analyze creates the plan's MigAnalytic as MTC's console does, owned by the plan; pressed again it asks for a new measurement", .timeLimit(.minutes(1)))
    func analyzeCreatesThenRefreshes() async throws {
        try await ConsoleWorld.run { world in
            var plan = MigPlan(name: "shop-plan", namespace: Self.namespace, spec: MigPlan.Spec())
            plan.spec.namespaces = ["shop"]
            let created = try MigPlan(object: try await world.admin.create(MigPlan.resourceType.resource, plan.encoded(), namespace: Self.namespace))
            let (session, csrf) = try await Self.signIn(world)

            let first = try await world.post(form: "csrf_token=\(csrf)&measureUsage=true", to: "/plans/shop-plan/analyze", session: session)
            // The redirect leads back to the plan page, where the measurement is pending.
            #expect(first.status == 200 && first.text.contains(#"id="analytics-status">Measuring…<"#), "\(first.status) \(first.text)")
            var analytic = try MigAnalytic(object: try await world.admin.get(MigAnalytic.resourceType.resource, name: "shop-plan", namespace: Self.namespace))
            #expect(analytic.spec.migPlanRef?.name == "shop-plan" && analytic.spec.migPlanRef?.namespace == Self.namespace)
            #expect(analytic.spec.analyzeK8SResources == true && analytic.spec.analyzeImageCount == true && analytic.spec.analyzePVCapacity == true)
            #expect(analytic.spec.analyzeExtendedPVCapacity == true && analytic.spec.listImages == false && analytic.spec.listImagesLimit == 50)
            #expect(analytic.object.ownerReferences.map(\.uid) == [created.uid], "deleting the plan deletes its analytic")
            #expect(analytic.object.labels[HostCluster.analyticPlanLabel] == "shop-plan")

            // The controller measures.
            analytic.status = Self.measuredStatus()
            _ = try await world.admin.updateStatus(MigAnalytic.resourceType.resource, analytic.encoded(), namespace: Self.namespace)
            let page = try await world.call(.GET, "/plans/shop-plan", as: .cookie(session: session, csrf: nil))
            #expect(page.text.contains(#"id="analytics-status">Measured<"#) && page.text.contains("Deployment 2, Service 1"), "\(page.text)")

            let second = try await world.post(form: "csrf_token=\(csrf)", to: "/plans/shop-plan/analyze", session: session)
            #expect(second.status == 200 && second.text.contains("Measuring…"), "\(second.text)")
            let refreshed = try MigAnalytic(object: try await world.admin.get(MigAnalytic.resourceType.resource, name: "shop-plan", namespace: Self.namespace))
            #expect(refreshed.spec.refresh == true)
            #expect(refreshed.spec.analyzeExtendedPVCapacity == nil, "the box was left unchecked")
            #expect(refreshed.status.analytics?.k8sResourceTotal == 3, "the last measurement stays until the next one")
            let all = try await world.admin.listAll(MigAnalytic.resourceType.resource, namespace: Self.namespace).items
            #expect(all.map(\.name) == ["shop-plan"], "one analytic per plan")
        }
    }

    @Test("Analyze of a plan that does not exist answers 404 naming it, and without the session's CSRF token 403; nothing is created", .timeLimit(.minutes(1)))
    func analyzeRefusals() async throws {
        try await ConsoleWorld.run { world in
            let (session, csrf) = try await Self.signIn(world)
            let missing = try await world.post(form: "csrf_token=\(csrf)", to: "/plans/no-such-plan/analyze", session: session)
            #expect(missing.status == 404 && missing.text.contains("MigPlan no-such-plan not found"), "\(missing.status) \(missing.text)")

            let plan = MigPlan(name: "shop-plan", namespace: Self.namespace, spec: MigPlan.Spec())
            _ = try await world.admin.create(MigPlan.resourceType.resource, plan.encoded(), namespace: Self.namespace)
            let forged = try await world.post(form: "csrf_token=forged", to: "/plans/shop-plan/analyze", session: session)
            #expect(forged.status == 403, "\(forged.status) \(forged.text)")
            let all = try await world.admin.listAll(MigAnalytic.resourceType.resource, namespace: Self.namespace).items
            #expect(all.isEmpty, "\(all.map(\.name))")
        }
    }

    /// A browser session of the cluster's admin: its cookie value and CSRF token.
    static func signIn(_ world: ConsoleWorld) async throws -> (session: String, csrf: String) {
        let answer = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)])
        let cookie = try #require(answer.headers["Set-Cookie"].first)
        let csrf = try #require(answer.json?["csrfToken"]?.stringValue)
        return (String(cookie.dropFirst("ferry_session=".count).prefix { $0 != ";" }), csrf.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? csrf)
    }
}
