import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore
import NIOSSL
import Subprocess
import Testing

/// `ferry sandbox up` and `ferry console` as a user runs them: the built `ferry` binary
/// (`FERRY_BINARY`, else `.build/debug/ferry`, built by `swift build --build-tests`).
@Suite("ferry console and sandbox up")
struct ConsoleCommandTests {
    static let ferry: String = {
        if let path = ProcessInfo.processInfo.environment["FERRY_BINARY"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/ferry").path
    }()

    /// Runs `ferry arguments` until `onLine` returns a value for one of its output lines, then
    /// stops it with SIGTERM.
    static func untilLine<Value: Sendable>(_ arguments: [String], onLine: (String, [String]) async throws -> Value?) async throws -> Value {
        let result = try await Subprocess.run(
            .name("timeout"), arguments: Arguments(["--kill-after=5", "90", ferry] + arguments), input: .none, output: .sequence, error: .discarded
        ) { execution -> Value? in
            var lines: [String] = []
            for try await line in execution.standardOutput.strings() {
                lines.append(line.trimmingCharacters(in: .newlines))
                if let value = try await onLine(lines.last ?? "", lines) {
                    await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: .seconds(5))])
                    return value
                }
            }
            return nil
        }
        return try #require(result.closureResult, "ferry \(arguments.joined(separator: " ")) ended before printing what was expected")
    }

    static func insecureClient() -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        // The console's certificate is generated at start and never leaves the process; this
        // test checks that it speaks TLS and answers, not who signed it.
        tls.certificateVerification = .none
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }

    @Test("sandbox up prints the console's HTTPS address and an admin token that signs in; ferry console serves the same cluster over HTTPS", .timeLimit(.minutes(2)))
    func sandboxStartsConsole() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.ferry), "no ferry at \(Self.ferry): run `swift build --build-tests` first")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-console-sandbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let http = Self.insecureClient()
        do {
            let checked = try await Self.untilLine(
                ["sandbox", "up", "--state-dir", directory.path, "--source-port", "0", "--destination-port", "0", "--console-port", "0"]
            ) { line, lines -> Bool? in
                guard line.hasPrefix("Stop with") else { return nil }
                let address = try #require(lines.first { $0.hasPrefix("Console: https://127.0.0.1:") }).dropFirst("Console: ".count)
                let tokenIndex = try #require(lines.firstIndex { $0.contains("sign in with the sandbox admin's token") }) + 1
                let token = lines[tokenIndex].trimmingCharacters(in: .whitespaces)
                var request = HTTPClientRequest(url: "\(address)/api/session")
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: JSONValue.object(["token": .string(token)]).serializedString(pretty: false)))
                let response = try await http.execute(request, timeout: .seconds(20))
                #expect(response.status.code == 201)
                let body = try await response.body.collect(upTo: 1 << 20)
                #expect(try JSONValue(parsing: Array(String(buffer: body).utf8))["user"]?.stringValue == "kubernetes-admin")

                let served = try await Self.untilLine(
                    ["console", "--kubeconfig", directory.appendingPathComponent("kubeconfig").path, "--context", "destination", "--listen", "127.0.0.1:0"]
                ) { line, _ -> Int? in
                    guard line.hasPrefix("Console: https://") else { return nil }
                    let document = try await http.execute(HTTPClientRequest(url: "\(line.dropFirst("Console: ".count))/api/openapi.json"), timeout: .seconds(20))
                    return Int(document.status.code)
                }
                #expect(served == 200)
                return true
            }
            #expect(checked)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }
}
