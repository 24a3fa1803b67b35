import KubeClient
import KubeCore

/// A short, aligned description of what runs in a namespace: workloads, pods, services,
/// volumes, how it is reached, how it scales and its custom resources.
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
        rows += try await routingAndExtras(client, namespace: namespace)
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }.joined()
        }.joined(separator: "\n") + "\n"
    }

    /// Ingresses and Routes with their hosts, autoscalers with their range, and the shops
    /// (kinds a cluster does not serve are left out).
    private static func routingAndExtras(_ client: KubeClient, namespace: String) async throws -> [[String]] {
        var rows: [[String]] = []
        for ingress in try await listIfServed(client, "networking.k8s.io/v1", "Ingress", namespace) {
            let hosts = (ingress[path: "spec", "rules"]?.arrayValue ?? []).compactMap { $0["host"]?.stringValue }
            rows.append(["Ingress", ingress.name, hosts.map { "http://\($0)" }.joined(separator: ", ")])
        }
        for route in try await listIfServed(client, "route.openshift.io/v1", "Route", namespace) {
            let scheme = route[path: "spec", "tls"] == nil ? "http" : "https"
            let host = route[path: "spec", "host"]?.stringValue ?? "(no host yet)"
            rows.append(["Route", route.name, "\(scheme)://\(host) → service \(route[path: "spec", "to", "name"]?.stringValue ?? "?")"])
        }
        for autoscaler in try await listIfServed(client, "autoscaling/v2", "HorizontalPodAutoscaler", namespace) {
            let target = autoscaler[path: "spec", "scaleTargetRef", "name"]?.stringValue ?? "?"
            let range = "\(autoscaler[path: "spec", "minReplicas"]?.intValue ?? 1)-\(autoscaler[path: "spec", "maxReplicas"]?.intValue ?? 1)"
            let current = autoscaler[path: "status", "currentReplicas"]?.intValue.map(String.init) ?? "?"
            rows.append(["HorizontalPodAutoscaler", autoscaler.name, "\(target): \(current) replicas, range \(range)"])
        }
        for shop in try await listIfServed(client, "demo.ferry.dev/v1", "Shop", namespace) {
            let region = shop[path: "spec", "region"]?.stringValue ?? "?"
            rows.append(["Shop", shop.name, "\(region), \(shop[path: "spec", "currency"]?.stringValue ?? "?")"])
        }
        return rows
    }

    private static func listIfServed(_ client: KubeClient, _ apiVersion: String, _ kind: String, _ namespace: String) async throws -> [KubeObject] {
        do {
            return try await client.listAll(apiVersion: apiVersion, kind: kind, namespace: namespace).items
        } catch let error as KubeClientError where error.code == .unknownResource {
            return []
        }
    }
}
