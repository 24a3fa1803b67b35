import FerryAPI
import Foundation
import Hummingbird

/// Plans: the list, a plan's page (validation, actions, migrations, analytics), deletion, and the
/// Stage / Cutover / Rollback actions, each after a confirmation step.
struct PlanPages: Sendable {
    let pages: PageContext

    struct MigrationRow {
        var name: String
        var kind: String
        var statusText: String
        var statusClass: String
        var started: String
    }

    struct Row {
        var name: String
        var source: String
        var target: String
        var namespaces: String
        var statusText: String
        var statusClass: String
        var lastMigration: MigrationRow?
    }

    struct ListView {
        var plans: [Row]
        var hasPlans: Bool
        var forbidden: String?
    }

    struct Condition {
        var type: String
        var category: String?
        var categoryClass: String
        var message: String
    }

    struct PlanPageView {
        var name: String
        var source: String
        var target: String
        var namespaces: String
        var migrationType: String
        var storage: String
        var imageMode: String
        var volumeMode: String
        var statusText: String
        var statusClass: String
        var conditions: [Condition]
        var hasConditions: Bool
        var running: String?
        var migrations: [MigrationRow]
        var hasMigrations: Bool
        var analytics: PlanAnalyticsSection
    }

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/plans") { _, context -> Response in
            await pages.signedIn(context, heading: "Plans") { session in
                var view = ListView(plans: [], hasPlans: false)
                do {
                    for plan in try await pages.backend.plans(user: session.user) {
                        let last = try? await pages.backend.migrations(plan: plan.name, user: session.user).first
                        view.plans.append(Self.row(plan, last: last))
                    }
                    view.hasPlans = !view.plans.isEmpty
                } catch {
                    view.forbidden = PageContext.listProblem(error, what: "migration plans")
                }
                return pages.page("plans", view, title: "Plans", section: .plans, session: session)
            }
        }
        router.get("/plans/:name") { _, context -> Response in
            await pages.signedIn(context, heading: "Plan", back: ("/plans", "Plans")) { session in
                let name = try context.parameters.require("name")
                let plan = try await pages.backend.plan(name, user: session.user)
                let migrations = try await pages.backend.migrations(plan: name, user: session.user)
                let analytics: PlanAnalyticsSection
                do {
                    analytics = PlanAnalyticsSection(plan: name, csrf: session.csrfToken, analytic: try await pages.backend.analytic(plan: name, user: session.user))
                } catch {
                    analytics = PlanAnalyticsSection(
                        plan: name, csrf: session.csrfToken, analytic: nil, unavailable: PageContext.listProblem(error, what: "migration analytics"))
                }
                return pages.page("plan", Self.planPage(plan, migrations: migrations, analytics: analytics), title: "Plan \(name)", section: .plans, session: session)
            }
        }
        router.get("/plans/:name/delete") { _, context -> Response in
            await pages.signedIn(context, heading: "Delete plan") { session in
                let name = try context.parameters.require("name")
                let view = ConfirmView(
                    heading: "Delete plan \(name)?", action: "/plans/\(name)/delete", csrf: session.csrfToken,
                    paragraphs: ["Ferry deletes the plan and its migrations' records. Migrated applications stay where they are."],
                    submitLabel: "Delete plan", danger: true, cancelHref: "/plans/\(name)", cancelLabel: "Plan \(name)")
                return pages.page("confirm", view, title: "Delete plan", section: .plans, session: session)
            }
        }
        router.post("/plans/:name/delete") { _, context -> Response in
            let name = (try? context.parameters.require("name")) ?? ""
            return await pages.signedIn(context, heading: "Delete plan", back: ("/plans/\(name)", "Plan \(name)")) { session in
                try await pages.backend.deletePlan(name, user: session.user)
                return Response.redirect(to: "/plans")
            }
        }
        registerAnalytics(on: router)
        for action in MigrationAction.allCases {
            router.get("/plans/:name/\(action.rawValue)") { _, context -> Response in
                await pages.signedIn(context, heading: action.title) { session in
                    let name = try context.parameters.require("name")
                    return pages.page("confirm", action.confirmation(plan: name, csrf: session.csrfToken), title: action.title, section: .plans, session: session)
                }
            }
            router.post("/plans/:name/\(action.rawValue)") { request, context -> Response in
                let name = (try? context.parameters.require("name")) ?? ""
                return await pages.signedIn(context, heading: action.title) { session in
                    let form = try await FormData(request: request)
                    let start = MigrationStartForm(type: action.rawValue, quiescePods: action == .cutover ? form.isChecked("quiescePods") : nil)
                    do {
                        let migration = try await pages.backend.startMigration(plan: name, start, user: session.user)
                        return Response.redirect(to: "/migrations/\(migration.name)")
                    } catch {
                        var view = action.confirmation(plan: name, csrf: session.csrfToken)
                        view.errorMessage = ConsoleAPIError(error).message
                        return pages.page("confirm", view, title: action.title, section: .plans, session: session, status: ConsoleAPIError(error).status)
                    }
                }
            }
        }
    }

    static func row(_ plan: PlanView, last: MigrationView?) -> Row {
        let badge = StatusBadge.plan(plan)
        return Row(
            name: plan.name, source: plan.sourceCluster ?? "?", target: plan.destinationCluster ?? "?", namespaces: namespaces(plan),
            statusText: badge.text, statusClass: badge.style, lastMigration: last.map(migrationRow))
    }

    static func planPage(_ plan: PlanView, migrations: [MigrationView], analytics: PlanAnalyticsSection) -> PlanPageView {
        let badge = StatusBadge.plan(plan)
        let conditions = plan.conditions.filter(\.isTrue).map { condition in
            Condition(
                type: condition.type, category: condition.category, categoryClass: condition.type == "Ready" ? "ok" : (condition.category ?? "info").lowercased(),
                message: condition.message ?? condition.reason ?? "")
        }
        return PlanPageView(
            name: plan.name, source: plan.sourceCluster ?? "?", target: plan.destinationCluster ?? "?", namespaces: namespaces(plan),
            migrationType: plan.migrationType == "state" ? "State migration (volumes and claims only)" : "Full migration",
            storage: plan.storage ?? "none", imageMode: plan.indirectImageMigration ? "Through the repository" : "Direct (registry to registry)",
            volumeMode: plan.indirectVolumeMigration ? "Through the repository" : "Direct (rsync between clusters)",
            statusText: badge.text, statusClass: badge.style, conditions: conditions, hasConditions: !conditions.isEmpty,
            running: migrations.first { !$0.finished }?.name, migrations: migrations.map(migrationRow), hasMigrations: !migrations.isEmpty,
            analytics: analytics)
    }

    static func migrationRow(_ migration: MigrationView) -> MigrationRow {
        let badge = MigrationProgressPage.badge(migration)
        return MigrationRow(
            name: migration.name, kind: migration.type.capitalized, statusText: badge.text, statusClass: badge.style,
            started: migration.startTimestamp ?? migration.creationTimestamp ?? "")
    }

    static func namespaces(_ plan: PlanView) -> String {
        plan.namespaces.map { mapping in
            let source = mapping.source ?? ""
            guard let destination = mapping.destination, !destination.isEmpty, destination != source else { return source }
            return "\(source) → \(destination)"
        }.joined(separator: ", ")
    }
}
