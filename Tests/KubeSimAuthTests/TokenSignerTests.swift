import Foundation
import KubeCore
@testable import KubeSimAuth
import Testing

@Suite("token signing")
struct TokenSignerTests {
    @Test("a signed token has the JWT shape and its claims come back on verification")
    func roundTrip() throws {
        let signer = TokenSigner(key: Array(repeating: 7, count: 32))
        let token = signer.sign(["sub": "system:serviceaccount:app:builder"])
        #expect(token.split(separator: ".").count == 3)
        #expect(!token.contains("="), "base64url without padding")
        let claims = try #require(signer.verify(token))
        #expect(claims["sub"]?.stringValue == "system:serviceaccount:app:builder")
        let payload = try #require(Base64URL.decode(token.split(separator: ".")[1]))
        #expect(try JSONValue(parsing: payload)["sub"] != nil, "clients can decode the payload")
    }

    @Test("a token signed with another key, or with a changed payload, is rejected")
    func tampering() throws {
        let signer = TokenSigner(key: Array(repeating: 7, count: 32))
        let other = TokenSigner(key: Array(repeating: 8, count: 32))
        let token = signer.sign(["sub": "alice"])
        #expect(other.verify(token) == nil)
        let parts = token.split(separator: ".").map(String.init)
        let forgedClaims: JSONValue = ["sub": "admin"]
        let forged = parts[0] + "." + Base64URL.encode(forgedClaims.serialized()) + "." + parts[2]
        #expect(signer.verify(forged) == nil)
        #expect(signer.verify("not-a-token") == nil)
        #expect(signer.verify(parts[0] + "." + parts[1] + ".") == nil)
    }
}
