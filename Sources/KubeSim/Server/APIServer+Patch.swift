import Hummingbird
import KubeCore
import KubeSimAuth
import KubeSimStorage

extension APIServer {
    /// PATCH on an object or its status; the content type picks the patch format.
    func patch(_ call: ResourceCall) throws -> Response {
        throw KubeAPIError.unsupportedMediaType("PATCH is not available yet")
    }

    /// TokenRequest for a service account.
    func createToken(_ call: ResourceCall, user: UserInfo) async throws -> Response {
        throw KubeAPIError.methodNotAllowed("token requests are not available yet")
    }
}
