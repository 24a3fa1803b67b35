import Foundation

extension TransferCredentials {
    /// Where ``write(to:)`` put each piece of the material.
    public struct Files: Sendable, Hashable {
        /// The CA certificate.
        public var caCertificate: String
        /// The server certificate.
        public var serverCertificate: String
        /// The server key (mode 0600).
        public var serverKey: String
        /// The client certificate.
        public var clientCertificate: String
        /// The client key (mode 0600).
        public var clientKey: String
    }

    /// Writes the material into `directory` (created if missing), keys readable by the owner only.
    public func write(to directory: String) throws -> Files {
        let folder = URL(fileURLWithPath: directory)
        let files = Files(
            caCertificate: folder.appendingPathComponent("ca.crt").path,
            serverCertificate: folder.appendingPathComponent("server.crt").path,
            serverKey: folder.appendingPathComponent("server.key").path,
            clientCertificate: folder.appendingPathComponent("client.crt").path,
            clientKey: folder.appendingPathComponent("client.key").path)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, text) in [(files.caCertificate, caCertificatePEM), (files.serverCertificate, serverCertificatePEM), (files.clientCertificate, clientCertificatePEM)] {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            for (path, text) in [(files.serverKey, serverKeyPEM), (files.clientKey, clientKeyPEM)] {
                // Created empty with 0600 first so the key is never readable by others, even briefly.
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                try handle.truncate(atOffset: 0)
                try handle.write(contentsOf: Data(text.utf8))
            }
        } catch {
            throw TransferError(code: .credentials, message: "writing the transfer credentials to '\(directory)' failed: \(error); check the directory is writable")
        }
        return files
    }
}
