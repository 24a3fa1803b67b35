import Foundation
public import KubeCore
public import KubeSimStorage
public import Logging
public import ServiceLifecycle

/// Fills legacy service-account token Secrets, as Kubernetes' token controller does: a Secret
/// of type `kubernetes.io/service-account-token` naming an existing account in its
/// `kubernetes.io/service-account.name` annotation gets `data.token` (a token this cluster's
/// ``Authenticator`` accepts while the Secret and account exist), `data.namespace`,
/// `data["ca.crt"]` and the account's uid annotation.
///
/// Run it as a `Service` next to the API server.
public struct TokenSecretController: Service {
    private let store: ObjectStore
    private let authenticator: Authenticator
    private let caCertificatePEM: String?
    private let logger: Logger

    /// Creates the controller; `caCertificatePEM` is written as `ca.crt` when given.
    public init(store: ObjectStore, authenticator: Authenticator, caCertificatePEM: String? = nil, logger: Logger) {
        self.store = store
        self.authenticator = authenticator
        self.caCertificatePEM = caCertificatePEM
        self.logger = logger
    }

    /// Fills every token Secret that exists now, then each one created or changed later,
    /// until graceful shutdown.
    public func run() async throws {
        guard let secrets = authenticator.definition("secrets") else { return }
        let events = try store.watch(secrets, namespace: nil)
        for await event in events.cancelOnGracefulShutdown() where event.type == .added || event.type == .modified {
            fill(event.object, definition: secrets)
        }
    }

    /// Fills one Secret when it is an unfilled token Secret of an existing account.
    public func fill(_ secret: KubeObject, definition: ResourceDefinition) {
        guard secret["type"]?.stringValue == Authenticator.serviceAccountTokenSecretType,
            secret[path: "data", "token"] == nil, secret.deletionTimestamp == nil,
            let namespace = secret.namespace,
            let accountName = secret.annotations["kubernetes.io/service-account.name"],
            let account = authenticator.object("serviceaccounts", namespace: namespace, name: accountName),
            let uid = account.uid
        else { return }
        let token = authenticator.legacyServiceAccountToken(namespace: namespace, serviceAccountName: accountName, serviceAccountUID: uid, secretName: secret.name)
        do {
            try store.modify(definition, namespace: namespace, name: secret.name) { (object: inout KubeObject) throws(KubeAPIError) in
                guard object[path: "data", "token"] == nil else { return }
                object[path: "data", "token"] = .string(Data(token.utf8).base64EncodedString())
                object[path: "data", "namespace"] = .string(Data(namespace.utf8).base64EncodedString())
                if let caCertificatePEM {
                    object[path: "data", "ca.crt"] = .string(Data(caCertificatePEM.utf8).base64EncodedString())
                }
                var annotations = object.annotations
                annotations["kubernetes.io/service-account.uid"] = uid
                object.annotations = annotations
            }
        } catch {
            logger.debug("could not fill token Secret", metadata: ["secret": "\(namespace)/\(secret.name)", "error": "\(error)"])
        }
    }
}
