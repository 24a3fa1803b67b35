import KubeClient
import KubeCore

extension ObjectRestorer {
    static let namespaces = GroupVersionResource(group: "", version: "v1", resource: "namespaces")
    static let customResourceDefinitions = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    /// Creates the namespaces `objects` live in that neither exist nor are among `objects`
    /// themselves.
    func ensureNamespaces(of objects: [KubeObject]) async throws -> RestoreReport {
        let needed = Set(objects.compactMap { object -> String? in
            guard let namespace = object.namespace, !namespace.isEmpty else { return nil }
            return namespace
        })
        var report = RestoreReport()
        for name in needed.sorted() {
            do {
                let current = try await client.get(Self.namespaces, name: name)
                guard current.deletionTimestamp != nil else { continue }
                guard try await waitUntilDeleted(ResourceCollector.withType(current, apiVersion: "v1", kind: "Namespace")) else {
                    report.failed.append(.init(reference: KubeObjectReference(apiVersion: "v1", kind: "Namespace", name: name), message: "the destination namespace is still terminating after \(waitTimeout); check the finalizers of what is left in it"))
                    continue
                }
                try await createNamespace(name, into: &report)
            } catch let error as KubeAPIError where error.isNotFound {
                try await createNamespace(name, into: &report)
            }
        }
        return report
    }

    private func createNamespace(_ name: String, into report: inout RestoreReport) async throws {
        let namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: name)
        do {
            _ = try await client.create(Self.namespaces, namespace)
            report.created.append(KubeObjectReference(namespace))
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return
        } catch let error as KubeAPIError {
            report.failed.append(.init(reference: KubeObjectReference(namespace), message: "the destination namespace could not be created: \(error)"))
        }
    }

    /// Waits until `object` is gone; `false` when it is still there after `waitTimeout`.
    func waitUntilDeleted(_ object: KubeObject) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: waitTimeout)
        logger.debug("waiting for an object being deleted", metadata: ["object": "\(KubeObjectReference(object))"])
        while clock.now < deadline {
            do {
                let current = try await client.get(apiVersion: object.apiVersion, kind: object.kind, name: object.name, namespace: object.namespace)
                if current.uid != object.uid { return true }
            } catch let error as KubeAPIError where error.isNotFound {
                return true
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Waits until each definition in `definitions` is Established and discovery serves
    /// its resource, so its custom resources can be created; one that does not get there
    /// in time is reported as failed.
    func waitUntilServed(definitions: [KubeObject], failed: Set<KubeObjectReference>) async throws -> RestoreReport {
        var pending = definitions.filter { !failed.contains(KubeObjectReference($0)) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: waitTimeout)
        while !pending.isEmpty {
            let mapper = try await client.resourceMapper(refresh: true)
            var stillPending: [KubeObject] = []
            for definition in pending where try await !isServed(definition, mapper: mapper) {
                stillPending.append(definition)
            }
            pending = stillPending
            guard !pending.isEmpty else { break }
            guard clock.now < deadline else {
                return RestoreReport(failed: pending.map {
                    .init(reference: KubeObjectReference($0), message: "it was created but did not become Established and served within \(waitTimeout); its custom resources cannot be created")
                })
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return RestoreReport()
    }

    private func isServed(_ definition: KubeObject, mapper: ResourceMapper) async throws -> Bool {
        guard let group = definition[path: "spec", "group"]?.stringValue,
              let plural = definition[path: "spec", "names", "plural"]?.stringValue else { return true }
        let stored: KubeObject
        do {
            stored = try await client.get(Self.customResourceDefinitions, name: definition.name)
        } catch let error as KubeAPIError where error.isNotFound {
            return false
        }
        let established = (stored[path: "status", "conditions"]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Established" && $0["status"]?.stringValue == "True"
        }
        return established && mapper.resources.contains { $0.group == group && $0.resource == plural }
    }
}
