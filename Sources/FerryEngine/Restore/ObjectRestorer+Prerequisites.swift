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
                _ = try await client.get(Self.namespaces, name: name)
            } catch let error as KubeAPIError where error.isNotFound {
                let namespace = KubeObject(apiVersion: "v1", kind: "Namespace", name: name)
                do {
                    _ = try await client.create(Self.namespaces, namespace)
                    report.created.append(KubeObjectReference(namespace))
                } catch let error as KubeAPIError where error.isAlreadyExists {
                    continue
                } catch let error as KubeAPIError {
                    report.failed.append(.init(reference: KubeObjectReference(namespace), message: "the destination namespace could not be created: \(error)"))
                }
            }
        }
        return report
    }

    /// Waits until each definition in `definitions` is Established and discovery serves
    /// its resource, so its custom resources can be created; one that does not get there
    /// in time is reported as failed.
    func waitUntilServed(definitions: [KubeObject], failed: Set<KubeObjectReference>) async throws -> RestoreReport {
        var pending = definitions.filter { !failed.contains(KubeObjectReference($0)) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: definitionTimeout)
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
                    .init(reference: KubeObjectReference($0), message: "it was created but did not become Established and served within \(definitionTimeout); its custom resources cannot be created")
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
