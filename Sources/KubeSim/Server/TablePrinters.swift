import KubeCore
import KubeSimStorage

/// The per-kind column sets, mirroring kube-apiserver's printers.
enum TablePrinters {
    typealias Column = TableRenderer.Column

    static let name = Column(name: "Name", format: "name", description: "Name must be unique within a namespace.")
    static let age = Column(name: "Age", description: "CreationTimestamp is a timestamp representing the server time when this object was created.")

    /// The printer for a resource; Name and Age when the kind has no dedicated one.
    static func printer(for definition: ResourceDefinition) -> TablePrinter {
        let key = definition.group.isEmpty ? definition.resource : "\(definition.resource).\(definition.group)"
        if let printer = builtIn[key] { return printer }
        return TablePrinter(columns: [name, age]) { object, now in
            [.string(object.name), .string(HumanDuration.age(since: object.creationTimestamp, now: now))]
        }
    }

    /// Builds a printer whose first column is Name and whose `Age` column is computed.
    static func make(_ columns: [Column], _ values: @escaping @Sendable (KubeObject, String) -> [JSONValue]) -> TablePrinter {
        TablePrinter(columns: [name] + columns) { object, now in
            [.string(object.name)] + values(object, HumanDuration.age(since: object.creationTimestamp, now: now))
        }
    }

    static func string(_ value: JSONValue?, _ fallback: String = "<none>") -> JSONValue {
        if let text = value?.stringValue, !text.isEmpty { return .string(text) }
        if let number = value?.intValue { return .string("\(number)") }
        return .string(fallback)
    }

    static func int(_ value: JSONValue?) -> JSONValue { .int(Int64(value?.intValue ?? 0)) }

    static func selectorText(_ selector: JSONValue?) -> String {
        let labels = selector?["matchLabels"]?.objectValue ?? selector?.objectValue ?? [:]
        var parts = labels.keys.sorted().compactMap { key in labels[key]?.stringValue.map { "\(key)=\($0)" } }
        for expression in selector?["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
            switch expression["operator"]?.stringValue {
            case "In": parts.append("\(key) in (\(values))")
            case "NotIn": parts.append("\(key) notin (\(values))")
            case "Exists": parts.append(key)
            case "DoesNotExist": parts.append("!\(key)")
            default: break
            }
        }
        return parts.isEmpty ? "<none>" : parts.joined(separator: ",")
    }

    static func containers(_ template: JSONValue?) -> (names: String, images: String) {
        let containers = template?["spec"]?["containers"]?.arrayValue ?? []
        return (
            containers.compactMap { $0["name"]?.stringValue }.joined(separator: ","),
            containers.compactMap { $0["image"]?.stringValue }.joined(separator: ",")
        )
    }

    static let builtIn: [String: TablePrinter] = {
        var printers: [String: TablePrinter] = [:]
        printers["pods"] = pods
        printers["namespaces"] = make([Column(name: "Status"), age]) { object, age in
            [string(object.status?["phase"], "Active"), .string(age)]
        }
        printers["nodes"] = nodes
        printers["configmaps"] = make([Column(name: "Data", type: "integer"), age]) { object, age in
            [.int(Int64((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0))), .string(age)]
        }
        printers["secrets"] = make([Column(name: "Type"), Column(name: "Data", type: "integer"), age]) { object, age in
            [string(object["type"], "Opaque"), .int(Int64(object["data"]?.objectValue?.count ?? 0)), .string(age)]
        }
        printers["serviceaccounts"] = make([Column(name: "Secrets", type: "integer"), age]) { object, age in
            [.int(Int64(object["secrets"]?.arrayValue?.count ?? 0)), .string(age)]
        }
        printers["services"] = services
        printers["events"] = events
        printers["events.events.k8s.io"] = events
        printers["endpoints"] = endpoints
        printers["rolebindings.rbac.authorization.k8s.io"] = roleBindings
        printers["clusterrolebindings.rbac.authorization.k8s.io"] = roleBindings
        printers["routes.route.openshift.io"] = routes
        printers["persistentvolumeclaims"] = persistentVolumeClaims
        printers["persistentvolumes"] = persistentVolumes
        printers["deployments.apps"] = deployments
        printers["replicasets.apps"] = replicaSets
        printers["statefulsets.apps"] = statefulSets
        printers["daemonsets.apps"] = daemonSets
        printers["jobs.batch"] = jobs
        printers["cronjobs.batch"] = cronJobs
        printers["ingresses.networking.k8s.io"] = ingresses
        printers["customresourcedefinitions.apiextensions.k8s.io"] = make([Column(name: "Created At", type: "date")]) { object, _ in
            [string(.string(object.creationTimestamp ?? ""), "")]
        }
        printers["storageclasses.storage.k8s.io"] = make([Column(name: "Provisioner"), Column(name: "ReclaimPolicy"), Column(name: "VolumeBindingMode"), Column(name: "AllowVolumeExpansion"), age]) { object, age in
            [string(object["provisioner"]), string(object["reclaimPolicy"], "Delete"), string(object["volumeBindingMode"], "Immediate"),
             .string(object["allowVolumeExpansion"]?.boolValue == true ? "true" : "false"), .string(age)]
        }
        return printers
    }()
}
