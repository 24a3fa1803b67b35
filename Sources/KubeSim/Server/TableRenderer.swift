import KubeCore
import KubeSimStorage

/// Renders objects as a `meta.k8s.io/v1` `Table`, the format `kubectl get` asks for, with
/// the columns kube-apiserver prints for each kind.
enum TableRenderer {
    /// One column: its header, type and priority (1 = shown only with `-o wide`).
    struct Column: Sendable {
        var name: String
        var type: String = "string"
        var format: String = ""
        var priority: Int = 0
        var description: String = ""

        var json: JSONValue {
            [
                "name": .string(name), "type": .string(type), "format": .string(format),
                "description": .string(description.isEmpty ? name : description), "priority": .int(Int64(priority)),
            ]
        }
    }

    /// The table for `objects`, which all belong to `definition`.
    static func table(
        for objects: [KubeObject], definition: ResourceDefinition, query: QueryParameters, printer custom: TablePrinter? = nil
    ) -> JSONObject {
        let now = KubeTime.parse(KubeTime.now()) ?? 0
        let printer = custom ?? TablePrinters.printer(for: definition)
        let include = query["includeObject"] ?? "Metadata"
        let rows: [JSONValue] = objects.map { object in
            var row: JSONObject = ["cells": .array(printer.cells(object, now))]
            switch include {
            case "None": break
            case "Object": row["object"] = object.json
            default: row["object"] = partialMetadata(object)
            }
            return .object(row)
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": .object([:]),
            "columnDefinitions": .array(printer.columns.map(\.json)), "rows": .array(rows),
        ]
    }

    private static func partialMetadata(_ object: KubeObject) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": .object(object.metadata)]
    }
}

/// The columns and cell values of one kind's table.
struct TablePrinter: Sendable {
    var columns: [TableRenderer.Column]
    var cells: @Sendable (KubeObject, Int64) -> [JSONValue]
}
