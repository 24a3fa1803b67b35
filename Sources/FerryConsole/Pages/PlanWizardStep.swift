/// The wizard's steps, in order.
enum PlanWizardStep: String, CaseIterable, Sendable {
    case general, namespaces, volumes, options, hooks, review

    var title: String {
        switch self {
        case .general: "General"
        case .namespaces: "Namespaces"
        case .volumes: "Persistent volumes"
        case .options: "Migration options"
        case .hooks: "Hooks"
        case .review: "Review"
        }
    }

    var next: PlanWizardStep? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index + 1 < all.count ? all[index + 1] : nil
    }

    var previous: PlanWizardStep? {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return index > 0 ? all[index - 1] : nil
    }

    /// The step whose fields a validation message's key (a ``PlanForm`` member path) names.
    static func owning(_ key: String) -> PlanWizardStep {
        if key.hasPrefix("namespaces") { return .namespaces }
        if key.hasPrefix("persistentVolumes") { return .volumes }
        if key.hasPrefix("hooks") { return .hooks }
        if key == "storage" || key.hasPrefix("indirect") { return .options }
        return .general
    }

    /// The problems of `draft` that this step's fields or an earlier step's cause, checked
    /// without a cluster.
    func problems(of draft: PlanDraft, editing: Bool) -> [String: String] {
        var checks = FieldChecks()
        checks.problemsOfForm(draft.planForm)
        var problems = checks.problems.filter { Self.owning($0.key).isAtOrBefore(self) }
        if editing { problems["name"] = nil }
        return problems
    }

    func isAtOrBefore(_ other: PlanWizardStep) -> Bool {
        Self.allCases.firstIndex(of: self)! <= Self.allCases.firstIndex(of: other)!
    }
}
