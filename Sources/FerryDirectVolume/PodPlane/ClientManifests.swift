import FerryTransfer
import KubeCore

/// The source's side: a Secret per destination namespace and one client pod per claim and
/// attempt, which runs rsync through a local stunnel client to the destination's endpoint.
struct ClientManifests: Sendable {
    let names: TransferResourceNames
    let pods: TransferPodSettings
    let settings: TransferSettings
    let kind: TransferKind
    var layout: TransferLayout = .pod

    /// The client end of the tunnel: rsync connects to it on loopback; it opens TLS to the
    /// destination's endpoint (through the CONNECT proxy when one is set) and checks its name.
    func stunnelConfiguration(endpoint: ServerEndpoint) throws -> StunnelConfiguration {
        let proxy = try settings.tunnelProxy.flatMap { $0.isEmpty ? nil : try TunnelProxy(parsing: $0) }
        return .client(
            accept: "127.0.0.1:\(layout.rsyncPort)", connect: endpoint.address, peerIdentity: endpoint.identity,
            caFile: "\(layout.secretDirectory)/\(TransferSecretKeys.caCertificate)",
            certificateFile: "\(layout.secretDirectory)/\(TransferSecretKeys.clientCertificate)",
            keyFile: "\(layout.secretDirectory)/\(TransferSecretKeys.clientKey)",
            pidFile: "\(layout.runDirectory)/stunnel.pid", proxy: proxy)
    }

    /// The source Secret: the client certificate and key, the CA, the password and `stunnel.conf`
    /// (a Secret rather than a ConfigMap because it may hold the proxy's password).
    func secret(namespace: String, endpoint: ServerEndpoint) throws -> KubeObject {
        TransferSecretKeys.secret(
            name: names.clientSecret(destinationNamespace: endpoint.namespace), namespace: namespace,
            labels: names.commonLabels.merging([TransferResourceNames.roleLabel: "client"]) { $1 },
            values: [
                TransferSecretKeys.caCertificate: endpoint.credentials.caCertificatePEM,
                TransferSecretKeys.clientCertificate: endpoint.credentials.clientCertificatePEM,
                TransferSecretKeys.clientKey: endpoint.credentials.clientKeyPEM,
                TransferSecretKeys.password: endpoint.password,
                TransferSecretKeys.stunnelConfiguration: try stunnelConfiguration(endpoint: endpoint).rendered(),
            ])
    }

    /// rsync's options: the settings, `--delete` when this kind of copy deletes, and
    /// `--checksum` for verified volumes.
    func rsyncOptions(verify: Bool) -> RsyncOptions {
        RsyncOptions(
            bandwidthLimit: settings.bandwidthLimitKiBps, archive: settings.archive, partial: settings.partial,
            delete: settings.deletes(in: kind), hardLinks: settings.hardLinks,
            extras: settings.extraOptions + (verify && !settings.extraOptions.contains("--checksum") ? ["--checksum"] : []))
    }

    /// The rsync command of `volume`: the mounted source claim into the destination claim's module.
    func rsyncCommand(for volume: PodTransferVolume) throws -> [String] {
        let source = layout.mountPath(namespace: volume.sourceNamespace, claim: volume.sourceClaim) + "/"
        let target = "rsync://\(TransferLayout.rsyncUser)@127.0.0.1:\(layout.rsyncPort)/\(volume.destinationClaim)/"
        return [layout.rsync] + (try rsyncOptions(verify: volume.verify).arguments()) + [source, target]
    }

    /// The client pod of `attempt` for `volume`, pinned to `nodeName` when the claim must be
    /// mounted where its user runs; `history` records the attempts before this one.
    func pod(for volume: PodTransferVolume, endpoint: ServerEndpoint, attempt: Int, nodeName: String?, history: String) throws -> KubeObject {
        var pod = KubeObject(
            apiVersion: "v1", kind: "Pod", name: names.clientPod(claim: volume.sourceClaim, kind: kind, attempt: attempt),
            namespace: volume.sourceNamespace)
        pod.labels = names.clientLabels(claim: volume.sourceClaim, kind: kind)
        pod.annotations = [
            TransferResourceNames.attemptAnnotation: String(attempt),
            TransferResourceNames.historyAnnotation: history,
            "ferry.dev/transfer-source": volume.id,
            "ferry.dev/transfer-destination": "\(volume.destinationNamespace)/\(volume.destinationClaim)",
        ]
        let mountPath = layout.mountPath(namespace: volume.sourceNamespace, claim: volume.sourceClaim)
        let common: [JSONValue] = [
            ["name": "secret", "mountPath": .string(layout.secretDirectory), "readOnly": true],
            ["name": "run", "mountPath": .string(layout.runDirectory)],
        ]
        // A native sidecar: started (and its listener up, per the pid file) before rsync runs,
        // stopped once rsync ends, so the pod's phase is rsync's outcome.
        let stunnel: JSONValue = [
            "name": "stunnel", "image": .string(pods.transferImage), "restartPolicy": "Always",
            "command": [.string(layout.stunnel), .string("\(layout.secretDirectory)/\(TransferSecretKeys.stunnelConfiguration)")],
            "startupProbe": [
                "exec": ["command": ["/bin/sh", "-c", .string("test -s \(layout.runDirectory)/stunnel.pid")]],
                "periodSeconds": 1, "failureThreshold": 30,
            ],
            "volumeMounts": .array(common),
            "resources": pods.sourceResources.json,
            "securityContext": pods.containerSecurityContext(writes: false),
        ]
        let rsync: JSONValue = [
            "name": "rsync", "image": .string(pods.transferImage),
            "command": .array(try rsyncCommand(for: volume).map { .string($0) }),
            "env": [["name": "RSYNC_PASSWORD", "valueFrom": ["secretKeyRef": [
                "name": .string(names.clientSecret(destinationNamespace: volume.destinationNamespace)),
                "key": .string(TransferSecretKeys.password),
            ]]]],
            "volumeMounts": .array(common + [["name": "source", "mountPath": .string(mountPath), "readOnly": true]]),
            "resources": pods.sourceResources.json,
            "securityContext": pods.containerSecurityContext(writes: false),
            // On failure the log's tail becomes the termination message: rsync's own error lines.
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        var spec: JSONObject = [
            "initContainers": [stunnel],
            "containers": [rsync],
            "volumes": [
                ["name": "secret", "secret": [
                    "secretName": .string(names.clientSecret(destinationNamespace: volume.destinationNamespace)),
                    "defaultMode": .int(Int64(pods.secretFileMode)),
                ]],
                ["name": "run", "emptyDir": [:]],
                ["name": "source", "persistentVolumeClaim": ["claimName": .string(volume.sourceClaim), "readOnly": true]],
            ],
            "restartPolicy": "Never",
            "securityContext": pods.podSecurityContext(supplementalGroups: pods.sourceSupplementalGroups),
            "terminationGracePeriodSeconds": 5,
        ]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        pod.spec = .object(spec)
        return pod
    }
}
