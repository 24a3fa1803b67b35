import KubeCore
import KubeSimStorage

/// Runs Jobs: keeps up to `parallelism` pods active (none when it is 0 or the job is
/// suspended) until `completions` pods have succeeded, then marks the job Complete.
struct JobController: Reconciler {
    let context: ControllerContext

    var name: String { "job" }
    var watchedResources: [GroupResource]? { [Resources.jobs, Resources.pods] }
    var primaryResource: GroupResource { Resources.jobs }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.jobs { return [ObjectKey(Resources.jobs, object: event.object)] }
        return ownerKey(of: event.object, kind: "Job", resource: Resources.jobs)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let job = try context.fetch(key), let uid = job.uid, !job.isBeingDeleted else { return nil }
        if job.condition("Complete")?["status"]?.stringValue == "True" || job.condition("Failed")?["status"]?.stringValue == "True" { return nil }
        let pods = cache.controlled(by: uid, resource: Resources.pods)
        let succeeded = pods.filter { $0.podPhase == "Succeeded" }.count
        let failed = pods.filter { $0.podPhase == "Failed" }.count
        var active = pods.filter(\.isPodActive)
        let completions = job.int("spec", "completions")
        let parallelism = max(job.int("spec", "parallelism") ?? 1, 0)
        let suspended = job.spec?["suspend"]?.boolValue ?? false
        let done = completions.map { succeeded >= $0 } ?? (succeeded > 0)
        let backedOff = !done && failed > (job.int("spec", "backoffLimit") ?? 6)
        let wanted = suspended || done || backedOff ? 0 : min(parallelism, max((completions ?? 1) - succeeded, completions == nil ? parallelism : 0))
        if active.count < wanted {
            let definition = try context.definition(Resources.pods)
            for _ in active.count..<wanted {
                let labels = [
                    "batch.kubernetes.io/controller-uid": uid, "controller-uid": uid,
                    "batch.kubernetes.io/job-name": job.name, "job-name": job.name,
                ]
                let pod = PodTemplate.pod(from: job.spec?["template"], name: PodTemplate.randomName(for: job.name), owner: job, extraLabels: labels)
                let created = try context.store.create(pod, in: definition)
                cache.upsert(created, resource: Resources.pods)
                active.append(created)
            }
        } else if active.count > wanted {
            for pod in active.suffix(active.count - wanted) {
                try context.deleteIfPresent(Resources.pods, namespace: pod.namespace, name: pod.name)
                cache.remove(ObjectKey(Resources.pods, object: pod))
            }
            active.removeLast(active.count - wanted)
        }
        var status = job.status ?? [:]
        if status["startTime"] == nil && !suspended { status["startTime"] = .string(Timestamp.now()) }
        status["active"] = active.isEmpty ? nil : .int(Int64(active.count))
        status["ready"] = .int(Int64(active.filter(\.isPodReady).count))
        status["succeeded"] = succeeded == 0 ? nil : .int(Int64(succeeded))
        status["failed"] = failed == 0 ? nil : .int(Int64(failed))
        status["terminating"] = 0
        status["uncountedTerminatedPods"] = [:]
        if suspended {
            status.setCondition("Suspended", status: true, reason: "JobSuspended", message: "Job suspended", extraTimes: ["lastProbeTime"])
        } else if status["conditions"] != nil, job.condition("Suspended") != nil {
            status.setCondition("Suspended", status: false, reason: "JobResumed", message: "Job resumed", extraTimes: ["lastProbeTime"])
        }
        if done {
            status["completionTime"] = .string(Timestamp.now())
            status.setCondition("SuccessCriteriaMet", status: true, reason: "CompletionsReached", message: "Reached expected number of succeeded pods", extraTimes: ["lastProbeTime"])
            status.setCondition("Complete", status: true, reason: "CompletionsReached", message: "Reached expected number of succeeded pods", extraTimes: ["lastProbeTime"])
        }
        if backedOff {
            status.setCondition("FailureTarget", status: true, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", extraTimes: ["lastProbeTime"])
            status.setCondition("Failed", status: true, reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit", extraTimes: ["lastProbeTime"])
        }
        try context.updateStatus(Resources.jobs, of: job, to: status)
        return nil
    }
}
