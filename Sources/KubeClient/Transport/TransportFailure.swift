import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

/// A failure to exchange a request with the server, classified for retrying and explained
/// for people.
struct TransportFailure {
    let error: any Error
    let server: String
    let tls: ClientConfiguration.TLS

    private var text: String { String(describing: error) }

    /// Whether the request certainly never reached the server (so even POST may be sent again).
    var reachedServer: Bool {
        if error is NIOConnectionError { return false }
        if let error = error as? HTTPClientError, error == .connectTimeout { return false }
        if let error = error as? ChannelError, case .connectTimeout = error { return false }
        if let error = error as? IOError, error.errnoCode == ECONNREFUSED { return false }
        return !text.contains("Connection refused")
    }

    /// Whether trying again could help; TLS failures and cancellations will not.
    var isRetryable: Bool {
        if isCertificateFailure || error is NIOSSLError || error is CancellationError { return false }
        if let error = error as? HTTPClientError, error == .cancelled || error == .deadlineExceeded { return false }
        return true
    }

    private var isCertificateFailure: Bool {
        text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
    }

    private var isHostnameFailure: Bool {
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname { return true }
        return text.contains("failedToValidateHostname")
    }

    /// The error to report, naming the server and, for TLS trouble, the fix.
    func clientError(url: String) -> KubeClientError {
        if isCertificateFailure {
            if let source = tls.certificateAuthoritySource {
                return KubeClientError(.transport, "certificate verify failed for \(server): the server's certificate is not signed by the cluster's \(source); fix the CA (or, for a throwaway test cluster only, set insecure-skip-tls-verify)")
            }
            return KubeClientError(.transport, "certificate verify failed for \(server): the server's certificate is not signed by any certificate authority this machine trusts; set certificate-authority or certificate-authority-data for the cluster in the kubeconfig")
        }
        if isHostnameFailure {
            return KubeClientError(.transport, "certificate verify failed for \(server): the server's certificate is not valid for \(tls.serverName ?? "this host name"); set tls-server-name in the kubeconfig to a name the certificate carries")
        }
        if !reachedServer {
            return KubeClientError(.transport, "cannot connect to \(server): \(text); is the API server running and reachable?")
        }
        return KubeClientError(.transport, "request to \(url) failed: \(text)")
    }
}
