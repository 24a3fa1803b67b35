public import Foundation
public import KubeClient

/// The contexts of a kubeconfig, resolved to client configurations with errors that name the
/// context and list the ones that exist.
public struct KubeconfigContexts: Sendable {
    /// The merged kubeconfig.
    public var kubeconfig: Kubeconfig

    /// Wraps a loaded kubeconfig.
    public init(kubeconfig: Kubeconfig) {
        self.kubeconfig = kubeconfig
    }

    /// Loads `path`, or the file kubectl would use (`KUBECONFIG`, else `~/.kube/config`).
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(FerryCLIError) -> KubeconfigContexts {
        do {
            if let path, !path.isEmpty { return KubeconfigContexts(kubeconfig: try Kubeconfig.loadFile(path)) }
            return KubeconfigContexts(kubeconfig: try Kubeconfig.loadDefault(environment: environment))
        } catch {
            throw FerryCLIError(code: "kubeconfig-unreadable", message: "\(error.message); pass --kubeconfig FILE or set KUBECONFIG")
        }
    }

    /// Where the kubeconfig was read from.
    public var files: String { kubeconfig.files.joined(separator: ":") }

    /// Every context name, sorted.
    public var contextNames: [String] { kubeconfig.contexts.keys.sorted() }

    /// `name`, or the current context when `nil`; an error lists the contexts that exist.
    public func contextName(_ name: String?) throws(FerryCLIError) -> String {
        guard let chosen = name ?? kubeconfig.currentContext, !chosen.isEmpty else {
            throw FerryCLIError(
                code: "no-context",
                message: "kubeconfig \(files) has no current-context; choose one with --context (available: \(availableList))")
        }
        guard kubeconfig.contexts[chosen] != nil else {
            throw FerryCLIError(
                code: "context-not-found",
                message: "context \"\(chosen)\" is not in kubeconfig \(files); available contexts: \(availableList)")
        }
        return chosen
    }

    /// The client configuration of a context (the current one when `nil`).
    public func configuration(context: String?, namespace: String? = nil) throws(FerryCLIError) -> ClientConfiguration {
        let name = try contextName(context)
        do {
            return try ClientConfiguration(kubeconfig: kubeconfig, context: name, namespace: namespace)
        } catch {
            throw FerryCLIError(code: "context-invalid", message: "context \"\(name)\": \(error.message)")
        }
    }

    /// The API server URL of a context.
    public func server(of context: String) -> String? {
        guard let entry = kubeconfig.contexts[context] else { return nil }
        return kubeconfig.clusters[entry.cluster]?.server
    }

    private var availableList: String {
        contextNames.isEmpty ? "none" : contextNames.joined(separator: ", ")
    }
}
