import Foundation

/// Writes the sandbox kubeconfig: one context per cluster, the CA inline, token users.
enum SandboxKubeconfig {
    /// What one context needs.
    struct Entry {
        var name: String
        var server: String
        var caCertificatePEM: String
        var token: String
    }

    /// The kubeconfig text for `entries`, with `current` as current context.
    static func render(_ entries: [Entry], current: String) -> String {
        var text = "apiVersion: v1\nkind: Config\npreferences: {}\ncurrent-context: \(current)\nclusters:\n"
        for entry in entries {
            let ca = Data(entry.caCertificatePEM.utf8).base64EncodedString()
            text += "- name: \(entry.name)\n  cluster:\n    server: \(entry.server)\n    certificate-authority-data: \(ca)\n"
        }
        text += "users:\n"
        for entry in entries {
            text += "- name: \(entry.name)-admin\n  user:\n    token: \(entry.token)\n"
        }
        text += "contexts:\n"
        for entry in entries {
            text += "- name: \(entry.name)\n  context:\n    cluster: \(entry.name)\n    user: \(entry.name)-admin\n    namespace: default\n"
        }
        return text
    }

    /// Writes the file atomically, readable only by its owner (it holds admin tokens).
    static func write(_ entries: [Entry], current: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try Data(render(entries, current: current).utf8).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}
