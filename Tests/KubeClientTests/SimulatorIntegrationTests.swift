import KubeClient
import KubeCore
import KubeSim
import Logging
import Testing

@Suite("KubeClient against the simulator")
struct SimulatorIntegrationTests {
    @Test("discovery maps kinds, plural, singular and short names to resources")
    func discovery() async throws {
        try await withSimulator { _, client, _ in
            let deployments = try await client.resource(named: "deploy")
            #expect(deployments.groupVersionResource == Resources.deployments)
            #expect(deployments.namespaced)
            #expect(deployments.subresources.contains("scale"))
            #expect(try await client.resource(named: "deployments.apps").kind == "Deployment")
            #expect(try await client.resource(named: "Deployment").resource == "deployments")
            #expect(try await client.resource(named: "cm").resource == "configmaps")
            let namespaces = try await client.resource(for: GroupVersionKind(group: "", version: "v1", kind: "Namespace"))
            #expect(!namespaces.namespaced)
            #expect(namespaces.supports("watch"))
            await #expect(throws: KubeClientError.self) { try await client.resource(named: "nosuchthings") }
            let version = try JSONValue(parsing: try await client.getRaw(path: "/version"))
            #expect(version["gitVersion"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("create, get, update with conflict detection, update status and delete")
    func crud() async throws {
        try await withSimulator { _, client, namespace in
            let created = try await client.create(Resources.configMaps, configMap("one", namespace: namespace, data: ["k": "v"]))
            #expect(created.uid?.isEmpty == false)
            let fetched = try await client.get(Resources.configMaps, name: "one", namespace: namespace)
            #expect(fetched["data"]?["k"] == "v")
            var changed = fetched
            changed["data"] = ["k": "v2"]
            let updated = try await client.update(Resources.configMaps, changed)
            #expect(updated.resourceVersion != fetched.resourceVersion)
            await #expect {
                _ = try await client.update(Resources.configMaps, fetched)
            } throws: { error in (error as? KubeAPIError)?.isConflict == true }
            await #expect {
                _ = try await client.create(Resources.configMaps, configMap("one", namespace: namespace))
            } throws: { error in (error as? KubeAPIError)?.isAlreadyExists == true }
            await #expect {
                try await client.delete(Resources.configMaps, name: "one", namespace: namespace, options: DeleteOptions(preconditionUID: "not-the-uid"))
            } throws: { error in (error as? KubeAPIError)?.code == 409 }
            try await client.delete(Resources.configMaps, name: "one", namespace: namespace, options: DeleteOptions(preconditionUID: created.uid))
            await #expect {
                _ = try await client.get(Resources.configMaps, name: "one", namespace: namespace)
            } throws: { error in (error as? KubeAPIError)?.isNotFound == true }
        }
    }

    @Test("kind-addressed operations resolve the resource and the default namespace")
    func kindAddressed() async throws {
        try await withSimulator { _, client, namespace in
            let created = try await client.create(configMap("by-kind", namespace: namespace))
            #expect(created.namespace == namespace)
            let fetched = try await client.get(apiVersion: "v1", kind: "ConfigMap", name: "by-kind", namespace: namespace)
            #expect(fetched.uid == created.uid)
            try await client.delete(apiVersion: "v1", kind: "ConfigMap", name: "by-kind", namespace: namespace)
            let remaining = try await client.listAll(apiVersion: "v1", kind: "ConfigMap", namespace: namespace)
            #expect(!remaining.items.contains { $0.name == "by-kind" })
        }
    }

    @Test("250 objects page through with limit 100 in three pages of one snapshot")
    func paging() async throws {
        try await withSimulator { _, client, namespace in
            for index in 0..<250 {
                _ = try await client.create(Resources.configMaps, configMap("item-\(index)", namespace: namespace, labels: ["batch": "paging"]))
            }
            let options = ListOptions(labelSelector: "batch=paging", limit: 100)
            var sizes: [Int] = []
            for try await page in client.listPages(Resources.configMaps, namespace: namespace, options: options) {
                sizes.append(page.items.count)
            }
            #expect(sizes == [100, 100, 50])
            let all = try await client.listAll(Resources.configMaps, namespace: namespace, options: options)
            #expect(all.items.count == 250)
            #expect(Set(all.items.map(\.name)).count == 250)
            #expect(!all.resourceVersion.isEmpty)
            #expect(all.items.allSatisfy { $0.kind == "ConfigMap" && $0.apiVersion == "v1" })
        }
    }

    @Test("label and field selectors filter lists")
    func selectors() async throws {
        try await withSimulator { _, client, namespace in
            _ = try await client.create(Resources.configMaps, configMap("web", namespace: namespace, labels: ["app": "web", "tier": "front"]))
            _ = try await client.create(Resources.configMaps, configMap("db", namespace: namespace, labels: ["app": "db", "tier": "back"]))
            _ = try await client.create(Resources.configMaps, configMap("cache", namespace: namespace, labels: ["app": "cache"]))
            let front = try await client.list(Resources.configMaps, namespace: namespace, options: ListOptions(labelSelector: "tier=front"))
            #expect(front.items.map(\.name) == ["web"])
            let set = try await client.list(Resources.configMaps, namespace: namespace, options: ListOptions(labelSelector: "app in (db,cache)"))
            #expect(Set(set.items.map(\.name)) == ["db", "cache"])
            let withoutTier = try await client.list(Resources.configMaps, namespace: namespace, options: ListOptions(labelSelector: "app,!tier"))
            #expect(withoutTier.items.map(\.name) == ["cache"])
            let byName = try await client.list(Resources.configMaps, namespace: namespace, options: ListOptions(fieldSelector: "metadata.name=db"))
            #expect(byName.items.map(\.name) == ["db"])
        }
    }

    @Test("merge, JSON, strategic merge and apply patches")
    func patches() async throws {
        try await withSimulator { _, client, namespace in
            _ = try await client.create(Resources.configMaps, configMap("patched", namespace: namespace, labels: ["a": "1"], data: ["x": "1"]))
            let merged = try await client.patch(Resources.configMaps, name: "patched", namespace: namespace, patch: .merge(["data": ["y": "2", "x": nil]]))
            #expect(merged["data"] == ["y": "2"])
            let jsonPatched = try await client.patch(Resources.configMaps, name: "patched", namespace: namespace, patch: .json([
                ["op": "add", "path": "/data/z", "value": "3"],
                ["op": "replace", "path": "/metadata/labels/a", "value": "2"],
            ]))
            #expect(jsonPatched["data"]?["z"] == "3")
            #expect(jsonPatched.labels["a"] == "2")
            let strategic = try await client.patch(Resources.configMaps, name: "patched", namespace: namespace, patch: .strategicMerge(["metadata": ["labels": ["b": "x"]]]))
            #expect(strategic.labels == ["a": "2", "b": "x"])
            var intended = configMap("applied", namespace: namespace, data: ["owned": "yes"])
            let applied = try await client.apply(intended, fieldManager: "ferry-test")
            #expect(applied["data"]?["owned"] == "yes")
            intended["data"] = ["owned": "still"]
            let reapplied = try await client.apply(intended, fieldManager: "ferry-test", force: true)
            #expect(reapplied["data"]?["owned"] == "still")
            await #expect {
                _ = try await client.patch(Resources.configMaps, name: "patched", namespace: namespace, patch: .json([["op": "test", "path": "/data/z", "value": "wrong"]]))
            } throws: { error in error is KubeAPIError }
        }
    }

    @Test("the scale subresource reads and changes replicas")
    func scale() async throws {
        try await withSimulator { _, client, namespace in
            var deployment = KubeObject(apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: namespace)
            deployment.spec = [
                "replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "c", "image": "nginx"]]]],
            ]
            _ = try await client.create(Resources.deployments, deployment)
            let scale = try await client.getScale(Resources.deployments, name: "web", namespace: namespace)
            #expect(scale.kind == "Scale")
            #expect(scale.spec?["replicas"] == 1)
            let patched = try await client.patchScale(Resources.deployments, name: "web", namespace: namespace, patch: .merge(["spec": ["replicas": 3]]))
            #expect(patched.spec?["replicas"] == 3)
            var replaced = patched
            replaced.spec = ["replicas": 2]
            // Without a resourceVersion the update is unconditional, as `kubectl scale`; the
            // deployment controller writes status in between.
            replaced.resourceVersion = nil
            let updated = try await client.updateScale(Resources.deployments, name: "web", namespace: namespace, scale: replaced)
            #expect(updated.spec?["replicas"] == 2)
            #expect(try await client.get(Resources.deployments, name: "web", namespace: namespace).spec?["replicas"] == 2)
        }
    }

    @Test("a wrong CA fails with a message that names the server and the CA")
    func wrongCertificateAuthority() async throws {
        try await withSimulator { cluster, _, _ in
            var configuration = adminConfiguration(cluster)
            configuration.tls.certificateAuthorityPEM = Array(TestCertificates.other.caCertificatePEM.utf8)
            let client = try KubeClient(configuration: configuration, logger: quietLogger)
            await #expect {
                _ = try await client.getRaw(path: "/version")
            } throws: { error in
                guard let error = error as? KubeClientError else { return false }
                return error.code == .transport
                    && error.message.hasPrefix("certificate verify failed for \(cluster.url): the server's certificate is not signed by the cluster's certificate-authority-data of cluster \"sim\"")
            }
            try await client.shutdown()
        }
    }

    @Test("tls-server-name verifies the certificate against a name it carries instead of the address")
    func tlsServerName() async throws {
        // The serving certificate names 127.0.0.1 but not 127.0.0.2, so reaching the server at
        // 127.0.0.2 needs tls-server-name. (NIOSSL accepts a certificate whose IP entries name
        // the connected address whatever the server name, so 127.0.0.1 cannot show a refusal.)
        try await KubeSimCluster.withRunning(KubeSimCluster.Configuration(name: "client-tests", host: "0.0.0.0"), logger: quietLogger) { cluster in
            var configuration = adminConfiguration(cluster)
            configuration.server = "https://127.0.0.2:\(cluster.port ?? 0)"
            let withoutName = try KubeClient(configuration: configuration, logger: quietLogger)
            await #expect {
                _ = try await withoutName.getRaw(path: "/version")
            } throws: { error in (error as? KubeClientError)?.message.hasPrefix("certificate verify failed for https://127.0.0.2") == true }
            try await withoutName.shutdown()
            configuration.tls.serverName = "kubernetes.default.svc"
            let named = try KubeClient(configuration: configuration, logger: quietLogger)
            do {
                let version = try await named.getRaw(path: "/version")
                #expect(!version.isEmpty)
            } catch {
                Issue.record("tls-server-name was not honoured: \(error)")
            }
            try await named.shutdown()
        }
    }

    @Test("a wrong token is a 401 KubeAPIError")
    func wrongToken() async throws {
        try await withSimulator { cluster, _, _ in
            let client = try KubeClient(configuration: adminConfiguration(cluster, token: "not-a-token"), logger: quietLogger)
            await #expect {
                _ = try await client.list(Resources.configMaps, namespace: "default")
            } throws: { error in (error as? KubeAPIError)?.code == 401 }
            try await client.shutdown()
        }
    }
}

@Suite("watching the simulator")
struct SimulatorWatchTests {
    @Test("a watch from a list's version sees changes in order, with bookmarks")
    func watchWithBookmarks() async throws {
        try await withSimulator { _, client, namespace in
            _ = try await client.create(Resources.configMaps, configMap("before", namespace: namespace))
            let list = try await client.list(Resources.configMaps, namespace: namespace)
            let watch = client.watch(Resources.configMaps, namespace: namespace, options: ListOptions(resourceVersion: list.resourceVersion, timeoutSeconds: 5, allowWatchBookmarks: true))
            var iterator = watch.makeAsyncIterator()
            // The first event (a bookmark within a second, or an object) shows the stream is open.
            let first = try await iterator.next()
            var sawBookmark = first?.type == .bookmark
            _ = try await client.create(Resources.configMaps, configMap("after", namespace: namespace))
            _ = try await client.patch(Resources.configMaps, name: "after", namespace: namespace, patch: .merge(["data": ["k": "v"]]))
            try await client.delete(Resources.configMaps, name: "after", namespace: namespace)
            var types: [WatchEvent.EventType] = []
            while let event = try await iterator.next() {
                if event.type == .bookmark {
                    sawBookmark = true
                    #expect(event.object.resourceVersion?.isEmpty == false)
                    if types.count >= 3 { break }
                    continue
                }
                if event.object.name == "after" { types.append(event.type) }
            }
            #expect(types == [.added, .modified, .deleted])
            #expect(sawBookmark)
        }
    }

    @Test("list-watch reconnects when the server ends the stream and keeps every change")
    func listWatchReconnects() async throws {
        try await withSimulator { _, client, namespace in
            _ = try await client.create(Resources.configMaps, configMap("existing", namespace: namespace, labels: ["watched": "yes"]))
            let options = ListOptions(labelSelector: "watched=yes", timeoutSeconds: 1)
            var iterator = client.listWatch(Resources.configMaps, namespace: namespace, options: options).makeAsyncIterator()
            let initial = try await iterator.next()
            #expect(initial?.type == .added && initial?.object.name == "existing")
            var names: [String] = []
            for index in 0..<3 {
                _ = try await client.create(Resources.configMaps, configMap("later-\(index)", namespace: namespace, labels: ["watched": "yes"]))
                while let event = try await iterator.next() {
                    if event.type == .added {
                        names.append(event.object.name)
                        break
                    }
                }
                // Outlive the 1-second watch, so the next event needs a new connection.
                try await Task.sleep(for: .milliseconds(1_200))
            }
            #expect(names == ["later-0", "later-1", "later-2"])
            #expect(iterator.listCount == 1)
        }
    }
}
