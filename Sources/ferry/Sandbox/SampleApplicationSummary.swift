import KubeClient
import KubeCore

/// A short, aligned description of what runs in a namespace: workloads, pods, services and
/// volumes.
enum SampleApplicationSummary {
    static func render(_ client: KubeClient, namespace: String) async throws -> String {
        var rows: [[String]] = [["KIND", "NAME", "STATE"]]
        for deployment in try await client.listAll(apiVersion: "apps/v1", kind: "Deployment", namespace: namespace).items {
            let ready = deployment[path: "status", "readyReplicas"]?.intValue ?? 0
            rows.append(["Deployment", deployment.name, "\(ready)/\(deployment[path: "spec", "replicas"]?.intValue ?? 1) ready"])
        }
        for statefulSet in try await client.listAll(apiVersion: "apps/v1", kind: "StatefulSet", namespace: namespace).items {
            let ready = statefulSet[path: "status", "readyReplicas"]?.intValue ?? 0
            rows.append(["StatefulSet", statefulSet.name, "\(ready)/\(statefulSet[path: "spec", "replicas"]?.intValue ?? 1) ready"])
        }
        for pod in try await client.listAll(apiVersion: "v1", kind: "Pod", namespace: namespace).items {
            let phase = pod[path: "status", "phase"]?.stringValue ?? "Pending"
            let node = pod[path: "spec", "nodeName"]?.stringValue ?? "-"
            let address = pod[path: "status", "podIP"]?.stringValue ?? "-"
            rows.append(["Pod", pod.name, "\(phase) on \(node), \(address)"])
        }
        for service in try await client.listAll(apiVersion: "v1", kind: "Service", namespace: namespace).items {
            let type = service[path: "spec", "type"]?.stringValue ?? "ClusterIP"
            let address = service[path: "spec", "clusterIP"]?.stringValue ?? "-"
            let ports = (service[path: "spec", "ports"]?.arrayValue ?? []).map { port in
                let number = port["port"]?.intValue.map(String.init) ?? "?"
                return port["nodePort"]?.intValue.map { "\(number):\($0)" } ?? number
            }
            rows.append(["Service", service.name, "\(type) \(address) \(ports.joined(separator: ","))"])
        }
        for claim in try await client.listAll(apiVersion: "v1", kind: "PersistentVolumeClaim", namespace: namespace).items {
            let volume = claim[path: "spec", "volumeName"]?.stringValue ?? "-"
            let size = claim[path: "status", "capacity", "storage"]?.stringValue ?? "?"
            var state = "\(claim[path: "status", "phase"]?.stringValue ?? "Pending") to \(volume) (\(size))"
            if let path = try? await client.get(apiVersion: "v1", kind: "PersistentVolume", name: volume)[path: "spec", "hostPath", "path"]?.stringValue {
                state += " at \(path)"
            }
            rows.append(["PersistentVolumeClaim", claim.name, state])
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }
}
