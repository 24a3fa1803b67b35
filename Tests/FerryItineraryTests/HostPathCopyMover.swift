import FerryEngine
import Foundation
import KubeClient
import KubeCore

/// Copies claim data between the hostPath directories of KubeSim volumes with FileManager;
/// waits (reports running) until every destination claim is bound.
struct HostPathCopyMover: VolumeDataMover {
    func copy(_ request: VolumeCopyRequest) async throws -> VolumeCopyOutcome {
        var lines: [String] = []
        for volume in request.volumes {
            guard let sourcePath = try await Self.directory(of: volume.sourceName, in: volume.sourceNamespace, on: request.source),
                let destinationPath = try await Self.directory(of: volume.destinationName, in: volume.destinationNamespace, on: request.destination)
            else {
                return .running(progress: ["\(volume.destinationNamespace)/\(volume.destinationName): waiting for the claims to bind"])
            }
            let manager = FileManager.default
            var copied = 0
            for entry in try manager.contentsOfDirectory(atPath: sourcePath) {
                let target = "\(destinationPath)/\(entry)"
                if manager.fileExists(atPath: target) { try manager.removeItem(atPath: target) }
                try manager.copyItem(atPath: "\(sourcePath)/\(entry)", toPath: target)
                copied += 1
            }
            lines.append("\(volume.destinationNamespace)/\(volume.destinationName): \(copied) entries copied")
        }
        return .completed(progress: lines)
    }

    /// The hostPath directory of a bound claim's volume; `nil` while it is not bound.
    static func directory(of claim: String, in namespace: String, on client: KubeClient) async throws -> String? {
        let object = try await client.get(Resource.claims, name: claim, namespace: namespace)
        guard object[path: "status", "phase"]?.stringValue == "Bound", let volumeName = object[path: "spec", "volumeName"]?.stringValue else { return nil }
        return try await client.get(Resource.volumes, name: volumeName)[path: "spec", "hostPath", "path"]?.stringValue
    }

    /// Waits until `claim` is bound and returns its directory.
    static func boundDirectory(of claim: String, in namespace: String, on client: KubeClient) async throws -> String {
        for _ in 0..<200 {
            if let path = try await directory(of: claim, in: namespace, on: client) { return path }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CancellationError()
    }
}
