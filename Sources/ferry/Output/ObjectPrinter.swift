import FerryCLI
import KubeCore

/// Objects as `-o json` and `-o yaml` print them: one object as itself, several as a `List`,
/// as kubectl does.
enum ObjectPrinter {
    static func print(_ objects: [KubeObject], single: Bool, format: OutputFormat) {
        let value: JSONValue =
            single && objects.count == 1
            ? objects[0].json : ["apiVersion": "v1", "kind": "List", "items": .array(objects.map(\.json))]
        switch format {
        case .json: Terminal.write(value.serializedString(pretty: true) + "\n")
        case .yaml: Terminal.write(YAMLRenderer.render(value))
        case .text: Terminal.write(value.serializedString() + "\n")
        }
    }
}
