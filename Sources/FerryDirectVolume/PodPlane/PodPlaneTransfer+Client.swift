import FerryTransfer
import Foundation
import KubeClient
import KubeCore

extension PodPlaneTransfer {
    /// Observes the client pods of `volume`, creates the first or the next attempt when it is
    /// due, and reports the volume; throws when rsync failed for good.
    func reconcileClient(
        _ volume: PodTransferVolume, pods: [KubeObject], server: ServerEndpoint?, request: PodTransferRequest, names: TransferResourceNames
    ) async throws -> VolumeTransferProgress {
        let client = request.source
        let found = pods.sorted { Self.attemptNumber(of: $0) < Self.attemptNumber(of: $1) }
        guard let current = found.last else {
            guard let server else { return VolumeTransferProgress(id: volume.id) }
            let pod = try await createClient(volume, server: server, attempt: 1, history: [], request: request, names: names)
            return VolumeTransferProgress(id: volume.id, attempt: 1, attempts: [TransferAttempt(number: 1, runner: pod.name, started: now())])
        }
        // An older attempt is left only when a restart came between creating its successor and deleting it.
        for stale in found.dropLast() {
            try await TransferResources.remove(TransferResources.pods, name: stale.name, namespace: stale.namespace, on: client)
        }
        let number = Self.attemptNumber(of: current)
        let history = TransferAttemptHistory.decode(current.annotations[TransferResourceNames.historyAnnotation])
        var attempt = TransferAttempt(number: number, runner: current.name, started: Self.startTime(of: current) ?? now())
        let phase = current.string("status", "phase") ?? "Pending"
        let log = await logTail(of: current, on: client)
        var progress = Self.progress(volume, attempt: number, history: history, log: log, now: now())
        // Not as root the destination's daemon cannot chroot, and rsyncd without chroot rewrites
        // such link targets: said in the volume's status rather than done in silence.
        if !request.pods.runsAsRoot { progress.warnings.append(Self.rewrittenLinksWarning) }

        guard phase == "Succeeded" || phase == "Failed" else {
            if phase == "Pending" { try await checkPending(current, on: client, timeout: request.pods.pendingTimeout) }
            progress.phase = phase == "Running" ? .running : .pending
            progress.attempts = history + [attempt]
            return progress
        }
        let terminated = Self.rsyncTermination(of: current)
        attempt.ended = terminated?["finishedAt"]?.stringValue.flatMap(Self.date) ?? Self.lastTransition(of: current) ?? attempt.started
        attempt.exitCode = terminated?["exitCode"]?.intValue.map { Int32(clamping: $0) }
        attempt.message = Self.failureLines(log) ?? terminated?["message"]?.stringValue ?? terminated?["reason"]?.stringValue
            ?? current.string("status", "message") ?? current.string("status", "reason")
        progress.attempts = history + [attempt]
        let status = attempt.exitCode.map { RsyncExitStatus(code: $0) }
        if phase == "Succeeded" || status?.isSuccess == true {
            progress.phase = .succeeded
            if let status, status.outcome == .warning { progress.warnings.append(status.description) }
            return progress
        }
        let detail = attempt.message.map { ": \($0)" } ?? ""
        if let status, !status.isRetryable {
            throw TransferError(
                code: .transferFailed,
                message: "the transfer of \(volume.id) failed in pod \(current.qualifiedName) (attempt \(number)): \(status)\(detail)",
                volumeID: volume.id, exitCode: status.code)
        }
        let failures = history.count + 1
        if failures > request.settings.backoffLimit {
            throw TransferError(
                code: .transferFailed,
                message: "the transfer of \(volume.id) failed \(failures) times, more than the backoff limit of \(request.settings.backoffLimit); the last attempt, pod \(current.qualifiedName): \(status?.description ?? "the pod failed")\(detail)",
                volumeID: volume.id, exitCode: status?.code)
        }
        progress.phase = .pending
        let due = (attempt.ended ?? now()).addingTimeInterval(Self.retryDelay(afterFailures: failures, settings: request.settings).seconds)
        guard now() >= due, let server else { return progress }
        logger.info("retrying volume transfer", metadata: ["volume": "\(volume.id)", "attempt": "\(number + 1)", "exitCode": "\(attempt.exitCode.map(String.init) ?? "none")"])
        let next = try await createClient(volume, server: server, attempt: number + 1, history: history + [attempt], request: request, names: names)
        try await TransferResources.remove(TransferResources.pods, name: current.name, namespace: current.namespace, on: client)
        progress.attempt = number + 1
        progress.attempts.append(TransferAttempt(number: number + 1, runner: next.name, started: now()))
        return progress
    }

    /// The client pods of a `kind` copy in `namespace`, by the value of their volume label:
    /// one list per source namespace rather than one per volume.
    func clientPods(in namespace: String, request: PodTransferRequest, names: TransferResourceNames) async throws -> [String: [KubeObject]] {
        let labels = names.commonLabels.merging([
            TransferResourceNames.roleLabel: "client", TransferResourceNames.kindLabel: request.kind == .stage ? "stage" : "cutover",
        ]) { $1 }
        let selector = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        let pods = try await request.source.listAll(TransferResources.pods, namespace: namespace, options: ListOptions(labelSelector: selector)).items
        return Dictionary(grouping: pods) { $0.labels[TransferResourceNames.volumeLabel] ?? "" }
    }

    /// Creates the source Secret if needed and the client pod of `attempt`.
    private func createClient(
        _ volume: PodTransferVolume, server: ServerEndpoint, attempt: Int, history: [TransferAttempt],
        request: PodTransferRequest, names: TransferResourceNames
    ) async throws -> KubeObject {
        let manifests = ClientManifests(names: names, pods: request.pods, settings: request.settings, kind: request.kind)
        _ = try await TransferResources.ensure(
            try manifests.secret(namespace: volume.sourceNamespace, endpoint: server), TransferResources.secrets, on: request.source)
        let node = try await nodeOfClaimUser(volume, on: request.source)
        let pod = try manifests.pod(for: volume, endpoint: server, attempt: attempt, nodeName: node, history: TransferAttemptHistory.encode(history))
        return try await TransferResources.ensure(pod, TransferResources.pods, on: request.source).object
    }

    /// The node of a running pod that mounts the claim, when the claim is ReadWriteOnce: only
    /// a pod on that node can mount it too.
    func nodeOfClaimUser(_ volume: PodTransferVolume, on client: KubeClient) async throws -> String? {
        guard let claim = try await TransferResources.find(TransferResources.claims, name: volume.sourceClaim, namespace: volume.sourceNamespace, on: client) else {
            throw TransferError(
                code: .sourceMissing,
                message: "source claim \(volume.id) does not exist; remove it from the migration's volumes or restore it",
                volumeID: volume.id)
        }
        let modes = claim.spec?["accessModes"]?.arrayValue?.compactMap(\.stringValue) ?? []
        guard modes.contains("ReadWriteOnce") || modes.contains("ReadWriteOncePod") else { return nil }
        let pods = try await client.listAll(TransferResources.pods, namespace: volume.sourceNamespace).items
        return pods.first { pod in
            pod.string("status", "phase") == "Running"
                && pod.labels[TransferResourceNames.ownerLabel] != TransferResourceNames.ownerValue
                && (pod.spec?["volumes"]?.arrayValue ?? []).contains { $0["persistentVolumeClaim"]?["claimName"]?.stringValue == volume.sourceClaim }
        }?.string("spec", "nodeName")
    }

    /// The last lines of the rsync container's log, or nil when the cluster cannot give it.
    private func logTail(of pod: KubeObject, on client: KubeClient) async -> String? {
        let path = "/api/v1/namespaces/\(pod.namespace ?? "")/pods/\(pod.name)/log?container=rsync&tailLines=50"
        guard let bytes = try? await client.getRaw(path: path, accept: "text/plain, */*"), !bytes.isEmpty else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
