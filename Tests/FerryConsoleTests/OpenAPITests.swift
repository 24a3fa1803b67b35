import Foundation
import KubeCore
import Subprocess
import Testing

/// The OpenAPI document checked by `openapi-spec-validator`, and the live API exercised
/// against it by `schemathesis` (both from PyPI, in the Python `FERRY_PYTHON` names, as
/// `scripts/test.sh` sets it).
@Suite("Console OpenAPI")
struct OpenAPITests {
    /// The Python with `modules`, or the reason the test is skipped.
    static func python(with modules: [String]) async throws -> String {
        guard let python = ProcessInfo.processInfo.environment["FERRY_PYTHON"], FileManager.default.isExecutableFile(atPath: python) else {
            try Test.cancel("OpenAPI checks skipped: FERRY_PYTHON is not set to a Python with \(modules.joined(separator: " and ")); run the tests with scripts/test.sh (it runs scripts/setup.sh)")
        }
        let imports = modules.map { "import \($0)" }.joined(separator: "; ")
        let probe = try await Subprocess.run(.path(.init(python)), arguments: ["-c", imports], output: .discarded, error: .string(limit: 1 << 16))
        if !probe.terminationStatus.isSuccess {
            try Test.cancel("OpenAPI checks skipped: \(python) lacks \(modules.joined(separator: " or ")) (run scripts/setup.sh): \(probe.standardError)")
        }
        return python
    }

    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("the served /api/openapi.json is a valid OpenAPI document covering every route", .timeLimit(.minutes(1)))
    func documentValidates() async throws {
        let python = try await Self.python(with: ["openapi_spec_validator"])
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try await ConsoleWorld.run { world in
            let answer = try await world.call(.GET, "/api/openapi.json")
            #expect(answer.status == 200)
            let paths = try #require(answer.json?["paths"]?.objectValue)
            for path in ["/api/session", "/api/clusters", "/api/storages", "/api/clusters/{name}/namespaces", "/api/plans", "/api/plans/{name}", "/api/plans/{name}/migrations", "/api/migrations/{name}", "/api/migrations/{name}/events"] {
                #expect(paths[path] != nil, "\(path) is not described")
            }
            let file = scratch.appendingPathComponent("openapi.json")
            try answer.text.write(to: file, atomically: true, encoding: .utf8)
            let result = try await Subprocess.run(
                .path(.init(python)), arguments: ["-m", "openapi_spec_validator", file.path], output: .string(limit: 1 << 20), error: .string(limit: 1 << 20))
            #expect(result.terminationStatus.isSuccess, "openapi-spec-validator: \(result.standardOutput) \(result.standardError)")
            #expect(result.standardOutput.contains("OK"), "\(result.standardOutput)")
        }
    }

    @Test("schemathesis finds no server error, and only documented statuses, content types and bodies, in the live API", .timeLimit(.minutes(3)))
    func schemathesisFindsNoServerError() async throws {
        let python = try await Self.python(with: ["schemathesis"])
        let scratch = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try await ConsoleWorld.run { world in
            let admin = ConsoleWorld.Credentials.bearer(world.cluster.adminToken)
            // Something to find: a host cluster and a plan, so reads of existing names succeed too.
            _ = try await world.call(.POST, "/api/clusters", json: ["name": "host", "isHostCluster": true], as: admin)
            _ = try await world.call(.POST, "/api/plans", json: ["name": "shop", "sourceCluster": "host", "destinationCluster": "host", "namespaces": [["source": "shop", "destination": "shop-new"]]], as: admin)
            let authority = scratch.appendingPathComponent("console-ca.pem")
            try world.server.certificate.authorityPEM.write(to: authority, atomically: true, encoding: .utf8)
            var environment: [Environment.Key: String?] = ["HOME": scratch.path]
            environment["SCHEMATHESIS_HOOKS"] = nil
            let arguments = [
                "-m", "schemathesis.cli", "run", "\(world.baseURL)/api/openapi.json",
                "--tls-verify", authority.path, "-H", "Authorization: Bearer \(world.cluster.adminToken)",
                "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance", "--max-examples", "8", "--max-time", "45", "--workers", "1",
                "--exclude-path", "/api/migrations/{name}/events", "--seed", "1", "--no-color",
                "--report-dir", scratch.appendingPathComponent("reports").path,
            ]
            let result = try await Subprocess.run(
                .path(.init(python)), arguments: .init(arguments), environment: .inherit.updating(environment), workingDirectory: .init(scratch.path),
                output: .string(limit: 4 << 20), error: .string(limit: 4 << 20))
            let output = result.standardOutput
            #expect(result.terminationStatus.isSuccess, "schemathesis:\n\(output.suffix(8000))\n\(result.standardError.suffix(4000))")
            #expect(!output.contains("Server error"), "\(output.suffix(8000))")
        }
    }
}
