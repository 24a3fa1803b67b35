import Logging

extension LocalTransfer {
    /// Runs the tunnel's processes next to the copies of the volumes, at most
    /// `concurrentVolumes` at once; when the copies end (or fail, or the task is cancelled) the
    /// tunnel is torn down before this returns.
    func execute(
        _ plan: LocalTransferPlan, kind: TransferKind, workspace: LocalWorkspace,
        progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async throws -> [VolumeTransferResult] {
        let tunnel = try LocalTunnel.prepare(plan: plan, settings: settings, workspace: workspace)
        let logger = self.logger
        let started = instrumentation.tunnelProcessStarted
        return try await withThrowingTaskGroup(of: [VolumeTransferResult]?.self) { group in
            for process in tunnel.processes {
                group.addTask {
                    try await process.keepRunning(logger: logger, started: started)
                    return nil
                }
            }
            group.addTask {
                // Each copy walks its tree while the tunnel starts and waits for it only then.
                try await copyVolumes(plan, kind: kind, tunnel: tunnel, workspace: workspace, progress: progress)
            }
            // The copies return results; a tunnel process only returns (or throws) when it gives up.
            while let finished = try await group.next() {
                if let results = finished {
                    group.cancelAll()
                    return results
                }
            }
            throw CancellationError()
        }
    }

    private func copyVolumes(
        _ plan: LocalTransferPlan, kind: TransferKind, tunnel: LocalTunnel, workspace: LocalWorkspace,
        progress: @escaping @Sendable (VolumeTransferProgress) async -> Void
    ) async throws -> [VolumeTransferResult] {
        let copies = plan.entries.map { entry in
            VolumeCopy(
                entry: entry, kind: kind, settings: settings, tunnel: tunnel, rsync: plan.rsync, workspace: workspace,
                logger: logger, instrumentation: instrumentation, streamPolicy: streamPolicy)
        }
        return try await withThrowingTaskGroup(of: (Int, VolumeTransferResult).self) { group in
            var results: [VolumeTransferResult?] = Array(repeating: nil, count: copies.count)
            var next = 0
            func startNext() {
                guard next < copies.count else { return }
                let index = next
                let copy = copies[index]
                group.addTask { (index, try await copy.run(progress: progress)) }
                next += 1
            }
            for _ in 0..<min(settings.concurrentVolumes, copies.count) { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                startNext()
            }
            return results.compactMap { $0 }
        }
    }
}
