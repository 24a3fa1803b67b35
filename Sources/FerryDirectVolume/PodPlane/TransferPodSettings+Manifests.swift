import KubeCore

extension TransferPodSettings {
    /// The pod-level security context: the user and groups the transfer containers run as.
    func podSecurityContext(supplementalGroups: [Int]) -> JSONValue {
        var context: JSONObject = [:]
        let user = runAsUser ?? (runAsRoot == true ? 0 : nil)
        if let user { context["runAsUser"] = .int(Int64(user)) }
        if let runAsGroup { context["runAsGroup"] = .int(Int64(runAsGroup)) }
        if let runAsRoot { context["runAsNonRoot"] = .bool(!runAsRoot) }
        if !supplementalGroups.isEmpty { context["supplementalGroups"] = .array(supplementalGroups.map { .int(Int64($0)) }) }
        return .object(context)
    }

    /// Whether the transfer containers are set to run as root (not left to the image).
    var runsAsRoot: Bool { runAsRoot == true || runAsUser == 0 }

    /// The container-level security context. As root, rsync needs to set owners and modes of
    /// every file and read those it does not own, and the daemon chroots into each claim (only
    /// then does it keep symlink targets exactly); otherwise it needs no privileges at all.
    func containerSecurityContext(writes: Bool) -> JSONValue {
        let capabilities: JSONValue
        if runsAsRoot {
            let needed = writes ? ["CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "MKNOD", "SETGID", "SETUID", "SYS_CHROOT"] : ["DAC_READ_SEARCH", "DAC_OVERRIDE"]
            capabilities = ["drop": ["ALL"], "add": .array(needed.map { .string($0) })]
        } else {
            capabilities = ["drop": ["ALL"]]
        }
        return ["allowPrivilegeEscalation": false, "capabilities": capabilities]
    }

    /// The mode of the mounted Secret's files: owner-only for root, readable for a non-root user
    /// (Secret files belong to root). rsyncd gets its own 0600 copy of its secrets file either way.
    var secretFileMode: Int { runAsUser == nil || runAsUser == 0 ? 0o400 : 0o444 }

    /// The uid rsyncd writes as (its `uid` setting): the configured user, else root.
    var daemonUser: String { runAsUser.map(String.init) ?? "root" }
    /// The gid rsyncd writes as.
    var daemonGroup: String { runAsGroup.map(String.init) ?? "root" }
}

extension TransferPodSettings.Resources {
    /// `resources` of a container spec.
    var json: JSONValue {
        var requests: JSONObject = [:]
        var limits: JSONObject = [:]
        if let cpuRequest { requests["cpu"] = .string(cpuRequest) }
        if let memoryRequest { requests["memory"] = .string(memoryRequest) }
        if let cpuLimit { limits["cpu"] = .string(cpuLimit) }
        if let memoryLimit { limits["memory"] = .string(memoryLimit) }
        var resources: JSONObject = [:]
        if !requests.isEmpty { resources["requests"] = .object(requests) }
        if !limits.isEmpty { resources["limits"] = .object(limits) }
        return .object(resources)
    }
}
