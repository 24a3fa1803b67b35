@testable import ferry
import FerryEngine
import Foundation
import KubeClient
import KubeCore
import KubeSim
import Logging
import Testing

@Suite("The sandbox's sample application")
struct SampleApplicationTests {
    static let logger = Logger(label: "ferry-sandbox-tests", factory: { _ in SwiftLogNoOpLogHandler() })

    @Test("the manifest is a multi-tier application of 25 to 35 objects whose CRD comes before its custom resources")
    func manifestShape() throws {
        let objects = try SampleApplication.objects()
        #expect((25...35).contains(objects.count), "\(objects.count) objects")
        let kinds = objects.map(\.kind)
        #expect(kinds.filter { $0 == "Deployment" }.count >= 4)
        for kind in ["StatefulSet", "CronJob", "HorizontalPodAutoscaler", "Route", "Ingress", "ServiceAccount", "Role", "RoleBinding",
                     "ConfigMap", "Secret", "PersistentVolumeClaim", "CustomResourceDefinition"] {
            #expect(kinds.contains(kind), "the application has a \(kind)")
        }
        #expect(objects.contains { $0.kind == "HorizontalPodAutoscaler" && $0.apiVersion == "autoscaling/v2" })
        #expect(objects.contains { $0.kind == "StatefulSet" && $0[path: "spec", "volumeClaimTemplates"]?.arrayValue?.isEmpty == false })
        let serviceTypes = objects.filter { $0.kind == "Service" }.map { service in
            service[path: "spec", "clusterIP"] == "None" ? "Headless" : service[path: "spec", "type"]?.stringValue ?? "ClusterIP"
        }
        #expect(Set(serviceTypes) == ["Headless", "ClusterIP", "NodePort"])
        let definition = try #require(kinds.firstIndex(of: "CustomResourceDefinition"))
        let shops = objects.indices.filter { objects[$0].kind == "Shop" }
        #expect(shops.count == 2)
        #expect(shops.allSatisfy { $0 > definition })
        #expect(objects.first?.kind == "Namespace")
    }

    /// Runs `body` with a client of a simulated cluster (with volume provisioning) that runs
    /// the ready sample application.
    static func withSampleApplication(_ body: (KubeClient, [KubeObject]) async throws -> Void) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-sample-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let configuration = KubeSimCluster.Configuration(name: "source", stateDirectory: state)
        try await KubeSimCluster.withRunning(configuration, logger: Self.logger) { cluster in
            let client = try KubeClient(
                configuration: ClientConfiguration(
                    server: cluster.url,
                    tls: .init(certificateAuthorityPEM: Array(cluster.caCertificatePEM.utf8), certificateAuthoritySource: "sim"),
                    credentials: .bearerToken(cluster.adminToken), queriesPerSecond: 0),
                logger: Self.logger)
            do {
                let objects = try SampleApplication.objects()
                try await SampleApplication.apply(objects, with: client, fieldManager: "ferry-tests")
                try await SampleApplicationReadiness.wait(client, namespace: SampleApplication.namespace, timeout: .seconds(60))
                try await body(client, objects)
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    @Test("applies in order to a simulated cluster, becomes ready, and applying again changes nothing", .timeLimit(.minutes(2)))
    func appliesAndBecomesReady() async throws {
        try await Self.withSampleApplication { client, objects in
            #expect(try await SampleApplicationReadiness.pendingParts(client, namespace: SampleApplication.namespace).isEmpty)

            let shops = try await client.listAll(apiVersion: "demo.ferry.dev/v1", kind: "Shop", namespace: SampleApplication.namespace)
            #expect(Set(shops.items.map(\.name)) == ["eu-store", "us-store"])
            let claims = try await client.listAll(apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: SampleApplication.namespace)
            #expect(Set(claims.items.map(\.name)) == ["uploads", "data-postgres-0"])

            let summary = try await SampleApplicationSummary.render(client, namespace: SampleApplication.namespace)
            for row in ["Deployment", "frontend", "StatefulSet", "postgres", "Route", "https://", "HorizontalPodAutoscaler", "eu-store"] {
                #expect(summary.contains(row), "the summary shows \(row):\n\(summary)")
            }

            let before = try await client.get(apiVersion: "apps/v1", kind: "Deployment", name: "api", namespace: SampleApplication.namespace)
            try await SampleApplication.apply(objects, with: client, fieldManager: "ferry-tests")
            let after = try await client.get(apiVersion: "apps/v1", kind: "Deployment", name: "api", namespace: SampleApplication.namespace)
            #expect(after.generation == before.generation, "applying the same manifest again changes no spec")
        }
    }

    @Test("the application is quiesced until no pod runs, and unquiesced it becomes ready again", .timeLimit(.minutes(2)))
    func quiescesAndComesBack() async throws {
        try await Self.withSampleApplication { client, _ in
            let namespace = SampleApplication.namespace
            let quiescer = Quiescer(client: client, logger: Self.logger)
            let report = try await quiescer.quiesce(namespaces: [namespace])
            #expect(Set(report.changes.map { "\($0.kind) \($0.name)" }) == [
                "Deployment api", "Deployment cache", "Deployment frontend", "Deployment worker", "StatefulSet postgres", "CronJob nightly-report",
            ])
            try await quiescer.waitUntilQuiesced(namespaces: [namespace], timeout: .seconds(30))
            let pods = try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace).items
            #expect(pods.filter { $0.deletionTimestamp == nil }.isEmpty, "no pod is left: \(pods.map(\.name))")

            #expect(try await quiescer.unquiesce(namespaces: [namespace]).changes.count == 6)
            try await SampleApplicationReadiness.wait(client, namespace: namespace, timeout: .seconds(60))
            let cronJob = try await client.get(apiVersion: "batch/v1", kind: "CronJob", name: "nightly-report", namespace: namespace)
            #expect(cronJob[path: "spec", "suspend"] == false)
        }
    }
}
