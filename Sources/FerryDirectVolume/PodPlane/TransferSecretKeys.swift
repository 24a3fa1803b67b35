import Foundation
import FerryTransfer
import KubeCore

/// The keys of the transfer Secrets and how the credentials are stored in and read from them.
enum TransferSecretKeys {
    static let caCertificate = "ca.crt"
    static let serverCertificate = "server.crt"
    static let serverKey = "server.key"
    static let clientCertificate = "client.crt"
    static let clientKey = "client.key"
    static let password = "password"
    static let rsyncSecrets = "rsyncd.secrets"
    static let stunnelConfiguration = "stunnel.conf"

    /// A Secret whose `data` holds `values`, base64 encoded as the API expects.
    static func secret(name: String, namespace: String, labels: [String: String], values: [String: String]) -> KubeObject {
        var secret = KubeObject(apiVersion: "v1", kind: "Secret", name: name, namespace: namespace)
        secret.labels = labels
        secret["type"] = "Opaque"
        secret["data"] = .object(values.mapValues { .string(Data($0.utf8).base64EncodedString()) })
        return secret
    }

    /// The decoded value of `key` in `secret`, or nil.
    static func value(_ key: String, in secret: KubeObject) -> String? {
        if let encoded = secret["data"]?[key]?.stringValue, let data = Data(base64Encoded: encoded) {
            return String(decoding: data, as: UTF8.self)
        }
        return secret["stringData"]?[key]?.stringValue
    }

    /// The credentials and password kept in a destination Secret.
    static func credentials(in secret: KubeObject) throws -> (TransferCredentials, String) {
        func required(_ key: String) throws -> String {
            guard let value = value(key, in: secret), !value.isEmpty else {
                throw TransferError(
                    code: .credentials,
                    message: "transfer Secret \(secret.qualifiedName) has no '\(key)'; delete it so the transfer creates new credentials")
            }
            return value
        }
        let credentials = TransferCredentials(
            caCertificatePEM: try required(caCertificate), serverCertificatePEM: try required(serverCertificate),
            serverKeyPEM: try required(serverKey), clientCertificatePEM: try required(clientCertificate),
            clientKeyPEM: try required(clientKey))
        return (credentials, try required(password))
    }
}
