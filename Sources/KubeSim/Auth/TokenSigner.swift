import Crypto
import Foundation
import KubeCore

/// Signs and verifies compact JWTs (`header.payload.signature`, base64url) with HMAC-SHA256.
///
/// Service-account tokens must look like JWTs because clients decode their payload; an
/// HMAC key held by the cluster is enough for the simulator to trust only its own tokens.
struct TokenSigner: Sendable {
    private let key: SymmetricKey
    /// Identifies the key in the token header, as `kid` does for Kubernetes' signing keys.
    let keyID: String

    init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
        let digest = SHA256.hash(data: key)
        self.keyID = Base64URL.encode(Array(digest.prefix(16)))
    }

    /// The signed token carrying `claims`.
    func sign(_ claims: JSONValue) -> String {
        let header: JSONValue = ["alg": "HS256", "kid": .string(keyID), "typ": "JWT"]
        let signingInput = Base64URL.encode(header.serialized()) + "." + Base64URL.encode(claims.serialized())
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(signature))
    }

    /// The claims of `token` when it is well-formed and signed with this key; `nil` otherwise.
    func verify(_ token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]) else { return nil }
        let signingInput = parts[0] + "." + parts[1]
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Array(signingInput.utf8), using: key) else {
            return nil
        }
        guard let headerBytes = Base64URL.decode(parts[0]), let header = try? JSONValue(parsing: headerBytes),
            header["alg"]?.stringValue == "HS256",
            let payload = Base64URL.decode(parts[1]), let claims = try? JSONValue(parsing: payload), claims.objectValue != nil
        else { return nil }
        return claims
    }
}

/// Base64url without padding, as JWTs use it.
enum Base64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard).map(Array.init)
    }
}
