import KubeClient

extension ConsoleSessions {
    /// Signs in as the user of `context` (the current context when `nil`) in the kubeconfig
    /// `text`: only a token written in the kubeconfig can be used; other credentials get an
    /// error saying what to paste instead.
    public func signIn(kubeconfig text: String, context: String?) async throws(ConsoleAPIError) -> ConsoleSession {
        let kubeconfig: Kubeconfig
        do {
            kubeconfig = try Kubeconfig(parsing: text, file: "the uploaded kubeconfig")
        } catch {
            throw Self.kubeconfigError("kubeconfig", error.message)
        }
        let chosen = (context?.isEmpty == false ? context : nil) ?? kubeconfig.currentContext
        guard let name = chosen else {
            throw Self.kubeconfigError("context", "the kubeconfig sets no current-context; name the context to sign in with")
        }
        guard let entry = kubeconfig.contexts[name] else {
            let known = kubeconfig.contexts.keys.sorted().joined(separator: ", ")
            throw Self.kubeconfigError("context", "the kubeconfig has no context \"\(name)\" (it has: \(known.isEmpty ? "none" : known))")
        }
        guard let user = kubeconfig.users[entry.user] else {
            throw Self.kubeconfigError("context", "context \"\(name)\" names user \"\(entry.user)\", which the kubeconfig does not define")
        }
        if let token = user.token, !token.isEmpty { return try await signIn(token: token) }
        let kind: String
        if user.clientCertificate != nil || user.clientCertificateData != nil {
            kind = "a client certificate"
        } else if user.exec != nil || user.authProvider != nil {
            kind = "a credential plugin"
        } else if user.tokenFile != nil {
            kind = "a token file on your machine"
        } else if user.username != nil {
            kind = "a user name and password"
        } else {
            kind = "no credentials"
        }
        throw Self.kubeconfigError(
            "context",
            "user \"\(entry.user)\" of context \"\(name)\" signs in with \(kind), which the console cannot use; sign in with a bearer token instead (for example from `kubectl create token` or `oc whoami -t`)")
    }

    private static func kubeconfigError(_ field: String, _ message: String) -> ConsoleAPIError {
        ConsoleAPIError(status: .unprocessableContent, code: "Invalid", message: message, fields: [field: message])
    }
}
