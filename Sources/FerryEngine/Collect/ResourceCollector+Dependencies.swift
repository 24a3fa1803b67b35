import KubeClient
import KubeCore

extension ResourceCollector {
    static let persistentVolumes = GroupVersionResource(group: "", version: "v1", resource: "persistentvolumes")
    static let customResourceDefinitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    /// The cluster-scoped objects `objects` need on the destination: the volumes bound to
    /// their claims, the security context constraints naming their service accounts, and
    /// the definitions of their custom resources.
    func clusterScopedDependencies(of objects: [KubeObject], mapper: ResourceMapper) async throws -> [KubeObject] {
        var dependencies = try await boundVolumes(of: objects)
        if let constraints = mapper.resolve(kind: "SecurityContextConstraints", group: "security.openshift.io"), constraints.supports("list") {
            dependencies += try await securityContextConstraints(naming: objects, resource: constraints)
        }
        if mapper.resource(for: Self.customResourceDefinitions) != nil {
            dependencies += try await customResourceDefinitions(of: objects)
        }
        return dependencies
    }

    /// The persistent volumes named by `spec.volumeName` of collected claims.
    func boundVolumes(of objects: [KubeObject]) async throws -> [KubeObject] {
        let names = Set(objects.compactMap { object -> String? in
            guard object.groupVersion.group.isEmpty, object.kind == "PersistentVolumeClaim" else { return nil }
            return object[path: "spec", "volumeName"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        })
        let client = self.client
        let volumes = try await names.sorted().concurrentMap(limit: maxConcurrentLists) { name -> KubeObject? in
            do {
                return Self.withType(try await client.get(Self.persistentVolumes, name: name), apiVersion: "v1", kind: "PersistentVolume")
            } catch let error as KubeAPIError where error.isNotFound {
                return nil
            } catch let error as KubeAPIError {
                throw CollectionError(.dependencyFailed, "reading persistent volume \"\(name)\" failed: \(error); grant the migration's user get access to persistentvolumes")
            }
        }
        for name in names.sorted() where !volumes.contains(where: { $0?.name == name }) {
            logger.warning("a collected claim is bound to a persistent volume that does not exist", metadata: ["volume": "\(name)"])
        }
        return volumes.compactMap { $0 }
    }

    /// The constraints whose `users` name a collected service account
    /// (`system:serviceaccount:<namespace>:<name>`).
    func securityContextConstraints(naming objects: [KubeObject], resource: APIResourceInfo) async throws -> [KubeObject] {
        let accounts = Set(objects.compactMap { object -> String? in
            guard object.groupVersion.group.isEmpty, object.kind == "ServiceAccount", let namespace = object.namespace else { return nil }
            return "system:serviceaccount:\(namespace):\(object.name)"
        })
        guard !accounts.isEmpty else { return [] }
        let list: KubeObjectList
        do {
            list = try await client.listAll(resource.groupVersionResource)
        } catch let error as KubeAPIError {
            throw CollectionError(.dependencyFailed, "listing \(resource) failed: \(error); grant the migration's user list access to it")
        }
        return list.items
            .map { Self.withType($0, apiVersion: resource.apiVersion, kind: resource.kind) }
            .filter { constraints in
                (constraints["users"]?.arrayValue ?? []).contains { $0.stringValue.map(accounts.contains) ?? false }
            }
    }

    /// The definitions serving the group and kind of any collected object.
    func customResourceDefinitions(of objects: [KubeObject]) async throws -> [KubeObject] {
        let collectedKinds = Set(objects.map { GroupKind(group: $0.groupVersion.group, kind: $0.kind) })
        let list: KubeObjectList
        do {
            list = try await client.listAll(Self.customResourceDefinitions)
        } catch let error as KubeAPIError {
            throw CollectionError(.dependencyFailed, "listing customresourcedefinitions failed: \(error); grant the migration's user list access to them")
        }
        return list.items
            .map { Self.withType($0, apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition") }
            .filter { definition in
                guard let group = definition[path: "spec", "group"]?.stringValue,
                      let kind = definition[path: "spec", "names", "kind"]?.stringValue else { return false }
                return collectedKinds.contains(GroupKind(group: group, kind: kind))
            }
    }
}
