import FerryTransfer
import Foundation
import KubeClient
import KubeCore

extension PodPlaneTransfer {
    /// Creates what is missing of a destination namespace's transfer server and returns its
    /// endpoint once the pod runs and the endpoint has an address; nil while it starts.
    func ensureServer(namespace: String, claims: [String], request: PodTransferRequest, names: TransferResourceNames) async throws -> ServerEndpoint? {
        let client = request.destination
        let manifests = ServerManifests(names: names, namespace: namespace, claims: claims, pods: request.pods)
        let service = try await TransferResources.ensure(manifests.service(), TransferResources.services, on: client).object
        var exposure: KubeObject?
        if let object = manifests.exposure() {
            let resource = request.pods.endpoint == .route ? TransferResources.routes : TransferResources.ingresses
            exposure = try await TransferResources.ensure(object, resource, on: client).object
        }
        guard let address = try await endpointAddress(service: service, exposure: exposure, request: request) else {
            logger.debug("transfer endpoint has no address yet", metadata: ["namespace": "\(namespace)", "endpoint": "\(request.pods.endpoint)"])
            return nil
        }
        let daemon = try manifests.daemonConfiguration()
        let stored: KubeObject
        if let secret = try await TransferResources.find(TransferResources.secrets, name: names.serverSecret, namespace: namespace, on: client) {
            stored = secret
        } else {
            let credentials = try TransferCredentials.generate(
                migrationName: request.migrationName,
                serverDNSNames: address.names.filter { !ServerEndpoint.isAddress($0) },
                serverIPAddresses: address.names.filter(ServerEndpoint.isAddress))
            let secret = manifests.secret(credentials: credentials, password: TransferPassword.generate(), daemon: daemon)
            // When two reconciles race, both read back whichever Secret was stored first.
            stored = try await TransferResources.ensure(secret, TransferResources.secrets, on: client).object
        }
        let (credentials, password) = try TransferSecretKeys.credentials(in: stored)
        _ = try await TransferResources.ensure(try manifests.configMap(), TransferResources.configMaps, on: client)
        let pod = try await TransferResources.ensure(manifests.pod(), TransferResources.pods, on: client).object
        switch pod.string("status", "phase") {
        case "Running":
            return ServerEndpoint(namespace: namespace, host: address.host, port: address.port, credentials: credentials, password: password)
        case "Failed", "Succeeded":
            logger.warning("transfer server pod ended; recreating it", metadata: ["pod": "\(pod.qualifiedName)"])
            try await TransferResources.remove(TransferResources.pods, name: pod.name, namespace: namespace, on: client)
            return nil
        default:
            try await checkPending(pod, on: client, timeout: request.pods.pendingTimeout)
            return nil
        }
    }

    /// Where clients reach the server, and every name the server certificate must carry.
    private func endpointAddress(service: KubeObject, exposure: KubeObject?, request: PodTransferRequest) async throws -> (host: String, port: Int, names: [String])? {
        let namespace = service.namespace ?? ""
        switch request.pods.endpoint {
        case .route:
            guard let host = exposure?["status"]?["ingress"]?.arrayValue?.first?["host"]?.stringValue, !host.isEmpty else { return nil }
            return (host, 443, [host])
        case .ingress:
            let host = request.pods.ingressHost ?? ""
            return (host, 443, [host])
        case .clusterIP:
            let host = "\(service.name).\(namespace).svc"
            return (host, TransferLayout.pod.tunnelPort, [host, "\(host).cluster.local"])
        case .loadBalancer:
            guard let ingress = service.status?["loadBalancer"]?["ingress"]?.arrayValue?.first,
                  let host = ingress["ip"]?.stringValue ?? ingress["hostname"]?.stringValue, !host.isEmpty
            else { return nil }
            return (host, TransferLayout.pod.tunnelPort, [host])
        case .nodePort:
            guard let port = service.spec?["ports"]?.arrayValue?.first?["nodePort"]?.intValue else { return nil }
            let nodes = try await request.destination.listAll(TransferResources.nodes).items.sorted { $0.name < $1.name }
            let addresses = nodes.compactMap { node -> String? in
                let all = node.status?["addresses"]?.arrayValue ?? []
                let preferred = all.first { $0["type"]?.stringValue == "ExternalIP" } ?? all.first { $0["type"]?.stringValue == "InternalIP" }
                return preferred?["address"]?.stringValue
            }
            guard let host = addresses.first else {
                throw TransferError(
                    code: .tunnel,
                    message: "no destination node reports an ExternalIP or InternalIP address for the NodePort Service \(service.qualifiedName); choose another TransferPodSettings.endpoint")
            }
            return (host, port, addresses)
        }
    }

    /// Throws when `pod` has been Pending longer than `timeout`, naming why it does not start.
    func checkPending(_ pod: KubeObject, on client: KubeClient, timeout: Duration) async throws {
        guard let created = pod.creationTimestamp.flatMap(KubeTime.parse) else { return }
        let age = now().timeIntervalSince1970 - Double(created)
        guard age > timeout.seconds else { return }
        var reason = Self.waitingReason(of: pod)
        if reason == nil {
            let events = try? await client.list(
                TransferResources.events, namespace: pod.namespace,
                options: ListOptions(fieldSelector: "involvedObject.name=\(pod.name)"))
            reason = events?.items.filter { $0.string("involvedObject", "name") == pod.name && $0.string("type") == "Warning" }
                .last.map { "\($0.string("reason") ?? "Warning"): \($0.string("message") ?? "")" }
        }
        throw TransferError(
            code: .tunnel,
            message: "transfer pod \(pod.qualifiedName) has been Pending for \(Int(age))s, longer than the pending timeout of \(Int(timeout.seconds))s: "
                + (reason ?? "no condition or event says why")
                + "; fix the cause (the namespace's node selector, quotas, claims that do not bind, the image) or raise TransferPodSettings.pendingTimeout")
    }

    /// The scheduler's or kubelet's reason a pod does not start: an unsatisfied PodScheduled
    /// condition, or a container waiting (image pull, configuration).
    static func waitingReason(of pod: KubeObject) -> String? {
        let conditions = pod.status?["conditions"]?.arrayValue ?? []
        if let scheduled = conditions.first(where: { $0["type"]?.stringValue == "PodScheduled" && $0["status"]?.stringValue == "False" }) {
            return "\(scheduled["reason"]?.stringValue ?? "Unschedulable"): \(scheduled["message"]?.stringValue ?? "")"
        }
        let statuses = (pod.status?["initContainerStatuses"]?.arrayValue ?? []) + (pod.status?["containerStatuses"]?.arrayValue ?? [])
        for status in statuses {
            if let waiting = status["state"]?["waiting"], let reason = waiting["reason"]?.stringValue, reason != "ContainerCreating" {
                return "container \(status["name"]?.stringValue ?? "?") is waiting: \(reason): \(waiting["message"]?.stringValue ?? "")"
            }
        }
        return nil
    }
}

extension KubeObject {
    /// The string at a path, for reading statuses.
    func string(_ path: String...) -> String? {
        json[path: path]?.stringValue
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
