import FerryAPI
import Foundation
import KubeClient
import KubeCore

extension MigrationRunner {
    static let jobs = GroupVersionResource(group: "batch", version: "v1", resource: "jobs")
    static let configMaps = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
    /// Label on hook Jobs naming the migration that ran them.
    static let hookMigrationLabel = MigrationAPI.migrationHelperLabel
    /// The image that runs Ansible playbooks of non-custom hooks, as MTC's.
    static let hookRunnerImage = "quay.io/konveyor/hook-runner:latest"

    /// Runs the plan's hooks of `phase` as Jobs, one after another, and waits for each.
    func runHooks(phase: String, scope: MigrationScope) async throws -> PhaseResult {
        let entries = (scope.plan.spec.hooks ?? []).enumerated().filter { $0.element.phase == phase }
        guard !entries.isEmpty else { return .skipped("No \(phase) hooks") }
        var progress: [String] = []
        for (index, entry) in entries {
            guard let name = entry.reference?.name else {
                throw MigrationRunnerError(code: "hook-invalid", message: "MigPlan \(scope.plan.name) hook \(index) has no reference; name a MigHook")
            }
            let hookNamespace = entry.reference?.namespace ?? scope.plan.namespace
            let hook: MigHook
            do {
                hook = try MigHook(object: try await host.get(MigrationResourceType.migHook.resource, name: name, namespace: hookNamespace))
            } catch let error as KubeAPIError where error.isNotFound {
                throw MigrationRunnerError(code: "hook-not-found", message: "MigHook \(hookNamespace)/\(name) of MigPlan \(scope.plan.name) does not exist; create it or remove it from the plan")
            }
            let onSource = hook.spec.targetCluster == "source"
            let client = onSource ? source : destination
            let namespace = entry.executionNamespace
                ?? (onSource ? scope.plan.sourceNamespaces.first : scope.plan.destinationNamespaces.first) ?? "default"
            let jobName = Self.hookJobName(migration: scope.migration, phase: phase, index: index)
            let job = try await ensureHookJob(named: jobName, namespace: namespace, hook: hook, entry: entry, scope: scope, client: client)
            let conditions = job[path: "status", "conditions"]?.arrayValue ?? []
            func isTrue(_ type: String) -> JSONValue? {
                conditions.first { $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True" }
            }
            if let failed = isTrue("Failed") {
                throw MigrationRunnerError(
                    code: "hook-failed",
                    message: "\(phase) hook \(name) failed: \(failed["message"]?.stringValue ?? failed["reason"]?.stringValue ?? "the job failed"); see kubectl logs job/\(jobName) -n \(namespace) on the \(onSource ? "source" : "destination") cluster")
            }
            guard isTrue("Complete") != nil else {
                return .waiting("Running \(phase) hook \(name) (job \(namespace)/\(jobName))")
            }
            progress.append("Hook \(name): job \(namespace)/\(jobName) completed")
        }
        return .done("Ran \(entries.count) \(phase) hook(s)", progress: progress)
    }

    /// The hook's Job, created when missing.
    func ensureHookJob(named jobName: String, namespace: String, hook: MigHook, entry: MigPlan.Hook, scope: MigrationScope, client: KubeClient) async throws -> KubeObject {
        do {
            return try await client.get(Self.jobs, name: jobName, namespace: namespace)
        } catch let error as KubeAPIError where error.isNotFound {}
        var container: JSONObject = [
            "name": "hook",
            "image": .string(hook.spec.image ?? Self.hookRunnerImage),
            "env": [
                ["name": "MIGRATION_NAMESPACES", "value": .string(scope.plan.sourceNamespaces.joined(separator: ","))],
                ["name": "MIGRATION_PLAN_NAME", "value": .string(scope.plan.name)],
            ],
        ]
        var podSpec: JSONObject = ["restartPolicy": "Never"]
        if let serviceAccount = entry.serviceAccount { podSpec["serviceAccountName"] = .string(serviceAccount) }
        if hook.spec.custom != true {
            guard let encoded = hook.spec.playbook, let data = Data(base64Encoded: encoded), let playbook = String(data: data, encoding: .utf8) else {
                throw MigrationRunnerError(code: "hook-invalid", message: "MigHook \(hook.name) has no base64 playbook; set spec.playbook or spec.custom: true with an image")
            }
            var configMap = KubeObject(apiVersion: "v1", kind: "ConfigMap", name: jobName, namespace: namespace)
            configMap.labels = [Self.hookMigrationLabel: scope.migration.uid]
            configMap["data"] = ["playbook.yml": .string(playbook)]
            do { _ = try await client.create(Self.configMaps, configMap, namespace: namespace) } catch let error as KubeAPIError where error.isAlreadyExists {}
            container["command"] = ["/bin/entrypoint", "ansible-runner", "-p", "/tmp/playbook/playbook.yml", "run", "/tmp/runner"]
            container["volumeMounts"] = [["name": "playbook", "mountPath": "/tmp/playbook"]]
            podSpec["volumes"] = [["name": "playbook", "configMap": ["name": .string(jobName)]]]
        }
        podSpec["containers"] = [.object(container)]
        var job = KubeObject(apiVersion: "batch/v1", kind: "Job", name: jobName, namespace: namespace)
        job.labels = [Self.hookMigrationLabel: scope.migration.uid]
        job["spec"] = [
            "backoffLimit": 0,
            "activeDeadlineSeconds": .int(Int64(hook.spec.activeDeadlineSeconds ?? 1800)),
            "template": ["metadata": ["labels": [.init(stringLiteral: Self.hookMigrationLabel): .string(scope.migration.uid)]], "spec": .object(podSpec)],
        ]
        do {
            return try await client.create(Self.jobs, job, namespace: namespace)
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return try await client.get(Self.jobs, name: jobName, namespace: namespace)
        }
    }

    /// Deletes the hook Jobs (and playbook ConfigMaps) this migration created.
    func deleteHookJobs(_ scope: MigrationScope) async throws -> PhaseResult {
        guard !(scope.plan.spec.hooks ?? []).isEmpty else { return .skipped("No helper resources to delete") }
        let options = ListOptions(labelSelector: "\(Self.hookMigrationLabel)=\(scope.migration.uid)")
        var deleted = 0
        for client in [source, destination] {
            for resource in [Self.jobs, Self.configMaps] {
                for object in try await client.listAll(resource, options: options).items {
                    do {
                        _ = try await client.delete(resource, name: object.name, namespace: object.namespace, options: DeleteOptions(propagationPolicy: .background))
                        deleted += 1
                    } catch let error as KubeAPIError where error.isNotFound {}
                }
            }
        }
        return .done("Deleted \(deleted) hook resource(s)")
    }

    /// A Job name unique to the migration, phase and hook, within the 63 characters allowed.
    static func hookJobName(migration: MigMigration, phase: String, index: Int) -> String {
        let suffix = "-\(phase.lowercased())-\(index)-\(migration.uid.prefix(5))"
        return String(migration.name.prefix(63 - suffix.count)) + suffix
    }
}
