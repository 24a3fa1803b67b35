import KubeCore
import Testing
@testable import KubeClient

@Suite("response decoding")
struct ResponseDecodingTests {
    @Test("a Status body becomes the KubeAPIError it describes")
    func statusBody() {
        let status = KubeAPIError.notFound(GroupResource(group: "apps", resource: "deployments"), name: "web").statusObject
        let error = HTTPTransport.apiError(status: 404, body: status.serialized())
        #expect(error.code == 404)
        #expect(error.reason == "NotFound")
        #expect(error.message == "deployments.apps \"web\" not found")
        #expect(error.details?.name == "web")
    }

    @Test("a body that is not a Status keeps the HTTP code and the text")
    func plainBody() {
        let error = HTTPTransport.apiError(status: 502, body: Array("upstream gone".utf8))
        #expect(error.code == 502)
        #expect(error.message == "upstream gone")
        let empty = HTTPTransport.apiError(status: 503, body: [])
        #expect(empty.code == 503)
        #expect(empty.message.contains("503"))
    }

    @Test("list items get apiVersion and kind from the list")
    func listItems() throws {
        let list = try KubeObjectList(json: [
            "apiVersion": "apps/v1", "kind": "DeploymentList",
            "metadata": ["resourceVersion": "42", "continue": "next", "remainingItemCount": 3],
            "items": [["metadata": ["name": "a"]], ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "b"]]],
        ])
        #expect(list.resourceVersion == "42")
        #expect(list.continueToken == "next")
        #expect(list.remainingItemCount == 3)
        #expect(list.items.map(\.kind) == ["Deployment", "Deployment"])
        #expect(list.items.map(\.apiVersion) == ["apps/v1", "apps/v1"])
    }

    @Test("watch lines are split at newlines however the bytes arrive")
    func lineSplitting() throws {
        var splitter = LineSplitter()
        let lines = #"{"type":"ADDED","object":{"metadata":{"name":"a"}}}"# + "\n" + #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}"# + "\n"
        var events: [WatchEvent] = []
        for chunk in Array(lines.utf8).chunked(7) {
            splitter.append(chunk)
            while let line = splitter.nextLine() { events.append(try WatchEvent(line: line)) }
        }
        #expect(events.map(\.type) == [.added, .bookmark])
        #expect(events[1].object.resourceVersion == "9")
        #expect(splitter.remainder() == nil)
    }

    @Test("an ERROR event carries the Status as an error")
    func errorEvent() throws {
        let line = #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","code":410,"reason":"Expired","message":"too old resource version"}}"#
        let event = try WatchEvent(line: Array(line.utf8))
        #expect(event.error?.isGone == true)
        #expect(event.error?.message == "too old resource version")
    }

    @Test("paths address core and group resources, namespaced and not")
    func paths() {
        let pods = GroupVersionResource(group: "", version: "v1", resource: "pods")
        let deployments = GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
        #expect(KubeClient.path(pods, namespace: "ns", name: "p") == "/api/v1/namespaces/ns/pods/p")
        #expect(KubeClient.path(deployments, namespace: "ns", name: "d", subresource: "scale") == "/apis/apps/v1/namespaces/ns/deployments/d/scale")
        #expect(KubeClient.path(GroupVersionResource(group: "", version: "v1", resource: "nodes")) == "/api/v1/nodes")
        let request = APIRequest(method: "GET", path: "/api/v1/pods", query: [.init("labelSelector", "app in (a,b),tier!=db")])
        #expect(request.pathAndQuery == "/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29%2Ctier%21%3Ddb")
    }

    @Test("the mapper resolves names as kubectl does")
    func mapper() {
        let mapper = ResourceMapper(
            resources: [
                APIResourceInfo(group: "apps", version: "v1", resource: "deployments", singularName: "deployment", kind: "Deployment", namespaced: true, shortNames: ["deploy"]),
                APIResourceInfo(group: "", version: "v1", resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"]),
                APIResourceInfo(group: "events.k8s.io", version: "v1", resource: "events", kind: "Event", namespaced: true, shortNames: ["ev"]),
                APIResourceInfo(group: "example.com", version: "v1beta1", resource: "widgets", kind: "Widget", namespaced: false),
                APIResourceInfo(group: "example.com", version: "v1", resource: "widgets", kind: "Widget", namespaced: false),
            ],
            preferredVersions: ["": "v1", "apps": "v1", "events.k8s.io": "v1", "example.com": "v1"])
        #expect(mapper.resolve("deploy")?.resource == "deployments")
        #expect(mapper.resolve("Deployment")?.group == "apps")
        #expect(mapper.resolve("deployments.apps")?.kind == "Deployment")
        #expect(mapper.resolve("deployments.v1.apps")?.kind == "Deployment")
        #expect(mapper.resolve("DEPLOYMENT")?.kind == "Deployment")
        #expect(mapper.resolve("events")?.group == "")
        #expect(mapper.resolve("events.events.k8s.io")?.group == "events.k8s.io")
        #expect(mapper.resolve("widget")?.version == "v1")
        #expect(mapper.resolve("widgets.v1beta1.example.com")?.version == "v1beta1")
        #expect(mapper.resolve("gadgets") == nil)
        #expect(mapper.resource(for: GroupVersionKind(group: "example.com", version: "v1beta1", kind: "Widget"))?.namespaced == false)
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
