import Testing
import KubeClient

@Test("client errors describe themselves by their message")
func clientErrorDescription() {
    let error = KubeClientError(.invalidConfiguration, "kubeconfig /tmp/x: context \"a\" names missing cluster \"b\"")
    #expect(error.description.contains("missing cluster"))
    #expect(error.code == .invalidConfiguration)
}
