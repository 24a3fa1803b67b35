import FerryAPI
import Foundation
import Hummingbird

/// The plan wizard for new and existing plans: General → Namespaces → Persistent volumes →
/// Migration options → Hooks → Review. Each step is a server-rendered form; Next checks
/// the step's fields, Back keeps what was typed, and only the review's Create (or Save)
/// writes the plan.
struct PlanWizardPages: Sendable {
    let pages: PageContext

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/plans/new") { _, context -> Response in
            await pages.signedIn(context, heading: "New plan", back: ("/plans", "Plans")) { session in
                await render(PlanDraft(), step: .general, editing: nil, errors: [:], session: session)
            }
        }
        router.post("/plans/new") { request, context -> Response in
            await pages.signedIn(context, heading: "New plan", back: ("/plans", "Plans")) { session in
                try await advance(try await FormData(request: request), editing: nil, session: session)
            }
        }
        router.get("/plans/:name/edit") { _, context -> Response in
            await pages.signedIn(context, heading: "Edit plan", back: ("/plans", "Plans")) { session in
                let plan = try await pages.backend.plan(try context.parameters.require("name"), user: session.user)
                return await render(PlanDraft(plan: plan), step: .general, editing: plan, errors: [:], session: session)
            }
        }
        router.post("/plans/:name/edit") { request, context -> Response in
            await pages.signedIn(context, heading: "Edit plan", back: ("/plans", "Plans")) { session in
                let plan = try await pages.backend.plan(try context.parameters.require("name"), user: session.user)
                return try await advance(try await FormData(request: request), editing: plan, session: session)
            }
        }
    }

    /// Moves the wizard one step on (after checking the current step) or back, or writes
    /// the plan from the review step.
    private func advance(_ form: FormData, editing plan: PlanView?, session: ConsoleSession) async throws -> Response {
        var draft = PlanDraft(form: form)
        if let plan { draft.name = plan.name }
        let step = PlanWizardStep(rawValue: form["step"]) ?? .general
        if form["direction"] == "back" {
            return await render(draft, step: step.previous ?? .general, editing: plan, errors: [:], session: session)
        }
        let problems = step.problems(of: draft, editing: plan != nil)
        if !problems.isEmpty {
            let first = problems.keys.map(PlanWizardStep.owning).min { $0.isAtOrBefore($1) && $0 != $1 } ?? step
            return await render(draft, step: first, editing: plan, errors: problems, session: session, status: .unprocessableContent)
        }
        guard step == .review else {
            return await render(draft, step: step.next ?? .review, editing: plan, errors: [:], session: session)
        }
        do {
            let saved: PlanView
            if let plan {
                saved = try await pages.backend.updatePlan(plan.name, draft.planForm, user: session.user)
            } else {
                saved = try await pages.backend.createPlan(draft.planForm, user: session.user)
            }
            return Response.redirect(to: "/plans/\(saved.name)")
        } catch let error as ConsoleValidationError {
            let first = error.fields.keys.map(PlanWizardStep.owning).min { $0.isAtOrBefore($1) && $0 != $1 } ?? .general
            return await render(draft, step: first, editing: plan, errors: error.fields, session: session, status: .unprocessableContent)
        }
    }

    private func render(
        _ draft: PlanDraft, step: PlanWizardStep, editing plan: PlanView?, errors: [String: String], session: ConsoleSession,
        status: HTTPResponse.Status = .ok
    ) async -> Response {
        var builder = PlanWizardView.Builder(draft: draft, step: step, editing: plan, errors: errors, csrf: session.csrfToken)
        switch step {
        case .general:
            builder.clusters = (try? await pages.backend.clusters(user: session.user).map(\.name)) ?? []
            builder.storages = (try? await pages.backend.storages(user: session.user).map(\.name)) ?? []
        case .namespaces:
            do {
                builder.namespaces = try await pages.backend.namespaces(cluster: draft.sourceCluster, user: session.user)
            } catch {
                builder.loadProblem = "The namespaces of cluster \(draft.sourceCluster) could not be listed: \(ConsoleAPIError(error).message)"
            }
        case .volumes:
            if let plan {
                builder.volumes = WizardVolumes(plan: plan)
            } else {
                builder.volumes = await WizardVolumes.discover(draft, backend: pages.backend, user: session.user)
            }
        case .options:
            builder.storages = (try? await pages.backend.storages(user: session.user).map(\.name)) ?? []
        case .hooks:
            builder.hooks = (try? await session.user.client.listAll(MigrationResourceType.migHook.resource, namespace: pages.backend.namespace).items.map(\.name)) ?? []
        case .review:
            break
        }
        let view = builder.build()
        return pages.page("wizard", view, title: view.heading, section: .plans, session: session, status: status)
    }
}
