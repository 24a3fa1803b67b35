import KubeCore

/// The OpenAPI 3.0 document of the console's API, served at `/api/openapi.json`.
enum OpenAPIDocument {
    /// The document as JSON text.
    static let json: String = document.serializedString(pretty: true)

    static var document: JSONValue {
        [
            "openapi": "3.0.3",
            "info": ["title": "Ferry console API", "version": "1.0.0"],
            "paths": paths,
            "components": ["schemas": schemas, "securitySchemes": securitySchemes],
            "security": [["bearer": []], ["session": []]],
        ]
    }
}
