import ArgumentParser

/// `ferry plan`: create, list, describe, analyze and delete migration plans.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Create, list, describe, analyze and delete migration plans (MigPlan).",
        subcommands: [PlanCreate.self, PlanGet.self, PlanDescribe.self, PlanAnalyze.self, PlanDelete.self]
    )
}
