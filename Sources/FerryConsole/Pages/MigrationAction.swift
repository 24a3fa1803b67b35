/// The migrations a plan's page starts, each after a confirmation that says what it does
/// to the clusters.
enum MigrationAction: String, CaseIterable, Sendable {
    case stage, cutover, rollback

    var title: String {
        switch self {
        case .stage: "Stage"
        case .cutover: "Cutover"
        case .rollback: "Rollback"
        }
    }

    func confirmation(plan: String, csrf: String) -> ConfirmView {
        var view = ConfirmView(
            heading: "\(title) plan \(plan)?", action: "/plans/\(plan)/\(rawValue)", csrf: csrf, paragraphs: [],
            submitLabel: "Start \(title.lowercased())", danger: self != .stage, cancelHref: "/plans/\(plan)", cancelLabel: "Plan \(plan)")
        switch self {
        case .stage:
            view.paragraphs = ["A stage copies the volumes' data (and images) to the target while the application keeps running on the source. Run it as often as you like before the cutover."]
        case .cutover:
            view.paragraphs = ["A cutover moves the application: its objects, images and a final copy of its data are restored on the target cluster."]
            view.fields = [
                .checkbox(
                    "quiescePods", label: "Halt transactions on the source during cutover", checked: true,
                    hint: "Scales the source's workloads to zero before the final copy, so no writes are lost. Rollback scales them back up."),
            ]
        case .rollback:
            view.paragraphs = ["A rollback removes what the plan's migrations created on the target cluster and scales the source's workloads back up."]
        }
        return view
    }
}
