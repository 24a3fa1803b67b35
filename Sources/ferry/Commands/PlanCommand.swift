import ArgumentParser

/// `ferry plan`: create, list, describe and delete migration plans.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Create, list, describe and delete migration plans (MigPlan).",
        subcommands: [PlanCreate.self, PlanGet.self, PlanDescribe.self, PlanDelete.self]
    )
}
