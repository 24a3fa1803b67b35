import Hummingbird
import KubeCore
import KubeSimStorage
import NIOCore
import ServiceLifecycle

extension APIServer {
    /// Streams watch events as newline-delimited JSON, one chunk per event, until the store
    /// ends the stream (timeout) or the client goes away.
    func watch(_ call: ResourceCall) throws -> Response {
        var options = call.listOptions
        if let name = call.path.name {
            let byName = "metadata.name=\(name)"
            options.fieldSelector = options.fieldSelector.map { "\($0),\(byName)" } ?? byName
        }
        let started = Result { () throws(KubeAPIError) in
            try store.watch(call.definition, namespace: call.namespace, options: options)
        }
        let events: AsyncStream<WatchEvent>
        switch started {
        case .success(let stream):
            events = stream
        case .failure(let error) where error.isGone:
            // kube-apiserver answers an expired watch with a 200 stream holding one ERROR event.
            let line = Self.watchLine(type: "ERROR", object: error.statusObject)
            return Self.streamingResponse(contentType: call.accept) { writer in
                try await writer.write(ByteBuffer(bytes: line))
            }
        case .failure(let error):
            throw error
        }
        let printer = call.wantsTable ? customPrinter(call) : nil
        return Self.streamingResponse(contentType: call.accept) { [self] writer in
            // Events pass through a relay this handler owns, so a graceful shutdown can end
            // an idle watch (as kube-apiserver closes watches when it stops) instead of
            // keeping the server alive until the next change.
            let (relay, relayContinuation) = AsyncStream<WatchEvent>.makeStream()
            try await withGracefulShutdownHandler {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await event in events { relayContinuation.yield(event) }
                        relayContinuation.finish()
                    }
                    var sentColumns = false
                    for await event in relay {
                        let object = encode(event, call, printer: printer, sentColumns: &sentColumns)
                        try await writer.write(ByteBuffer(bytes: Self.watchLine(type: event.type.rawValue, object: object)))
                    }
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                relayContinuation.finish()
            }
        }
    }

    /// The wire object of one event: the served object, a Table row, a bookmark or a Status.
    private func encode(_ event: WatchEvent, _ call: ResourceCall, printer: TablePrinter?, sentColumns: inout Bool) -> JSONValue {
        switch event.type {
        case .error:
            return event.object.json
        case .bookmark:
            var bookmark = event.object
            bookmark.apiVersion = call.apiVersion
            bookmark.kind = call.definition.kind
            return bookmark.json
        default:
            let served = call.served(event.object)
            guard call.wantsTable else { return served.json }
            var table = table(for: [served], call, printer: printer)
            if sentColumns { table["columnDefinitions"] = .array([]) }
            sentColumns = true
            return .object(table)
        }
    }

    private static func watchLine(type: String, object: JSONValue) -> [UInt8] {
        JSONValue.object(["type": .string(type), "object": object]).serialized() + [10]
    }

    private static func streamingResponse(
        contentType accept: String, _ body: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = accept.contains("as=table") ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json"
        headers[.cacheControl] = "no-cache, private"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await body(&writer)
                try await writer.finish(nil)
            })
    }
}
