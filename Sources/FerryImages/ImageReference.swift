/// A parsed image reference: `registry[:port]/repository[:tag][@sha256:digest]`.
///
/// A leading `docker://` (as `skopeo` writes references) is accepted. A first component
/// without a dot or a port that is not `localhost` is a Docker Hub repository, as in Docker.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    /// The registry's host with its port, e.g. `127.0.0.1:5000`.
    public var registry: String
    /// The repository inside the registry, e.g. `team/app`.
    public var repository: String
    /// The tag, when the reference names one.
    public var tag: String?
    /// The manifest digest (`sha256:…`), when the reference pins one.
    public var digest: String?

    /// A reference to `repository` in `registry` by `tag` and/or `digest`.
    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `text`; a reference with neither tag nor digest gets the tag `latest`.
    public init(parsing text: String) throws(RegistryError) {
        var rest = text.hasPrefix("docker://") ? String(text.dropFirst("docker://".count)) : text
        func invalid(_ why: String) -> RegistryError {
            RegistryError(.invalidReference, "image reference \"\(text)\" \(why); write it as registry[:port]/repository[:tag][@sha256:digest], e.g. 127.0.0.1:5000/team/app:v1")
        }
        var digest: String?
        if let at = rest.firstIndex(of: "@") {
            let pinned = String(rest[rest.index(after: at)...])
            guard ContentDigest.isValid(pinned) else { throw invalid("has a digest that is not sha256: followed by 64 hex digits") }
            digest = pinned
            rest = String(rest[..<at])
        }
        var tag: String?
        if let colon = rest.lastIndex(of: ":"), !rest[colon...].contains("/") {
            tag = String(rest[rest.index(after: colon)...])
            rest = String(rest[..<colon])
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard !rest.isEmpty, components.allSatisfy({ !$0.isEmpty }) else { throw invalid("has an empty name component") }
        let first = components[0]
        var registry = "docker.io"
        if components.count > 1, first.contains(".") || first.contains(":") || first == "localhost" {
            registry = first
            components.removeFirst()
        } else if components.count == 1 {
            components.insert("library", at: 0)
        }
        let repository = components.joined(separator: "/")
        guard repository.allSatisfy({ $0.isLowercase || $0.isNumber || "._-/".contains($0) }), repository.allSatisfy(\.isASCII) else {
            throw invalid("has a repository \"\(repository)\" with characters other than lowercase letters, digits, '.', '_', '-' and '/'")
        }
        if let tag {
            guard !tag.isEmpty, tag.count <= 128, tag.allSatisfy({ ($0.isLetter || $0.isNumber || "._-".contains($0)) && $0.isASCII }), tag.first != ".", tag.first != "-" else {
                throw invalid("has a tag \"\(tag)\" that is not 1-128 letters, digits, '.', '_' or '-'")
            }
        }
        self.init(registry: registry, repository: repository, tag: tag ?? (digest == nil ? "latest" : nil), digest: digest)
    }

    /// The manifest reference to request: the digest when pinned, else the tag.
    public var manifestReference: String { digest ?? tag ?? "latest" }

    /// The host the registry's API answers on (Docker Hub's API is not at `docker.io`).
    public var apiHost: String { registry == "docker.io" ? "registry-1.docker.io" : registry }

    /// The reference as text, e.g. `127.0.0.1:5000/team/app:v1`.
    public var description: String {
        var text = "\(registry)/\(repository)"
        if let tag { text += ":\(tag)" }
        if let digest { text += "@\(digest)" }
        return text
    }
}
