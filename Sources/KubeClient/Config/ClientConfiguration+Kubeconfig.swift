public import Foundation
import NIOSSL

extension ClientConfiguration {
    /// Resolves a context of a kubeconfig: the current context unless `context` names another,
    /// with `namespace` overriding the context's namespace. Every reference, file, base64
    /// value and PEM is checked now, so a broken kubeconfig fails here with a message naming
    /// the file, the entry and the problem.
    public init(kubeconfig: Kubeconfig, context contextOverride: String? = nil, namespace namespaceOverride: String? = nil) throws(KubeClientError) {
        let files = kubeconfig.fileDescription
        guard let contextName = contextOverride ?? kubeconfig.currentContext, !contextName.isEmpty else {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(files): no current-context is set and no context was chosen")
        }
        guard let context = kubeconfig.contexts[contextName] else {
            let known = kubeconfig.contexts.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(files): context \"\(contextName)\" is not defined (defined: \(known.isEmpty ? "none" : known))")
        }
        guard let cluster = kubeconfig.clusters[context.cluster] else {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(context.file): context \"\(contextName)\" refers to cluster \"\(context.cluster)\", which is not defined")
        }
        var user = Kubeconfig.User(name: "", file: context.file)
        if !context.user.isEmpty {
            guard let found = kubeconfig.users[context.user] else {
                throw KubeClientError(.invalidConfiguration, "kubeconfig \(context.file): context \"\(contextName)\" refers to user \"\(context.user)\", which is not defined")
            }
            user = found
        }
        let clusterReader = MaterialReader(file: cluster.file, entry: "cluster \"\(cluster.name)\"")
        guard !cluster.server.isEmpty else { throw clusterReader.failure("server is not set") }
        guard let url = URL(string: cluster.server), let scheme = url.scheme, ["https", "http"].contains(scheme), url.host != nil else {
            throw clusterReader.failure("server \"\(cluster.server)\" is not an http(s) URL")
        }
        var tls = TLS(insecureSkipVerify: cluster.insecureSkipTLSVerify, serverName: cluster.tlsServerName.flatMap { $0.isEmpty ? nil : $0 })
        if let data = cluster.certificateAuthorityData, !data.isEmpty {
            tls.certificateAuthorityPEM = try clusterReader.certificates(base64: data, field: "certificate-authority-data")
            tls.certificateAuthoritySource = "certificate-authority-data of cluster \"\(cluster.name)\" in kubeconfig \(cluster.file)"
        } else if let path = cluster.certificateAuthority, !path.isEmpty {
            tls.certificateAuthorityPEM = try clusterReader.certificates(file: path, field: "certificate-authority")
            tls.certificateAuthoritySource = "certificate-authority \(path) of cluster \"\(cluster.name)\" in kubeconfig \(cluster.file)"
        }
        if tls.insecureSkipVerify && tls.certificateAuthorityPEM != nil {
            throw clusterReader.failure("insecure-skip-tls-verify is set together with a certificate authority; choose one")
        }
        let userReader = MaterialReader(file: user.file, entry: "user \"\(user.name)\"")
        if let data = user.clientCertificateData, !data.isEmpty {
            tls.clientCertificatePEM = try userReader.certificates(base64: data, field: "client-certificate-data")
        } else if let path = user.clientCertificate, !path.isEmpty {
            tls.clientCertificatePEM = try userReader.certificates(file: path, field: "client-certificate")
        }
        if let data = user.clientKeyData, !data.isEmpty {
            tls.clientKeyPEM = try userReader.privateKey(base64: data, field: "client-key-data")
        } else if let path = user.clientKey, !path.isEmpty {
            tls.clientKeyPEM = try userReader.privateKey(file: path, field: "client-key")
        }
        if (tls.clientCertificatePEM == nil) != (tls.clientKeyPEM == nil) {
            throw userReader.failure(tls.clientKeyPEM == nil ? "a client certificate is set without a client key" : "a client key is set without a client certificate")
        }
        let credentials = try Self.credentials(of: user, reader: userReader)
        self.init(
            server: cluster.server, tls: tls, credentials: credentials,
            namespace: namespaceOverride ?? context.namespace ?? "default",
            proxyURL: cluster.proxyURL.flatMap { $0.isEmpty ? nil : $0 },
            origin: "kubeconfig \(context.file), context \"\(contextName)\"")
    }

    /// Loads the kubeconfig kubectl would (`KUBECONFIG` or `~/.kube/config`) and resolves it.
    public static func fromDefaultKubeconfig(context: String? = nil, namespace: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeClientError) -> ClientConfiguration {
        try ClientConfiguration(kubeconfig: Kubeconfig.loadDefault(environment: environment), context: context, namespace: namespace)
    }

    private static func credentials(of user: Kubeconfig.User, reader: MaterialReader) throws(KubeClientError) -> Credentials {
        if let provider = user.authProvider {
            throw reader.failure("auth-provider \"\(provider)\" is not supported; use an exec credential plugin (client.authentication.k8s.io) instead")
        }
        var kinds: [Credentials] = []
        if let token = user.token, !token.isEmpty { kinds.append(.bearerToken(token)) }
        if let path = user.tokenFile, !path.isEmpty, user.token?.isEmpty ?? true {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw reader.failure("tokenFile \(path): \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")")
            }
            kinds.append(.tokenFile(path))
        }
        if let username = user.username, !username.isEmpty {
            kinds.append(.basic(username: username, password: user.password ?? ""))
        } else if user.password?.isEmpty == false {
            throw reader.failure("password is set without username")
        }
        if let exec = user.exec { kinds.append(.exec(exec)) }
        guard kinds.count <= 1 else {
            throw reader.failure("more than one authentication method is set (token, basic, exec); choose one")
        }
        return kinds.first ?? .none
    }
}

/// Reads and checks the certificate and key material a kubeconfig entry points at.
struct MaterialReader {
    let file: String
    let entry: String

    func failure(_ problem: String) -> KubeClientError {
        KubeClientError(.invalidConfiguration, "kubeconfig \(file): \(entry): \(problem)")
    }

    func decode(base64 text: String, field: String) throws(KubeClientError) -> [UInt8] {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { throw failure("\(field) is not valid base64") }
        return Array(data)
    }

    func read(file path: String, field: String) throws(KubeClientError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw failure("\(field) \(path): \(reason)")
        }
        return Array(data)
    }

    func certificates(base64 text: String, field: String) throws(KubeClientError) -> [UInt8] {
        try checkedCertificates(decode(base64: text, field: field), field: field)
    }

    func certificates(file path: String, field: String) throws(KubeClientError) -> [UInt8] {
        try checkedCertificates(read(file: path, field: field), field: "\(field) \(path)")
    }

    func privateKey(base64 text: String, field: String) throws(KubeClientError) -> [UInt8] {
        try checkedKey(decode(base64: text, field: field), field: field)
    }

    func privateKey(file path: String, field: String) throws(KubeClientError) -> [UInt8] {
        try checkedKey(read(file: path, field: field), field: "\(field) \(path)")
    }

    private func checkedCertificates(_ pem: [UInt8], field: String) throws(KubeClientError) -> [UInt8] {
        let certificates = try? NIOSSLCertificate.fromPEMBytes(pem)
        guard let certificates, !certificates.isEmpty else { throw failure("PEM in \(field) could not be read as certificates") }
        return pem
    }

    private func checkedKey(_ pem: [UInt8], field: String) throws(KubeClientError) -> [UInt8] {
        guard (try? NIOSSLPrivateKey(bytes: pem, format: .pem)) != nil else { throw failure("PEM in \(field) could not be read") }
        return pem
    }
}
