import KubeCore
import KubeSim
import Testing

/// kubectl's typed commands (`create configmap`, `create token`, `auth whoami`) send
/// protobuf bodies; the server must accept them like JSON.
@Suite("Protobuf request bodies")
struct ProtobufRequestTests {
    /// A length-delimited protobuf field.
    static func field(_ number: UInt8, _ payload: [UInt8]) -> [UInt8] {
        precondition(payload.count < 128)
        return [number << 3 | 2, UInt8(payload.count)] + payload
    }

    static func text(_ number: UInt8, _ value: String) -> [UInt8] { field(number, Array(value.utf8)) }

    /// `k8s\0` + runtime.Unknown{typeMeta{apiVersion, kind}, raw}.
    static func envelope(apiVersion: String, kind: String, raw: [UInt8]) -> [UInt8] {
        [0x6b, 0x38, 0x73, 0x00] + field(1, text(1, apiVersion) + text(2, kind)) + field(2, raw)
    }

    @Test("a protobuf ConfigMap is created as if it had been sent as JSON")
    func protobufConfigMap() async throws {
        let metadata = Self.field(1, Self.text(1, "from-protobuf"))
        let entry = Self.field(2, Self.text(1, "mode") + Self.text(2, "fast"))
        let body = Self.envelope(apiVersion: "v1", kind: "ConfigMap", raw: metadata + entry)
        try await KubeSimCluster.withTestCluster { _, http in
            let created = try await http.send(
                .POST, "/api/v1/namespaces/default/configmaps", bytes: body,
                contentType: "application/vnd.kubernetes.protobuf")
            #expect(created.code == 201, "\(created.text)")
            let fetched = try await http.send(.GET, "/api/v1/namespaces/default/configmaps/from-protobuf")
            #expect(fetched.json["data"]?["mode"] == "fast")
        }
    }

    @Test("a CBOR body is refused with 415 so client-go falls back to JSON")
    func cborRefused() async throws {
        try await KubeSimCluster.withTestCluster { _, http in
            let refused = try await http.send(.POST, "/api/v1/namespaces/default/configmaps", body: "\u{a1}", contentType: "application/cbor")
            #expect(refused.code == 415)
            #expect(refused.json["reason"] == "UnsupportedMediaType")
        }
    }
}
