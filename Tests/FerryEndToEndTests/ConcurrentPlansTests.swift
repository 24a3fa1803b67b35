@testable import ferry
import FerryAPI
import Foundation
import KubeClient
import KubeCore
import Testing

@Suite("Several plans at once on one controller")
struct ConcurrentPlansTests {
    @Test("two plans cut over at the same time, one of them with two mapped namespaces, each moving exactly its own objects",
          .timeLimit(.minutes(2)))
    func simultaneousCutovers() async throws {
        try await EndToEndWorld.with { world in
            let shop = try SampleApplication.objects()
            try await world.seed(shop, on: world.source)
            try await world.seed(try Manifests.decode(KioskApplication.manifest, source: "kiosk"), on: world.source)
            let annex = try Manifests.decode(KioskApplication.manifest.replacingOccurrences(of: "kiosk", with: "annex"), source: "annex")
            try await world.seed(annex, on: world.source)
            for namespace in ["shop", "kiosk", "annex"] { try await world.waitUntilSettled(namespace, on: world.source) }
            let sourceNames = try await ["shop", "kiosk", "annex"].asyncMap {
                KioskApplication.namesByResource(try await NamespaceSnapshot.take($0, on: world.source))
            }
            try await world.succeed(ferry: "install", "--context", "destination", "--apply")

            try await ControllerProcess.with(world) { controller in
                try await world.succeedOrShowLog(controller, ["plan", "create", "shop-plan", "--source", "source", "--destination", "destination",
                                                              "-n", "shop:shop-blue", "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["plan", "create", "kiosks-plan", "--source", "source", "--destination", "destination",
                                                              "-n", "kiosk:kiosk-blue", "-n", "annex", "--wait", "--timeout", "60"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "shop-plan", "--name", "shop-cutover"])
                try await world.succeedOrShowLog(controller, ["migrate", "cutover", "kiosks-plan", "--name", "kiosks-cutover"])
                for name in ["shop-cutover", "kiosks-cutover"] {
                    let finished = try await world.kubectl(["--context", "destination", "-n", "openshift-migration", "wait", "--for=condition=Succeeded",
                                                            "migmigration/\(name)", "--timeout=90s"])
                    let status = try await world.migration(name).status
                    try #require(finished.succeeded, "\(name) did not succeed: \(status)\n\(controller.logTail())")
                }
            }

            for (index, namespace) in ["shop-blue", "kiosk-blue", "annex"].enumerated() {
                try await world.waitUntilSettled(namespace, on: world.destination)
                let names = KioskApplication.namesByResource(try await NamespaceSnapshot.take(namespace, on: world.destination))
                let differences = sourceNames[index].difference(from: names)
                #expect(sourceNames[index] == names, "\(namespace) has exactly its source namespace's objects: \(differences)")
            }
            for namespace in ["shop", "kiosk"] {
                #expect((try? await world.destination.get(Resources.namespaces, name: namespace)) == nil, "no unmapped \(namespace) on the destination")
            }
            for namespace in ["shop", "kiosk", "annex"] {
                for (workload, replicas) in try await world.workloadReplicas(namespace, on: world.source) {
                    #expect(replicas == 0, "the source's \(namespace) \(workload) is quiesced")
                }
            }
        }
    }
}

extension Sequence {
    /// `transform` applied to each element in order.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
