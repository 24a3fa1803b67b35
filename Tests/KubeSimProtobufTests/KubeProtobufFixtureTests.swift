import Foundation
import KubeCore
import KubeSimProtobuf
import Testing

/// Bodies captured from kubectl v1.32 on a loopback listener, next to the JSON they must
/// decode to. For the generator commands the expected JSON is kubectl's own
/// `--dry-run=client -o json` rendering of the same object (nulls dropped).
@Suite("Protobuf bodies captured from kubectl")
struct KubeProtobufFixtureTests {
    static let generatorFixtures = [
        "configmap-literal", "configmap-file", "secret-generic", "secret-tls-like", "namespace", "serviceaccount",
        "deployment", "deployment-zero", "service-clusterip", "service-nodeport", "job", "cronjob", "role",
        "clusterrole", "clusterrole-nonres", "rolebinding", "clusterrolebinding", "quota", "priorityclass",
        "priorityclass-zero", "pdb", "pdb-maxun", "ingress", "job-from-cronjob", "service-externalname",
        "service-loadbalancer", "deployment-multi", "secret-tls", "configmap-envfile", "ingress-default", "quota-pods",
    ]

    static let requestFixtures = ["token", "token-plain", "can-i", "can-i-sub", "can-i-nonres", "can-i-list", "whoami", "delete-pod-drain"]

    @Test("kubectl create bodies decode to the object kubectl renders as JSON", arguments: generatorFixtures)
    func generatorBodyMatchesDryRunJSON(name: String) throws {
        let decoded = try KubeProtobuf.decode(try Self.fixture("\(name).pb"))
        let expected = try JSONValue(parsing: try Self.fixture("\(name).json"))
        #expect(decoded == expected, "\(name): \(decoded.serializedString(pretty: true))")
    }

    @Test("token, auth and delete request bodies decode to their expected JSON", arguments: requestFixtures)
    func requestBodyMatchesExpectedJSON(name: String) throws {
        let decoded = try KubeProtobuf.decode(try Self.fixture("\(name).pb"))
        let expected = try JSONValue(parsing: try Self.fixture("\(name).json"))
        #expect(decoded == expected, "\(name): \(decoded.serializedString(pretty: true))")
    }

    @Test("a binary file in kubectl create configmap --from-file lands in binaryData as base64")
    func binaryConfigMapData() throws {
        let decoded = try KubeProtobuf.decode(try Self.fixture("configmap-file.pb"))
        let binary = try #require(decoded["binaryData"]?["blob.bin"]?.stringValue)
        #expect(Data(base64Encoded: binary) == Data([0x62, 0x69, 0x6e, 0x00, 0x01, 0xff, 0xfe, 0x61, 0x72, 0x79]))
        #expect(decoded["data"]?["greeting.txt"] == .string("hello"))
    }

    @Test("kubectl create deployment --replicas=0 keeps the explicit zero")
    func explicitZeroReplicas() throws {
        let decoded = try KubeProtobuf.decode(try Self.fixture("deployment-zero.pb"))
        #expect(decoded["spec"]?["replicas"] == .int(0))
    }

    @Test("kubectl create job --from=cronjob carries the owner reference to its cron job")
    func jobFromCronJobOwner() throws {
        let decoded = try KubeProtobuf.decode(try Self.fixture("job-from-cronjob.pb"))
        #expect(decoded["metadata"]?["ownerReferences"] == [.object([
            "apiVersion": "batch/v1", "kind": "CronJob", "name": "tick", "uid": "cj-uid-1", "controller": true,
        ])])
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }
}
