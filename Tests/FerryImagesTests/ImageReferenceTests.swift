@testable import FerryImages
import Testing

@Suite("Image references and auth challenges")
struct ImageReferenceTests {
    @Test("a loopback registry with a port, a nested repository and a tag parse into their parts")
    func registryPortRepositoryTag() throws {
        let reference = try ImageReference(parsing: "127.0.0.1:5000/team/app:v1.2")
        #expect(reference.registry == "127.0.0.1:5000")
        #expect(reference.repository == "team/app")
        #expect(reference.tag == "v1.2")
        #expect(reference.digest == nil)
        #expect(reference.manifestReference == "v1.2")
        #expect(reference.description == "127.0.0.1:5000/team/app:v1.2")
    }

    @Test("a digest pins the manifest, a docker:// prefix is accepted, and no tag means latest")
    func digestsPrefixesAndDefaults() throws {
        let digest = "sha256:" + String(repeating: "ab", count: 32)
        let pinned = try ImageReference(parsing: "docker://localhost/app@\(digest)")
        #expect(pinned.registry == "localhost")
        #expect(pinned.repository == "app")
        #expect(pinned.tag == nil)
        #expect(pinned.manifestReference == digest)
        let untagged = try ImageReference(parsing: "registry.example.com/app")
        #expect(untagged.tag == "latest")
        let hub = try ImageReference(parsing: "busybox:1.36")
        #expect(hub.registry == "docker.io")
        #expect(hub.repository == "library/busybox")
        #expect(hub.apiHost == "registry-1.docker.io")
    }

    @Test("malformed references are rejected with the expected form in the message", arguments: [
        "127.0.0.1:5000/Team/App:v1", "127.0.0.1:5000//app", "127.0.0.1:5000/app@sha256:1234", "127.0.0.1:5000/app:-bad", "",
    ])
    func malformedReferences(_ text: String) {
        #expect {
            try ImageReference(parsing: text)
        } throws: { error in
            let registryError = error as? RegistryError
            return registryError?.code == .invalidReference && registryError?.message.contains("registry[:port]/repository") == true
        }
    }

    @Test("a bearer challenge yields its realm, service and quoted scope with commas")
    func bearerChallenge() throws {
        let challenge = try #require(AuthChallenge(header: #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/app:pull,push""#))
        #expect(challenge.scheme == .bearer(realm: "https://auth.example.com/token", service: "registry.example.com", scope: "repository:team/app:pull,push"))
        #expect(AuthChallenge(header: #"Basic realm="registry""#)?.scheme == .basic)
        #expect(AuthChallenge(header: "Negotiate") == nil)
        #expect(AuthChallenge(header: #"Bearer service="x""#) == nil, "a bearer challenge without a realm cannot be answered")
    }
}
