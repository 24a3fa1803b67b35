import KubeCore
import KubeSimStorage

extension TablePrinters {
    /// The printer for a custom resource from its CRD's `additionalPrinterColumns`; `nil`
    /// when the CRD declares none for `version` (Name and Age are used then).
    static func customResourcePrinter(crd: KubeObject, version: String) -> TablePrinter? {
        let versions = crd.spec?["versions"]?.arrayValue ?? []
        let served = versions.first { $0["name"]?.stringValue == version }
        guard let declared = served?["additionalPrinterColumns"]?.arrayValue ?? crd.spec?["additionalPrinterColumns"]?.arrayValue,
            !declared.isEmpty
        else { return nil }
        let columns = declared.map { column in
            Column(
                name: column["name"]?.stringValue ?? "", type: column["type"]?.stringValue ?? "string",
                format: column["format"]?.stringValue ?? "", priority: column["priority"]?.intValue ?? 0,
                description: column["description"]?.stringValue ?? "")
        }
        let paths = declared.map { ($0["jsonPath"]?.stringValue ?? "", $0["type"]?.stringValue ?? "string") }
        return TablePrinter(columns: [name] + columns) { object, now in
            [.string(object.name)] + paths.map { path, type in cell(object, path: path, type: type, now: now) }
        }
    }

    /// The value at a simple JSONPath (`.spec.size`, `.status.conditions[0].type`).
    private static func cell(_ object: KubeObject, path: String, type: String, now: Int64) -> JSONValue {
        var current: JSONValue? = object.json
        let trimmed = path.trimmingPrefix("{").trimmingPrefix(".")
        for part in trimmed.split(separator: ".") {
            var key = Substring(part)
            var index: Int?
            if let open = key.firstIndex(of: "["), let close = key.firstIndex(of: "]") {
                index = Int(key[key.index(after: open)..<close])
                key = key[..<open]
            }
            current = current?[String(key)]
            if let index { current = current?.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil } }
        }
        guard let value = current, !value.isNull else { return .null }
        if type == "date", let text = value.stringValue { return .string(HumanDuration.age(since: text, now: now)) }
        if let text = value.stringValue { return .string(text) }
        if case .object = value { return .string(value.serializedString()) }
        if case .array = value { return .string(value.serializedString()) }
        return value
    }
}
