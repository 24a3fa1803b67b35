import Foundation
import KubeCore
import KubeSimAuth
import KubeSimStorage
import Logging
import ServiceLifecycle

/// Fills `kubernetes.io/service-account-token` Secrets with a token for the service account
/// they name, plus the cluster CA and the namespace, as kube-controller-manager's token
/// controller does. It lives with the API server because only the server holds the
/// token-signing authenticator.
struct ServiceAccountTokenController: Service {
    let store: ObjectStore
    let registry: ResourceRegistry
    let authenticator: Authenticator
    let caCertificatePEM: String
    let logger: Logger

    private static let accountNameAnnotation = "kubernetes.io/service-account.name"
    private static let accountUIDAnnotation = "kubernetes.io/service-account.uid"

    func run() async throws {
        guard let secrets = registry.definition(for: GroupResource(group: "", resource: "secrets")),
            let accounts = registry.definition(for: GroupResource(group: "", resource: "serviceaccounts"))
        else { return }
        let events = try store.watch(secrets, namespace: nil, options: ListOptions())
        await cancelWhenGracefulShutdown {
            for await event in events where event.type == .added || event.type == .modified {
                fill(event.object, secrets: secrets, accounts: accounts)
            }
        }
    }

    private func fill(_ secret: KubeObject, secrets: ResourceDefinition, accounts: ResourceDefinition) {
        guard secret["type"]?.stringValue == Authenticator.serviceAccountTokenSecretType, secret.deletionTimestamp == nil,
            secret["data"]?["token"] == nil, let namespace = secret.namespace,
            let accountName = secret.annotations[Self.accountNameAnnotation],
            let account = try? store.get(accounts, namespace: namespace, name: accountName)
        else { return }
        let token = authenticator.legacyServiceAccountToken(
            namespace: namespace, serviceAccountName: accountName, serviceAccountUID: account.uid ?? "", secretName: secret.name)
        do {
            try store.modify(secrets, namespace: namespace, name: secret.name) { (object: inout KubeObject) throws(KubeAPIError) in
                guard object["data"]?["token"] == nil else { return }
                var data = object["data"]?.objectValue ?? [:]
                data["token"] = .string(Data(token.utf8).base64EncodedString())
                data["ca.crt"] = .string(Data(caCertificatePEM.utf8).base64EncodedString())
                data["namespace"] = .string(Data(namespace.utf8).base64EncodedString())
                object["data"] = .object(data)
                var annotations = object.annotations
                annotations[Self.accountUIDAnnotation] = account.uid ?? ""
                object.annotations = annotations
            }
        } catch {
            logger.debug("could not fill service account token", metadata: ["secret": "\(namespace)/\(secret.name)", "error": "\(error)"])
        }
    }
}
