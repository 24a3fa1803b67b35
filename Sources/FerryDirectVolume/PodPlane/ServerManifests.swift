import FerryTransfer
import KubeCore

/// The destination's side of one namespace: the rsync daemon and the stunnel server in one
/// pod, their configuration, and the endpoint the source's clients reach it by.
struct ServerManifests: Sendable {
    let names: TransferResourceNames
    let namespace: String
    /// The namespace's destination claims, sorted; one rsync module each.
    let claims: [String]
    let pods: TransferPodSettings
    let layout: TransferLayout

    init(names: TransferResourceNames, namespace: String, claims: [String], pods: TransferPodSettings, layout: TransferLayout = .pod) {
        self.names = names
        self.namespace = namespace
        self.claims = Array(Set(claims)).sorted()
        self.pods = pods
        self.layout = layout
    }

    /// The Secret with the whole TLS material and the rsync password. The client half is kept
    /// here too, so a restarted controller can still write the source's Secret.
    func secret(credentials: TransferCredentials, password: String, daemon: RsyncDaemonConfiguration) -> KubeObject {
        TransferSecretKeys.secret(name: names.serverSecret, namespace: namespace, labels: names.serverLabels, values: [
            TransferSecretKeys.caCertificate: credentials.caCertificatePEM,
            TransferSecretKeys.serverCertificate: credentials.serverCertificatePEM,
            TransferSecretKeys.serverKey: credentials.serverKeyPEM,
            TransferSecretKeys.clientCertificate: credentials.clientCertificatePEM,
            TransferSecretKeys.clientKey: credentials.clientKeyPEM,
            TransferSecretKeys.password: password,
            TransferSecretKeys.rsyncSecrets: daemon.secretsFileContents(password: password),
        ])
    }

    /// The rsync daemon: loopback only, one module per claim named after it.
    ///
    /// As root it chroots into each claim (the pod gets `SYS_CHROOT` for it): without chroot
    /// rsyncd sanitizes every symlink target it receives, so `/etc/hostname` would arrive as
    /// `etc/hostname` and `../shared` lose its `..`. Not as root it cannot, and such targets
    /// arrive rewritten; run the transfer pods as root to keep them.
    func daemonConfiguration() throws -> RsyncDaemonConfiguration {
        var daemon = try RsyncDaemonConfiguration(
            modules: claims.map { .init(name: $0, path: layout.mountPath(namespace: namespace, claim: $0)) },
            port: layout.rsyncPort, uid: pods.daemonUser, gid: pods.daemonGroup, username: TransferLayout.rsyncUser,
            secretsFile: "\(layout.runDirectory)/\(TransferSecretKeys.rsyncSecrets)",
            pidFile: "\(layout.runDirectory)/rsyncd.pid")
        daemon.useChroot = pods.runsAsRoot
        return daemon
    }

    /// The stunnel server: TLS on 2222 from any address, plain TCP to the daemon on loopback.
    func stunnelConfiguration() -> StunnelConfiguration {
        .server(
            accept: String(layout.tunnelPort), connect: "127.0.0.1:\(layout.rsyncPort)",
            caFile: "\(layout.secretDirectory)/\(TransferSecretKeys.caCertificate)",
            certificateFile: "\(layout.secretDirectory)/\(TransferSecretKeys.serverCertificate)",
            keyFile: "\(layout.secretDirectory)/\(TransferSecretKeys.serverKey)",
            pidFile: "\(layout.runDirectory)/stunnel.pid")
    }

    /// The ConfigMap with `rsyncd.conf` and `stunnel.conf`.
    func configMap() throws -> KubeObject {
        var map = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: names.serverConfigMap, namespace: namespace)
        map.labels = names.serverLabels
        map["data"] = [
            "rsyncd.conf": .string(try daemonConfiguration().rendered()),
            "stunnel.conf": .string(stunnelConfiguration().rendered()),
        ]
        return map
    }

    /// The transfer pod: `rsync` (daemon on loopback) and `stunnel` (the only listener others reach).
    func pod() -> KubeObject {
        var pod = KubeObject(apiVersion: "v1", kind: "Pod", name: names.serverPod, namespace: namespace)
        pod.labels = names.serverLabels
        let mounts: [JSONValue] = [
            ["name": "config", "mountPath": .string(layout.configDirectory), "readOnly": true],
            ["name": "secret", "mountPath": .string(layout.secretDirectory), "readOnly": true],
            ["name": "run", "mountPath": .string(layout.runDirectory)],
        ]
        let claimMounts: [JSONValue] = claims.enumerated().map { index, claim in
            ["name": .string("volume-\(index)"), "mountPath": .string(layout.mountPath(namespace: namespace, claim: claim))]
        }
        let rsync: JSONValue = [
            "name": "rsync", "image": .string(pods.transferImage),
            // rsyncd's strict modes want a secrets file only its user reads: copy it with mode 0600.
            "command": ["/bin/sh", "-c", .string(
                "install -m 0600 \(layout.secretDirectory)/\(TransferSecretKeys.rsyncSecrets) \(layout.runDirectory)/\(TransferSecretKeys.rsyncSecrets)"
                    + " && exec \(layout.rsync) --daemon --no-detach --config=\(layout.configDirectory)/rsyncd.conf --log-file=/dev/stdout")],
            "volumeMounts": .array(mounts + claimMounts),
            "resources": pods.targetResources.json,
            "securityContext": pods.containerSecurityContext(writes: true),
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        let stunnel: JSONValue = [
            "name": "stunnel", "image": .string(pods.transferImage),
            "command": [.string(layout.stunnel), .string("\(layout.configDirectory)/stunnel.conf")],
            "ports": [["name": "stunnel", "containerPort": .int(Int64(layout.tunnelPort)), "protocol": "TCP"]],
            "volumeMounts": .array(mounts),
            "resources": pods.targetResources.json,
            "securityContext": pods.containerSecurityContext(writes: false),
            "terminationMessagePolicy": "FallbackToLogsOnError",
        ]
        let volumes: [JSONValue] = [
            ["name": "config", "configMap": ["name": .string(names.serverConfigMap)]],
            ["name": "secret", "secret": ["secretName": .string(names.serverSecret), "defaultMode": .int(Int64(pods.secretFileMode))]],
            ["name": "run", "emptyDir": [:]],
        ] + claims.enumerated().map { index, claim in
            ["name": .string("volume-\(index)"), "persistentVolumeClaim": ["claimName": .string(claim)]]
        }
        pod.spec = [
            "containers": [rsync, stunnel],
            "volumes": .array(volumes),
            "restartPolicy": "Always",
            "securityContext": pods.podSecurityContext(supplementalGroups: pods.targetSupplementalGroups),
            "terminationGracePeriodSeconds": 5,
        ]
        return pod
    }

    /// The Service in front of the pod's stunnel; its type follows the endpoint setting.
    func service() -> KubeObject {
        var service = KubeObject(apiVersion: "v1", kind: "Service", name: names.endpoint, namespace: namespace)
        service.labels = names.serverLabels
        let type: String
        switch pods.endpoint {
        case .nodePort: type = "NodePort"
        case .loadBalancer: type = "LoadBalancer"
        case .route, .clusterIP, .ingress: type = "ClusterIP"
        }
        service.spec = [
            "type": .string(type),
            "selector": .object(names.serverLabels.mapValues { .string($0) }),
            "ports": [["name": "stunnel", "port": .int(Int64(layout.tunnelPort)), "targetPort": .int(Int64(layout.tunnelPort)), "protocol": "TCP"]],
        ]
        return service
    }

    /// The Route (passthrough TLS: stunnel terminates it) or Ingress (SSL passthrough) in front
    /// of the Service, or nil when the Service itself is the endpoint.
    func exposure() -> KubeObject? {
        switch pods.endpoint {
        case .route:
            var route = KubeObject(apiVersion: "route.openshift.io/v1", kind: "Route", name: names.endpoint, namespace: namespace)
            route.labels = names.serverLabels
            route.spec = [
                "to": ["kind": "Service", "name": .string(names.endpoint)],
                "port": ["targetPort": "stunnel"],
                "tls": ["termination": "passthrough", "insecureEdgeTerminationPolicy": "None"],
            ]
            return route
        case .ingress:
            var ingress = KubeObject(apiVersion: "networking.k8s.io/v1", kind: "Ingress", name: names.endpoint, namespace: namespace)
            ingress.labels = names.serverLabels
            ingress.annotations = [
                "nginx.ingress.kubernetes.io/ssl-passthrough": "true",
                "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS",
            ]
            var spec: JSONObject = [
                "rules": [[
                    "host": .string(pods.ingressHost ?? ""),
                    "http": ["paths": [[
                        "path": "/", "pathType": "Prefix",
                        "backend": ["service": ["name": .string(names.endpoint), "port": ["number": .int(Int64(layout.tunnelPort))]]],
                    ]]],
                ]],
            ]
            if let ingressClass = pods.ingressClass { spec["ingressClassName"] = .string(ingressClass) }
            ingress.spec = .object(spec)
            return ingress
        case .clusterIP, .nodePort, .loadBalancer:
            return nil
        }
    }
}
