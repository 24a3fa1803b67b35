import Hummingbird
import KubeCore
import NIOCore

/// Builds the responses the API server writes: JSON bodies and `Status` errors.
enum APIResponse {
    /// A JSON body with `code`.
    static func json(_ value: JSONValue, code: Int = 200, pretty: Bool = false) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-cache, private"
        let bytes = pretty ? Array(value.serializedString(pretty: true).utf8) + [10] : value.serialized() + [10]
        return Response(
            status: HTTPResponse.Status(code: code), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An object.
    static func object(_ object: KubeObject, code: Int = 200, pretty: Bool = false) -> Response {
        json(object.json, code: code, pretty: pretty)
    }

    /// A `Status` failure with the error's code.
    static func failure(_ error: KubeAPIError) -> Response {
        json(error.statusObject, code: error.code)
    }

    /// A `Status` success, as some deletes return.
    static func success(details: JSONValue? = nil) -> Response {
        var status: JSONObject = ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success"]
        if let details { status["details"] = details }
        return json(.object(status))
    }

    /// Plain text, as the health endpoints answer.
    static func text(_ text: String, code: Int = 200) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(
            status: HTTPResponse.Status(code: code), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
