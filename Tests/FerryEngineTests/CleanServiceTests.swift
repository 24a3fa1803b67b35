import FerryEngine
import KubeCore
import Testing

@Suite("CleanService")
struct CleanServiceTests {
    static func service(type: String, clusterIP: String, extra: JSONObject = [:]) throws -> KubeObject {
        var spec: JSONObject = [
            "type": .string(type),
            "clusterIP": .string(clusterIP),
            "clusterIPs": [.string(clusterIP)],
            "ports": [["port": 80, "nodePort": 30080], ["port": 443, "nodePort": 30443]],
        ]
        spec.merge(extra) { $1 }
        return try .literal(["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web", "namespace": "shop"], "spec": .object(spec)])
    }

    @Test("a headless service keeps clusterIP None and clusterIPs [None]")
    func headlessKeepsNone() throws {
        let (outcome, cleaned) = CleanService().applied(to: try Self.service(type: "ClusterIP", clusterIP: "None"))
        #expect(outcome == .keep)
        #expect(cleaned[path: "spec", "clusterIP"] == "None")
        #expect(cleaned[path: "spec", "clusterIPs"] == ["None"])
    }

    @Test("an allocated cluster IP is removed")
    func allocatedClusterIPRemoved() throws {
        let (_, cleaned) = CleanService().applied(to: try Self.service(type: "ClusterIP", clusterIP: "10.0.0.7"))
        #expect(cleaned[path: "spec", "clusterIP"] == nil)
        #expect(cleaned[path: "spec", "clusterIPs"] == nil)
    }

    @Test("node ports are removed by default and kept when the plan preserves them")
    func nodePorts() throws {
        let source = try Self.service(type: "NodePort", clusterIP: "10.0.0.7", extra: ["healthCheckNodePort": 31000])
        let (_, removed) = CleanService().applied(to: source)
        #expect(removed[path: "spec", "ports"] == [["port": 80], ["port": 443]])
        #expect(removed[path: "spec", "healthCheckNodePort"] == nil)

        let (_, preserved) = CleanService().applied(to: source, context: .testing(preserveNodePorts: true))
        #expect(preserved[path: "spec", "ports"] == [["port": 80, "nodePort": 30080], ["port": 443, "nodePort": 30443]])
        #expect(preserved[path: "spec", "healthCheckNodePort"] == 31000)
        #expect(preserved[path: "spec", "clusterIP"] == nil)
    }

    @Test("LoadBalancer external IPs are removed; a ClusterIP service keeps its chosen external IPs")
    func externalIPs() throws {
        let loadBalancer = try Self.service(type: "LoadBalancer", clusterIP: "10.0.0.7", extra: ["externalIPs": ["1.2.3.4"]])
        #expect(CleanService().applied(to: loadBalancer).1[path: "spec", "externalIPs"] == nil)
        let clusterIP = try Self.service(type: "ClusterIP", clusterIP: "10.0.0.7", extra: ["externalIPs": ["1.2.3.4"]])
        #expect(CleanService().applied(to: clusterIP).1[path: "spec", "externalIPs"] == ["1.2.3.4"])
    }
}
