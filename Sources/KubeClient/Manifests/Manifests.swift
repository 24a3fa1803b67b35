public import KubeCore
import Yams

/// Reading manifests as users write them: YAML (one or more `---`-separated documents) or
/// JSON, with `List` objects expanded into their items.
public enum Manifests {
    /// The objects in `text`, in document order. Empty documents are skipped; a document
    /// that is not an object, or has no `apiVersion` or `kind`, is an error naming its
    /// position in `source`.
    public static func decode(_ text: String, source: String = "manifest") throws(KubeClientError) -> [KubeObject] {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" || trimmed.first == "[" {
            do {
                return try objects(in: try JSONValue(parsing: text), source: source, document: 1)
            } catch let error as KubeClientError {
                throw error
            } catch {
                throw KubeClientError(.invalidConfiguration, "\(source): not valid JSON: \(error)")
            }
        }
        var result: [KubeObject] = []
        do {
            var document = 0
            for node in try Yams.compose_all(yaml: text) {
                document += 1
                result += try objects(in: JSONValue(yamlNode: node), source: source, document: document)
            }
        } catch let error as KubeClientError {
            throw error
        } catch {
            throw KubeClientError(.invalidConfiguration, "\(source): not valid YAML: \(error)")
        }
        return result
    }

    private static func objects(in value: JSONValue, source: String, document: Int) throws(KubeClientError) -> [KubeObject] {
        switch value {
        case .null:
            return []
        case .array(let elements):
            var result: [KubeObject] = []
            for element in elements { result += try objects(in: element, source: source, document: document) }
            return result
        case .object(let members):
            let object = KubeObject(members)
            if object.kind.hasSuffix("List"), let items = members["items"]?.arrayValue {
                var result: [KubeObject] = []
                for item in items { result += try objects(in: item, source: source, document: document) }
                return result
            }
            guard !object.apiVersion.isEmpty, !object.kind.isEmpty else {
                throw KubeClientError(
                    .invalidConfiguration, "\(source): document \(document) has no apiVersion or kind; every object needs both")
            }
            return [object]
        default:
            throw KubeClientError(.invalidConfiguration, "\(source): document \(document) is not an object")
        }
    }
}
