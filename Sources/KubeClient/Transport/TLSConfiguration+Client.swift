import NIOSSL

extension TLSConfiguration {
    /// The client TLS configuration for a cluster: its CA instead of the system roots when
    /// given, `.none` verification when insecure, and a client certificate when given
    /// (`clientCertificatePEM`/`clientKeyPEM` override the configured pair, for exec plugins).
    static func kubeClient(_ tls: ClientConfiguration.TLS, clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil, origin: String) throws(KubeClientError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        // The client closes a connection only when it wants nothing more from it (shutdown, a
        // watch it stopped following), so waiting for the server's close_notify gains nothing.
        // NIOSSL waits up to 5 s by default, and a server that keeps streaming a watch after
        // the client's close_notify held every `ferry migrate --wait` for those 5 s at exit.
        configuration.shutdownTimeout = .milliseconds(100)
        if tls.insecureSkipVerify {
            configuration.certificateVerification = .none
        } else if let pem = tls.certificateAuthorityPEM {
            do {
                configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(pem))
            } catch {
                throw KubeClientError(.invalidConfiguration, "\(origin): the certificate authority \(tls.certificateAuthoritySource ?? "") could not be read: \(error)")
            }
        }
        if let certificatePEM = clientCertificatePEM ?? tls.clientCertificatePEM, let keyPEM = clientKeyPEM ?? tls.clientKeyPEM {
            do {
                configuration.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificatePEM).map { .certificate($0) }
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem))
            } catch {
                throw KubeClientError(.invalidConfiguration, "\(origin): the client certificate or key could not be read: \(error)")
            }
        }
        return configuration
    }
}
