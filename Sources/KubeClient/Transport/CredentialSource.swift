import Foundation
import KubeCore
import Logging
import NIOSSL

/// Supplies the `Authorization` header (and, for exec plugins, the client certificate) for
/// each request, re-reading token files when they change and re-running plugins when their
/// credential expires or the server refuses it.
actor CredentialSource {
    /// What one request carries.
    struct Material: Sendable {
        var authorization: String?
        var tlsConfiguration: TLSConfiguration?
    }

    private let credentials: ClientConfiguration.Credentials
    private let plugin: ExecCredentialPlugin?
    private let tls: ClientConfiguration.TLS
    private let origin: String
    private var tokenFileCache: (token: String, modified: Date?, size: Int?)?
    private var pluginTLS: (certificate: [UInt8], key: [UInt8], configuration: TLSConfiguration)?

    init(configuration: ClientConfiguration, logger: Logger) {
        self.credentials = configuration.credentials
        self.tls = configuration.tls
        self.origin = configuration.origin
        if case .exec(let exec) = configuration.credentials {
            var cluster: JSONObject = ["server": .string(configuration.server)]
            if let ca = configuration.tls.certificateAuthorityPEM { cluster["certificate-authority-data"] = .string(Data(ca).base64EncodedString()) }
            if configuration.tls.insecureSkipVerify { cluster["insecure-skip-tls-verify"] = true }
            if let name = configuration.tls.serverName { cluster["tls-server-name"] = .string(name) }
            plugin = ExecCredentialPlugin(config: exec, clusterInfo: .object(cluster), logger: logger)
        } else {
            plugin = nil
        }
    }

    /// The credentials for the next request.
    func material() async throws(KubeClientError) -> Material {
        switch credentials {
        case .none:
            return Material()
        case .bearerToken(let token):
            return Material(authorization: "Bearer \(token)")
        case .basic(let username, let password):
            let encoded = Data("\(username):\(password)".utf8).base64EncodedString()
            return Material(authorization: "Basic \(encoded)")
        case .tokenFile(let path):
            return Material(authorization: "Bearer \(try readTokenFile(path))")
        case .exec:
            guard let plugin else { return Material() }
            let credential = try await plugin.credential()
            var material = Material(authorization: credential.token.map { "Bearer \($0)" })
            if let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
                if let pluginTLS, pluginTLS.certificate == certificate, pluginTLS.key == key {
                    material.tlsConfiguration = pluginTLS.configuration
                } else {
                    let configuration = try TLSConfiguration.kubeClient(tls, clientCertificatePEM: certificate, clientKeyPEM: key, origin: origin)
                    pluginTLS = (certificate, key, configuration)
                    material.tlsConfiguration = configuration
                }
            }
            return material
        }
    }

    /// Whether a 401 is worth one more try with fresh credentials.
    var canRefresh: Bool {
        switch credentials {
        case .exec, .tokenFile: return true
        default: return false
        }
    }

    /// The server refused the credentials: forget cached ones.
    func refused() async {
        tokenFileCache = nil
        await plugin?.invalidate()
    }

    /// Reads the token file again only when its modification time or size changed, so a
    /// rotated projected token is picked up on the next request.
    private func readTokenFile(_ path: String) throws(KubeClientError) -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date
        let size = (attributes?[.size] as? NSNumber)?.intValue
        if let cache = tokenFileCache, cache.modified == modified, cache.size == size, modified != nil {
            return cache.token
        }
        guard let data = FileManager.default.contents(atPath: path),
            let text = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty
        else {
            throw KubeClientError(.invalidConfiguration, "\(origin): token file \(path) is missing or empty")
        }
        tokenFileCache = (text, modified, size)
        return text
    }
}
