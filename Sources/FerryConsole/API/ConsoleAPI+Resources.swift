import Hummingbird

extension ConsoleAPI {
    func registerClusters(on api: RouterGroup<ConsoleRequestContext>) {
        api.get("clusters") { _, context in
            try Self.json(try await backend.clusters(user: try context.requireUser()))
        }
        api.post("clusters") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.createCluster(try await Self.body(ClusterForm.self, request, context), user: user), status: .created)
        }
        api.get("clusters/:name") { _, context in
            try Self.json(ClusterView(try await backend.cluster(try Self.name(context), user: try context.requireUser())))
        }
        api.put("clusters/:name") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.updateCluster(try Self.name(context), try await Self.body(ClusterForm.self, request, context), user: user))
        }
        api.delete("clusters/:name") { _, context in
            try await backend.deleteCluster(try Self.name(context), user: try context.requireUser())
            return Response(status: .noContent)
        }
        api.get("clusters/:name/namespaces") { _, context in
            try Self.json(try await backend.namespaces(cluster: try Self.name(context), user: try context.requireUser()))
        }
        api.get("namespaces") { _, context in
            try Self.json(try await backend.hostNamespaces(user: try context.requireUser()))
        }
    }

    func registerStorages(on api: RouterGroup<ConsoleRequestContext>) {
        api.get("storages") { _, context in
            try Self.json(try await backend.storages(user: try context.requireUser()))
        }
        api.post("storages") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.createStorage(try await Self.body(StorageForm.self, request, context), user: user), status: .created)
        }
        api.get("storages/:name") { _, context in
            try Self.json(try await backend.storage(try Self.name(context), user: try context.requireUser()))
        }
        api.put("storages/:name") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.updateStorage(try Self.name(context), try await Self.body(StorageForm.self, request, context), user: user))
        }
        api.delete("storages/:name") { _, context in
            try await backend.deleteStorage(try Self.name(context), user: try context.requireUser())
            return Response(status: .noContent)
        }
    }

    func registerPlans(on api: RouterGroup<ConsoleRequestContext>) {
        api.get("plans") { _, context in
            try Self.json(try await backend.plans(user: try context.requireUser()))
        }
        api.post("plans") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.createPlan(try await Self.body(PlanForm.self, request, context), user: user), status: .created)
        }
        api.get("plans/:name") { _, context in
            try Self.json(try await backend.plan(try Self.name(context), user: try context.requireUser()))
        }
        api.put("plans/:name") { request, context in
            let user = try context.requireUser()
            return try Self.json(try await backend.updatePlan(try Self.name(context), try await Self.body(PlanForm.self, request, context), user: user))
        }
        api.delete("plans/:name") { _, context in
            try await backend.deletePlan(try Self.name(context), user: try context.requireUser())
            return Response(status: .noContent)
        }
    }
}
