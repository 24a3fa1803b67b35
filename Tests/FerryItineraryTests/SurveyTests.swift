import FerryEngine
import KubeClient
import KubeCore
import Testing

@Suite("Initial backup survey")
struct SurveyTests {
    @Test("the survey counts exactly what a collection reads, without reading it", .timeLimit(.minutes(1)))
    func surveyMatchesCollection() async throws {
        try await MigrationWorld.with { world in
            try await world.seed(SampleManifests.shop(), on: world.source)
            for index in 0..<7 {
                _ = try await world.source.create(Resource.configMaps, KubeObject(apiVersion: "v1", kind: "ConfigMap", name: "extra-\(index)", namespace: "shop"))
            }
            let collector = ResourceCollector(client: world.source, logger: quietLogger)
            let scope = CollectionScope(namespaces: ["shop"])
            let survey = try await collector.survey(scope)
            let collected = try await collector.collect(scope)
            #expect(survey.isExact)
            #expect(survey.total == collected.namespaced.count)
            let byKind = Dictionary(grouping: collected.namespaced, by: \.kind).mapValues(\.count)
            #expect(survey.counts == byKind)
            #expect(survey.counts["ConfigMap"] == byKind["ConfigMap"] && (byKind["ConfigMap"] ?? 0) >= 8)

            let error = await #expect(throws: CollectionError.self) {
                try await collector.survey(CollectionScope(namespaces: ["shop", "ghost"]))
            }
            #expect(error?.message.contains("ghost") == true)
        }
    }
}
