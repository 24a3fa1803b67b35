import FerryAPI
public import KubeClient
import KubeCore

extension ClusterConnector {
    /// Checks that `client` reaches its API server and that its credentials may read the
    /// cluster (a one-item list of namespaces), translating failures into the conditions MTC
    /// reports for a MigCluster.
    public func probe(_ client: KubeClient, clusterName: String) async throws(ClusterConnectionError) {
        let server = client.configuration.server
        do {
            _ = try await client.list(GroupVersionResource(group: "", version: "v1", resource: "namespaces"), options: ListOptions(limit: 1))
        } catch let error as KubeAPIError where error.code == 401 {
            throw ClusterConnectionError(.unauthorized, "\(clusterName): \(server) rejected the service account token (401 Unauthorized); put a valid token of a service account of that cluster under saToken in the Secret")
        } catch let error as KubeAPIError where error.code == 403 {
            throw ClusterConnectionError(.notPrivileged, "\(clusterName): the service account token may not list namespaces on \(server) (\(error.message)); bind the service account to cluster-admin (MTC's migration-controller role)")
        } catch let error as KubeClientError where error.message.contains("certificate verify failed") {
            throw ClusterConnectionError(.tlsFailed, "\(clusterName): \(error.message); set spec.caBundle to the base64 of the cluster's CA certificate, or insecure: true for a test cluster")
        } catch {
            throw ClusterConnectionError(.connectFailed, "\(clusterName): cannot reach \(server): \(error); check spec.url and that the cluster is reachable from Ferry")
        }
    }
}
