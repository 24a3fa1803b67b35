import Subprocess
import Testing

extension KubectlHarness {
    /// Runs a long-lived kubectl (such as `get -w`), hands each output line to `onLine`, and
    /// stops kubectl when `onLine` returns true or after `timeoutSeconds`. Returns every line seen.
    func stream(
        _ arguments: [String], timeoutSeconds: Int = 30, onLine: (String) async throws -> Bool
    ) async throws -> [String] {
        let kubectl = try #require(Self.kubectlPath, "kubectl is not on PATH")
        let result = try await run(
            .name("timeout"), arguments: Arguments(["\(timeoutSeconds)", kubectl] + arguments),
            environment: .inherit.updating(["KUBECONFIG": kubeconfigPath, "HOME": directory]),
            input: .none, output: .sequence, error: .discarded
        ) { execution in
            var lines: [String] = []
            for try await line in execution.standardOutput.strings() {
                lines.append(line)
                if try await onLine(line) {
                    await execution.teardown(using: [.gracefulShutDown(allowedDurationToNextStep: .seconds(2))])
                    break
                }
            }
            return lines
        }
        return result.closureResult
    }
}
