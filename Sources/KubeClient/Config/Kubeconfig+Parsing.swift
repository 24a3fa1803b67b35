import Foundation
import KubeCore
import Yams

extension Kubeconfig {
    /// Parses the YAML (or JSON) text of one kubeconfig file; `file` names it in errors and
    /// anchors its relative paths.
    public init(parsing text: String, file: String) throws(KubeClientError) {
        let document: JSONValue
        do {
            guard let node = try Yams.compose(yaml: text) else {
                self.init(files: [file])
                return
            }
            document = JSONValue(yamlNode: node)
        } catch {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(file): not valid YAML: \(error)")
        }
        guard document.objectValue != nil || document.isNull else {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(file): the document is not a mapping")
        }
        let directory = (file as NSString).deletingLastPathComponent
        var result = Kubeconfig(files: [file])
        result.currentContext = document["current-context"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        for (entry, fields) in try Self.namedEntries(document, list: "clusters", member: "cluster", file: file) {
            let reader = FieldReader(file: file, entry: "cluster \"\(entry)\"", fields: fields)
            let cluster = Cluster(
                name: entry, file: file,
                server: try reader.string("server") ?? "",
                certificateAuthority: try reader.string("certificate-authority").map { Self.resolve($0, in: directory) },
                certificateAuthorityData: try reader.string("certificate-authority-data"),
                insecureSkipTLSVerify: try reader.bool("insecure-skip-tls-verify"),
                tlsServerName: try reader.string("tls-server-name"),
                proxyURL: try reader.string("proxy-url"))
            if result.clusters[entry] == nil { result.clusters[entry] = cluster }
        }
        for (entry, fields) in try Self.namedEntries(document, list: "users", member: "user", file: file) {
            let reader = FieldReader(file: file, entry: "user \"\(entry)\"", fields: fields)
            var user = User(name: entry, file: file)
            user.token = try reader.string("token")
            user.tokenFile = try reader.string("tokenFile").map { Self.resolve($0, in: directory) }
            user.clientCertificate = try reader.string("client-certificate").map { Self.resolve($0, in: directory) }
            user.clientCertificateData = try reader.string("client-certificate-data")
            user.clientKey = try reader.string("client-key").map { Self.resolve($0, in: directory) }
            user.clientKeyData = try reader.string("client-key-data")
            user.username = try reader.string("username")
            user.password = try reader.string("password")
            if let provider = fields["auth-provider"], !provider.isNull {
                user.authProvider = provider["name"]?.stringValue ?? "unnamed"
            }
            if let exec = fields["exec"], !exec.isNull {
                user.exec = try Self.execConfig(exec, reader: reader, directory: directory)
            }
            if result.users[entry] == nil { result.users[entry] = user }
        }
        for (entry, fields) in try Self.namedEntries(document, list: "contexts", member: "context", file: file) {
            let reader = FieldReader(file: file, entry: "context \"\(entry)\"", fields: fields)
            let context = Context(
                name: entry, file: file,
                cluster: try reader.string("cluster") ?? "",
                user: try reader.string("user") ?? "",
                namespace: try reader.string("namespace").flatMap { $0.isEmpty ? nil : $0 })
            if result.contexts[entry] == nil { result.contexts[entry] = context }
        }
        self = result
    }

    private static func execConfig(_ exec: JSONValue, reader: FieldReader, directory: String) throws(KubeClientError) -> ExecConfig {
        let execReader = FieldReader(file: reader.file, entry: "\(reader.entry): exec", fields: exec.objectValue ?? [:])
        guard let command = try execReader.string("command"), !command.isEmpty else {
            throw reader.failure("exec has no command")
        }
        let apiVersion = try execReader.string("apiVersion") ?? ""
        guard ExecCredentialPlugin.supportedVersions.contains(apiVersion) else {
            throw reader.failure("exec apiVersion \"\(apiVersion)\" is not supported; use client.authentication.k8s.io/v1 or v1beta1")
        }
        var environment: [(name: String, value: String)] = []
        for variable in exec["env"]?.arrayValue ?? [] {
            guard let name = variable["name"]?.stringValue else { throw reader.failure("exec env entry has no name") }
            environment.append((name, variable["value"]?.stringValue ?? ""))
        }
        let args = exec["args"]?.arrayValue?.map { $0.stringValue ?? $0.serializedString() } ?? []
        // As client-go: a command with a slash that is not absolute is relative to the file.
        let resolvedCommand = command.contains("/") ? resolve(command, in: directory) : command
        return ExecConfig(
            apiVersion: apiVersion, command: resolvedCommand, args: args, env: environment,
            provideClusterInfo: try execReader.bool("provideClusterInfo"),
            interactiveMode: try execReader.string("interactiveMode"))
    }

    private static func namedEntries(_ document: JSONValue, list: String, member: String, file: String) throws(KubeClientError) -> [(String, JSONObject)] {
        guard let value = document[list], !value.isNull else { return [] }
        guard let items = value.arrayValue else {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(file): \(list) is not a list")
        }
        var entries: [(String, JSONObject)] = []
        for (index, item) in items.enumerated() {
            guard let name = item["name"]?.stringValue, !name.isEmpty else {
                throw KubeClientError(.invalidConfiguration, "kubeconfig \(file): \(list)[\(index)] has no name")
            }
            let fields = item[member]
            guard let fields, let members = fields.objectValue else {
                if fields == nil || fields?.isNull == true { entries.append((name, [:])); continue }
                throw KubeClientError(.invalidConfiguration, "kubeconfig \(file): \(member) \"\(name)\": \(member) is not a mapping")
            }
            entries.append((name, members))
        }
        return entries
    }

    static func resolve(_ path: String, in directory: String) -> String {
        if path.isEmpty || path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
        return directory.isEmpty ? path : "\(directory)/\(path)"
    }
}

/// Reads typed fields of one kubeconfig entry, failing with a message that names the entry.
struct FieldReader {
    let file: String
    let entry: String
    let fields: JSONObject

    func failure(_ problem: String) -> KubeClientError {
        KubeClientError(.invalidConfiguration, "kubeconfig \(file): \(entry): \(problem)")
    }

    func string(_ key: String) throws(KubeClientError) -> String? {
        switch fields[key] {
        case nil, .null?: return nil
        case .string(let value)?: return value
        case .int(let value)?: return String(value)
        case .bool(let value)?: return String(value)
        default: throw failure("\(key) must be a string")
        }
    }

    func bool(_ key: String) throws(KubeClientError) -> Bool {
        switch fields[key] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        case .string(let text)?:
            switch text.lowercased() {
            case "true": return true
            case "false", "": return false
            default: throw failure("\(key) must be true or false, not \"\(text)\"")
            }
        default: throw failure("\(key) must be true or false")
        }
    }
}
