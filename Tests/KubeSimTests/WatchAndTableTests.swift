import AsyncHTTPClient
import KubeCore
@testable import KubeSim
import NIOCore
import Testing

@Suite("Watch streams and tables")
struct WatchAndTableTests {
    @Test("a watch streams one JSON line per change, starting after the listed version")
    func watchLines() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let list = try await http.send(.GET, "/api/v1/namespaces/default/configmaps")
            let version = try #require(list.json["metadata"]?["resourceVersion"]?.stringValue)
            let response = try await http.stream("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=\(version)&timeoutSeconds=5")
            #expect(response.status.code == 200)

            let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "watched"]]
            #expect(try await http.send(.POST, "/api/v1/namespaces/default/configmaps", json: configMap).code == 201)
            #expect(try await http.send(.DELETE, "/api/v1/namespaces/default/configmaps/watched").code == 200)

            var buffered: [UInt8] = []
            var events: [JSONValue] = []
            for try await chunk in response.body {
                buffered.append(contentsOf: chunk.readableBytesView)
                while let newline = buffered.firstIndex(of: 10) {
                    let line = Array(buffered[..<newline])
                    buffered.removeSubrange(...newline)
                    events.append(try JSONValue(parsing: line))
                }
                if events.count >= 2 { break }
            }
            #expect(events.map { $0["type"]?.stringValue } == ["ADDED", "DELETED"])
            #expect(events.first?["object"]?["metadata"]?["name"] == "watched")
            #expect(events.first?["object"]?["kind"] == "ConfigMap")
        }
    }

    @Test("an open watch without a timeout does not keep a stopping cluster alive")
    func watchEndsAtShutdown() async throws {
        let opened = try await KubeSimCluster.withTestCluster { _, http in
            let response = try await http.stream("/api/v1/namespaces?watch=true")
            return response.status.code
        }
        #expect(opened == 200)
    }

    @Test("Accept as=Table answers a meta.k8s.io Table with kubectl's columns")
    func tables() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"
            let namespaces = try await http.send(.GET, "/api/v1/namespaces?includeObject=Object", accept: accept)
            #expect(namespaces.json["kind"] == "Table")
            let columns = namespaces.json["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(columns == ["Name", "Status", "Age"])
            let rows = namespaces.json["rows"]?.arrayValue ?? []
            let defaultRow = try #require(rows.first { $0["cells"]?.arrayValue?.first == "default" })
            #expect(defaultRow["cells"]?.arrayValue?[1] == "Active")
            #expect(defaultRow["object"]?["kind"] == "Namespace")

            let pods = try await http.send(.GET, "/api/v1/namespaces/default/pods", accept: accept)
            let podColumns = pods.json["columnDefinitions"]?.arrayValue ?? []
            #expect(podColumns.compactMap { $0["name"]?.stringValue } == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
            #expect(podColumns.first { $0["name"] == "IP" }?["priority"] == 1)

            let one = try await http.send(.GET, "/api/v1/namespaces/default", accept: accept)
            #expect(one.json["rows"]?.arrayValue?.first?["object"]?["kind"] == "PartialObjectMetadata")
        }
    }

    @Test("ages render like kubectl's HumanDuration")
    func humanDurations() {
        #expect(HumanDuration.format(seconds: 59) == "59s")
        #expect(HumanDuration.format(seconds: 300) == "5m")
        #expect(HumanDuration.format(seconds: 330) == "5m30s")
        #expect(HumanDuration.format(seconds: 3 * 3600 + 60) == "3h1m")
        #expect(HumanDuration.format(seconds: 20 * 3600) == "20h")
        #expect(HumanDuration.format(seconds: 2 * 86400 + 3 * 3600) == "2d3h")
        #expect(HumanDuration.format(seconds: 400 * 86400) == "400d")
    }
}
