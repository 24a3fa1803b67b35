import Testing
import KubeSim

@Test("the simulator reports a 1.32 API server")
func reportsVersion() {
    #expect(KubeSimVersion.gitVersion.hasPrefix("v\(KubeSimVersion.major).\(KubeSimVersion.minor)"))
}
