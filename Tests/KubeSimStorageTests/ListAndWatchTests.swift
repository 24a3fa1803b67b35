import KubeCore
import KubeSimStorage
import Testing

@Suite("List paging, selectors and watch")
struct ListAndWatchTests {
    @Test("paging with limit and continue visits every object once, in order")
    func paging() throws {
        let store = try TestSupport.store(namespaces: ["default", "other"])
        for index in 0..<25 {
            _ = try store.create(TestSupport.configMap(String(format: "cm-%02d", index), namespace: index % 2 == 0 ? "default" : "other"), in: TestSupport.configMaps)
        }
        var seen: [String] = []
        var token: String?
        var pages = 0
        repeat {
            let page = try store.list(TestSupport.configMaps, namespace: nil, options: ListOptions(limit: 10, continueToken: token))
            seen += page.items.map(\.qualifiedName)
            if page.continueToken != nil { #expect(page.remainingItemCount == 25 - seen.count) }
            token = page.continueToken
            pages += 1
        } while token != nil
        #expect(pages == 3)
        let all = try store.list(TestSupport.configMaps, namespace: nil).items.map(\.qualifiedName)
        #expect(seen == all)
        #expect(seen.count == 25)
    }

    @Test("an invalid continue token fails with 400")
    func invalidToken() throws {
        let store = try TestSupport.store()
        let error = #expect(throws: KubeAPIError.self) {
            try store.list(TestSupport.configMaps, namespace: nil, options: ListOptions(limit: 1, continueToken: "%%%"))
        }
        #expect(error?.code == 400)
    }

    @Test("list filters by label and field selectors")
    func selectors() throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a", labels: ["app": "web", "tier": "front"]), in: TestSupport.configMaps)
        _ = try store.create(TestSupport.configMap("b", labels: ["app": "web", "tier": "back"]), in: TestSupport.configMaps)
        _ = try store.create(TestSupport.configMap("c", labels: ["app": "db"]), in: TestSupport.configMaps)
        func names(_ label: String?, _ field: String? = nil) throws -> [String] {
            try store.list(TestSupport.configMaps, namespace: "default", options: ListOptions(labelSelector: label, fieldSelector: field)).items.map(\.name)
        }
        #expect(try names("app=web") == ["a", "b"])
        #expect(try names("app!=web") == ["c"])
        #expect(try names("tier in (front,back)") == ["a", "b"])
        #expect(try names("tier notin (front)") == ["b", "c"])
        #expect(try names("!tier") == ["c"])
        #expect(try names("tier") == ["a", "b"])
        #expect(try names(nil, "metadata.name=b") == ["b"])
        #expect(try names("app=web", "metadata.name!=a") == ["b"])
        let error = #expect(throws: KubeAPIError.self) { try names("app in web") }
        #expect(error?.code == 400)
    }

    @Test("a watch from no version sends current objects as ADDED, then live changes")
    func watchFromNow() async throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("existing"), in: TestSupport.configMaps)
        let stream = try store.watch(TestSupport.configMaps, namespace: "default")
        _ = try store.create(TestSupport.configMap("new"), in: TestSupport.configMaps)
        try store.modify(TestSupport.configMaps, namespace: "default", name: "new") { $0["data"] = ["k": "v"] }
        try store.delete(TestSupport.configMaps, namespace: "default", name: "existing")
        let events = await TestSupport.collect(4, from: stream)
        #expect(events.map(\.type) == [.added, .added, .modified, .deleted])
        #expect(events.map(\.object.name) == ["existing", "new", "new", "existing"])
        #expect(events[3].object.resourceVersion == String(store.currentResourceVersion))
    }

    @Test("a watch from an older resourceVersion replays the history after it")
    func watchReplays() async throws {
        let store = try TestSupport.store()
        let first = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        _ = try store.create(TestSupport.configMap("b"), in: TestSupport.configMaps)
        try store.delete(TestSupport.configMaps, namespace: "default", name: "a")
        let stream = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: first.resourceVersion))
        let events = await TestSupport.collect(2, from: stream)
        #expect(events.map(\.type) == [.added, .deleted])
        #expect(events.map(\.object.name) == ["b", "a"])
    }

    @Test("a watch from a version older than the history fails with 410 Expired")
    func watchExpired() throws {
        let store = try ObjectStore(registry: ResourceRegistry(), stateDirectory: nil, historyLimit: 3)
        _ = try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: "default"), in: TestSupport.namespaces)
        for index in 0..<5 { _ = try store.create(TestSupport.configMap("cm\(index)"), in: TestSupport.configMaps) }
        let error = #expect(throws: KubeAPIError.self) {
            try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: "1"))
        }
        #expect(error?.isGone == true)
        #expect(error?.message == "too old resource version: 1 (3)")
        _ = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: "3"))
    }

    @Test("a label-selected watch sees objects leave and enter the selection as DELETED and ADDED")
    func watchSelection() async throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a", labels: ["app": "web"]), in: TestSupport.configMaps)
        let stream = try store.watch(TestSupport.configMaps, namespace: "default", options: ListOptions(labelSelector: "app=web", resourceVersion: String(store.currentResourceVersion)))
        try store.modify(TestSupport.configMaps, namespace: "default", name: "a") { $0.labels = ["app": "db"] }
        _ = try store.create(TestSupport.configMap("ignored", labels: ["app": "db"]), in: TestSupport.configMaps)
        try store.modify(TestSupport.configMaps, namespace: "default", name: "a") { $0.labels = ["app": "web"] }
        let events = await TestSupport.collect(2, from: stream)
        #expect(events.map(\.type) == [.deleted, .added])
    }

    @Test("sendInitialEvents ends the initial objects with an annotated bookmark")
    func initialEventsBookmark() async throws {
        let store = try TestSupport.store()
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        let stream = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(allowWatchBookmarks: true, sendInitialEvents: true))
        let events = await TestSupport.collect(2, from: stream)
        #expect(events.map(\.type) == [.added, .bookmark])
        #expect(events[1].object.annotations["k8s.io/initial-events-end"] == "true")
        #expect(events[1].object.resourceVersion == String(store.currentResourceVersion))
    }

    @Test("timeoutSeconds finishes the watch stream")
    func watchTimeout() async throws {
        let store = try TestSupport.store()
        let stream = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: String(store.currentResourceVersion), timeoutSeconds: 1))
        var count = 0
        for await _ in stream { count += 1 }
        #expect(count == 0)
    }

    @Test("a watch over every resource sees changes of all of them")
    func watchEverything() async throws {
        let store = try TestSupport.store()
        let stream = try store.watch(nil, namespace: nil, options: ListOptions(resourceVersion: String(store.currentResourceVersion)))
        _ = try store.create(TestSupport.configMap("a"), in: TestSupport.configMaps)
        _ = try store.create(KubeObject(apiVersion: "v1", kind: "Secret", name: "s", namespace: "default"), in: TestSupport.secrets)
        let events = await TestSupport.collect(2, from: stream)
        #expect(events.map(\.resource.resource) == ["configmaps", "secrets"])
    }
}

@Suite("Watch bookmarks")
struct WatchBookmarkTests {
    @Test("a watch that allows bookmarks receives periodic BOOKMARK events with the current version")
    func periodicBookmarks() async throws {
        let store = try TestSupport.store()
        let stream = try store.watch(
            TestSupport.configMaps, namespace: nil,
            options: ListOptions(resourceVersion: String(store.currentResourceVersion), allowWatchBookmarks: true),
            bookmarkInterval: .milliseconds(20))
        let events = await TestSupport.collect(1, from: stream)
        #expect(events.first?.type == .bookmark)
        #expect(events.first?.object.kind == "ConfigMap")
        #expect(events.first?.object.resourceVersion == String(store.currentResourceVersion))
    }

    @Test("bookmarkAll reaches only watches that allow bookmarks")
    func bookmarkAll() async throws {
        let store = try TestSupport.store()
        let version = String(store.currentResourceVersion)
        let withBookmarks = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: version, allowWatchBookmarks: true), bookmarkInterval: .seconds(3600))
        let without = try store.watch(TestSupport.configMaps, namespace: nil, options: ListOptions(resourceVersion: version))
        store.bookmarkAll()
        _ = try store.create(TestSupport.configMap("after"), in: TestSupport.configMaps)
        #expect(await TestSupport.collect(2, from: withBookmarks).map(\.type) == [.bookmark, .added])
        #expect(await TestSupport.collect(1, from: without).map(\.type) == [.added])
    }
}
