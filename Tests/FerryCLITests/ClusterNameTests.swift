import FerryCLI
import Testing

@Suite("Cluster names")
struct ClusterNameTests {
    @Test("context names become DNS labels")
    func contextNamesBecomeLabels() {
        #expect(ClusterName.sanitized("source") == "source")
        #expect(ClusterName.sanitized("admin@Prod_Cluster.example.com") == "admin-prod-cluster-example-com")
        #expect(ClusterName.sanitized("--a--") == "a")
        #expect(ClusterName.sanitized(String(repeating: "x", count: 80)).count == 63)
        #expect(ClusterName.sanitized("@@@") == "cluster")
    }
}
