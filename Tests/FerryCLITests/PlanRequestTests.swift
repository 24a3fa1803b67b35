import FerryAPI
import FerryCLI
import KubeClient
import KubeCore
import Testing

@Suite("Plan requests")
struct PlanRequestTests {
    let source = MigrationObjectReference(name: "a", namespace: "openshift-migration")
    let destination = MigrationObjectReference(name: "b", namespace: "openshift-migration")

    @Test("namespace pairs, kinds and selectors become the plan's spec")
    func requestBecomesSpec() throws {
        let request = PlanRequest(
            name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["web", "db:db2", "same:same"],
            includedResources: ["Route.route.openshift.io", "Secret"], selector: "env in (prod,stage),!legacy")
        let spec = try request.spec(source: source, destination: destination)
        #expect(spec.namespaces == ["web", "db:db2", "same"])
        #expect(spec.includedResources == [
            MigPlan.GroupKindReference(group: "route.openshift.io", kind: "Route"), MigPlan.GroupKindReference(group: "", kind: "Secret"),
        ])
        #expect(spec.labelSelector == [
            "matchExpressions": [
                ["key": "env", "operator": "In", "values": ["prod", "stage"]],
                ["key": "legacy", "operator": "DoesNotExist"],
            ]
        ])
    }

    @Test("bad flags are errors naming the flag and the fix")
    func badFlagsAreNamed() {
        func failure(_ request: PlanRequest) -> FerryCLIError? {
            do {
                _ = try request.spec(source: source, destination: destination)
                return nil
            } catch { return error }
        }
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: []))?.code == "no-namespaces")
        #expect(failure(PlanRequest(name: "P!", sourceContext: "a", destinationContext: "b", namespaces: ["x"]))?.code == "invalid-name")
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["a:b:c"]))?.code == "invalid-namespace")
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["Shop"]))?.message.contains("Shop") == true)
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["x"], includedResources: ["apps."]))?.code == "invalid-include")
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["x"], selector: "a in ("))?.code == "invalid-selector")
        #expect(failure(PlanRequest(name: "p", sourceContext: "a", destinationContext: "b", namespaces: ["x"], persistentVolumeAction: "clone"))?.code == "invalid-pv-action")
    }

    @Test("a remote context without a bearer token is refused, naming the context and kubectl create token")
    func remoteContextNeedsToken() throws {
        let text = """
            apiVersion: v1
            kind: Config
            current-context: host
            clusters:
            - name: host
              cluster: {server: "https://host.example:6443", insecure-skip-tls-verify: true}
            - name: remote
              cluster: {server: "https://remote.example:6443", insecure-skip-tls-verify: true}
            users:
            - name: admin
              user: {token: abc}
            - name: sso
              user:
                exec: {apiVersion: client.authentication.k8s.io/v1, command: login-helper}
            contexts:
            - name: host
              context: {cluster: host, user: admin}
            - name: remote-sso
              context: {cluster: remote, user: sso}
            - name: remote-admin
              context: {cluster: remote, user: admin}
            """
        let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(parsing: text, file: "test"))
        let error = #expect(throws: FerryCLIError.self) {
            _ = try ClusterRegistration(context: "remote-sso", name: "remote", isHost: false, contexts: contexts, namespace: "openshift-migration")
        }
        #expect(error?.code == "no-token")
        #expect(error?.message.contains("\"remote-sso\"") == true)
        #expect(error?.message.contains("kubectl --context remote-sso -n openshift-migration create token") == true)

        let insecure = try ClusterRegistration(context: "remote-admin", name: "remote", isHost: false, contexts: contexts, namespace: "openshift-migration")
        #expect(insecure.cluster.spec.insecure == true)
        #expect(insecure.cluster.spec.caBundle == nil)
        #expect(insecure.cluster.spec.url == "https://remote.example:6443")
    }
}

@Suite("Migration order")
struct MigrationOrderTests {
    func migration(_ name: String, created: String, resourceVersion: String, finished: Bool) -> MigMigration {
        var migration = MigMigration(name: name, spec: MigMigration.Spec())
        migration.object.metadata["creationTimestamp"] = .string(created)
        migration.object.metadata["resourceVersion"] = .string(resourceVersion)
        if finished { migration.status.conditions = [MigrationCondition(type: "Succeeded")] }
        return migration
    }

    @Test("within one second the running migration, then the one written last, is the latest")
    func sameSecondOrder() {
        let stage = migration("shop-stage-x", created: "2026-11-21T07:00:00Z", resourceVersion: "120", finished: true)
        let cutover = migration("shop-cutover-y", created: "2026-11-21T07:00:00Z", resourceVersion: "180", finished: true)
        let running = migration("shop-a-z", created: "2026-11-21T07:00:00Z", resourceVersion: "100", finished: false)
        let earlier = migration("shop-z", created: "2026-11-21T06:59:59Z", resourceVersion: "900", finished: true)
        #expect([cutover, running, stage, earlier].sorted(by: MigrationOrder.isOlder).map(\.name) == ["shop-z", "shop-stage-x", "shop-cutover-y", "shop-a-z"])
    }
}

@Suite("Cluster registrations")
struct ClusterRegistrationTests {
    let text = """
        apiVersion: v1
        kind: Config
        current-context: host
        clusters:
        - name: host
          cluster: {server: "https://host.example:6443", insecure-skip-tls-verify: true}
        - name: remote
          cluster: {server: "https://remote.example:6443", insecure-skip-tls-verify: true}
        users:
        - name: admin
          user: {token: abc}
        contexts:
        - name: host
          context: {cluster: host, user: admin}
        - name: admin@host
          context: {cluster: host, user: admin}
        - name: Remote
          context: {cluster: remote, user: admin}
        - name: remote
          context: {cluster: remote, user: admin}
        """

    func creator() throws -> (PlanCreator, KubeClient) {
        let client = try KubeClient(configuration: ClientConfiguration(server: "https://host.example:6443"), logger: quietLogger)
        let contexts = KubeconfigContexts(kubeconfig: try Kubeconfig(parsing: text, file: "test"))
        return (PlanCreator(host: HostCluster(client: client, namespace: "openshift-migration"), contexts: contexts, hostContext: "host"), client)
    }

    @Test("contexts that reach the host's API server are the one host cluster, named after the host context")
    func hostAliasesShareOneCluster() async throws {
        let (creator, client) = try creator()
        let pair: (source: ClusterRegistration, destination: ClusterRegistration)
        let clash: FerryCLIError?
        do {
            pair = try creator.registrations(for: PlanRequest(name: "p", sourceContext: "admin@host", destinationContext: "host", namespaces: ["a:b"]))
            clash = #expect(throws: FerryCLIError.self) {
                _ = try creator.registrations(for: PlanRequest(name: "p", sourceContext: "Remote", destinationContext: "remote", namespaces: ["a"]))
            }
        } catch {
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
        #expect(pair.source.cluster.name == "host")
        #expect(pair.destination.cluster.name == "host")
        #expect(pair.source.cluster.spec.isHostCluster == true)
        #expect(pair.source.tokenSecret == nil)
        #expect(clash?.code == "cluster-name-clash")
    }
}
