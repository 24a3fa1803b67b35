import KubeCore

extension TablePrinters {
    static let events = TablePrinter(columns: [
        Column(name: "Last Seen"), Column(name: "Type"), Column(name: "Reason"), Column(name: "Object"),
        Column(name: "Subobject", priority: 1), Column(name: "Source", priority: 1), Column(name: "Message"),
        Column(name: "First Seen", priority: 1), Column(name: "Count", type: "integer", priority: 1),
        Column(name: "Name", format: "name", priority: 1),
    ]) { object, now in
        let involved = object["involvedObject"] ?? object["regarding"]
        let kind = (involved?["kind"]?.stringValue ?? "").lowercased()
        let last = object["lastTimestamp"]?.stringValue ?? object["eventTime"]?.stringValue ?? object.creationTimestamp
        let first = object["firstTimestamp"]?.stringValue ?? object.creationTimestamp
        let source = object["source"]?["component"]?.stringValue ?? object["reportingController"]?.stringValue ?? ""
        return [
            .string(HumanDuration.age(since: last, now: now)), string(object["type"], ""), string(object["reason"], ""),
            .string("\(kind)/\(involved?["name"]?.stringValue ?? "")"), string(involved?["fieldPath"], ""), .string(source),
            string(object["message"] ?? object["note"], ""), .string(HumanDuration.age(since: first, now: now)),
            .int(Int64(object["count"]?.intValue ?? 1)), .string(object.name),
        ]
    }

    static let endpoints = make([Column(name: "Endpoints"), age]) { object, age in
        var addresses: [String] = []
        for subset in object["subsets"]?.arrayValue ?? [] {
            let ports = (subset["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
            for address in subset["addresses"]?.arrayValue ?? [] {
                let ip = address["ip"]?.stringValue ?? ""
                addresses += ports.isEmpty ? [ip] : ports.map { "\(ip):\($0)" }
            }
        }
        let shown = addresses.prefix(3).joined(separator: ",") + (addresses.count > 3 ? " + \(addresses.count - 3) more..." : "")
        return [.string(addresses.isEmpty ? "<none>" : shown), .string(age)]
    }

    static let roleBindings = make([
        Column(name: "Role"), age, Column(name: "Users", priority: 1), Column(name: "Groups", priority: 1),
        Column(name: "ServiceAccounts", priority: 1),
    ]) { object, age in
        let subjects = object["subjects"]?.arrayValue ?? []
        func names(_ kind: String) -> String {
            subjects.filter { $0["kind"]?.stringValue == kind }.map { subject in
                let name = subject["name"]?.stringValue ?? ""
                guard kind == "ServiceAccount" else { return name }
                return "\(subject["namespace"]?.stringValue ?? ""):\(name)"
            }.joined(separator: ", ")
        }
        let role = object["roleRef"]
        return [
            .string("\(role?["kind"]?.stringValue ?? "")/\(role?["name"]?.stringValue ?? "")"), .string(age),
            .string(names("User")), .string(names("Group")), .string(names("ServiceAccount")),
        ]
    }

    static let routes = make([
        Column(name: "Host/Port"), Column(name: "Path"), Column(name: "Services"), Column(name: "Port"),
        Column(name: "Termination"), Column(name: "Wildcard"),
    ]) { object, _ in
        let spec = object.spec
        let port = spec?["port"]?["targetPort"]
        return [
            string(spec?["host"], ""), string(spec?["path"], ""), string(spec?["to"]?["name"], ""),
            port.map { string($0, "<all>") } ?? .string("<all>"),
            string(spec?["tls"]?["termination"], ""), string(spec?["wildcardPolicy"], "None"),
        ]
    }
}
