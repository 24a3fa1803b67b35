import KubeCore

extension OpenAPIDocument {
    static func errorResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": reference("Error")]]]
    }

    static func jsonResponse(_ description: String, _ schema: JSONValue) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": schema]]]
    }

    static func body(_ schema: String) -> JSONValue {
        ["required": true, "content": ["application/json": ["schema": reference(schema)]]]
    }

    /// The errors every operation of a signed-in user may answer.
    static func errors(_ codes: [Int]) -> JSONObject {
        let descriptions = [
            400: "The request is malformed.", 401: "Not signed in, or the token was refused.", 403: "The host cluster's RBAC (or a missing CSRF token) forbids it; the message names the verb and resource.",
            404: "No such object.", 409: "Conflicts with the current state (exists already, a migration runs, the plan is not ready).",
            422: "Invalid input; `fields` names each problem.", 424: "A remote cluster did not answer.", 502: "The host cluster could not be reached.",
        ]
        return Dictionary(uniqueKeysWithValues: codes.map { (String($0), errorResponse(descriptions[$0] ?? "Error.")) })
    }

    static func operation(_ id: String, _ summary: String, tag: String, body: String? = nil, responses: JSONObject, errorCodes: [Int], name: Bool = false, secured: Bool = true) -> JSONValue {
        var operation: JSONObject = ["operationId": .string(id), "summary": .string(summary), "tags": [.string(tag)]]
        if let body { operation["requestBody"] = Self.body(body) }
        operation["responses"] = .object(responses.merging(errors(errorCodes)) { first, _ in first })
        if name { operation["parameters"] = [nameParameter] }
        if !secured { operation["security"] = [] }
        return .object(operation)
    }

    static let nameParameter: JSONValue = [
        "name": "name", "in": "path", "required": true, "description": "The object's name (a DNS-1123 subdomain).",
        "schema": ["type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "maxLength": 253],
    ]

    static let noContent: JSONObject = ["204": ["description": "Done."]]
    static let read = [400, 401, 403, 404, 502]
    static let write = [400, 401, 403, 404, 409, 422, 502]

    static var paths: JSONValue {
        [
            "/api/openapi.json": ["get": operation("getOpenAPI", "This document.", tag: "meta", responses: ["200": jsonResponse("The OpenAPI document.", anyObject)], errorCodes: [], secured: false)],
            "/api/session": [
                "post": operation(
                    "signIn", "Sign in with a bearer token or a kubeconfig user; sets the ferry_session cookie.", tag: "session", body: "SignInRequest",
                    responses: ["201": jsonResponse("Signed in.", reference("Session"))], errorCodes: [400, 401, 403, 422, 502], secured: false),
                "get": operation("whoAmI", "Who is signed in.", tag: "session", responses: ["200": jsonResponse("The session.", reference("Session"))], errorCodes: [401]),
                "delete": operation("signOut", "Sign out.", tag: "session", responses: noContent, errorCodes: [401, 403]),
            ],
            "/api/clusters": [
                "get": operation("listClusters", "MigClusters with readiness.", tag: "clusters", responses: ["200": jsonResponse("The clusters.", array(reference("Cluster")))], errorCodes: read),
                "post": operation("createCluster", "Add a cluster (MigCluster and token Secret).", tag: "clusters", body: "ClusterForm", responses: ["201": jsonResponse("Created.", reference("Cluster"))], errorCodes: write),
            ],
            "/api/clusters/{name}": [
                "get": operation("getCluster", "One cluster.", tag: "clusters", responses: ["200": jsonResponse("The cluster.", reference("Cluster"))], errorCodes: read, name: true),
                "put": operation("updateCluster", "Change a cluster; an empty token keeps the stored one.", tag: "clusters", body: "ClusterForm", responses: ["200": jsonResponse("Changed.", reference("Cluster"))], errorCodes: write, name: true),
                "delete": operation("deleteCluster", "Remove a cluster and its token Secret.", tag: "clusters", responses: noContent, errorCodes: write, name: true),
            ],
            "/api/clusters/{name}/namespaces": [
                "get": operation("listClusterNamespaces", "Namespaces of a cluster to offer in a plan.", tag: "clusters", responses: ["200": jsonResponse("Namespace names.", array(string))], errorCodes: read + [409, 424], name: true)
            ],
            "/api/namespaces": [
                "get": operation("listHostNamespaces", "Namespaces of the host cluster the signed-in user may see.", tag: "clusters", responses: ["200": jsonResponse("Namespace names.", array(string))], errorCodes: read)
            ],
            "/api/storages": [
                "get": operation("listStorages", "Replication repositories with readiness.", tag: "storages", responses: ["200": jsonResponse("The repositories.", array(reference("Storage")))], errorCodes: read),
                "post": operation("createStorage", "Add an S3-compatible repository (MigStorage and credentials Secret).", tag: "storages", body: "StorageForm", responses: ["201": jsonResponse("Created.", reference("Storage"))], errorCodes: write),
            ],
            "/api/storages/{name}": [
                "get": operation("getStorage", "One repository.", tag: "storages", responses: ["200": jsonResponse("The repository.", reference("Storage"))], errorCodes: read, name: true),
                "put": operation("updateStorage", "Change a repository; empty credentials keep the stored ones.", tag: "storages", body: "StorageForm", responses: ["200": jsonResponse("Changed.", reference("Storage"))], errorCodes: write, name: true),
                "delete": operation("deleteStorage", "Remove a repository and its credentials Secret.", tag: "storages", responses: noContent, errorCodes: write, name: true),
            ],
            "/api/plans": [
                "get": operation("listPlans", "MigPlans.", tag: "plans", responses: ["200": jsonResponse("The plans.", array(reference("Plan")))], errorCodes: read),
                "post": operation("createPlan", "Create a plan from the wizard's choices.", tag: "plans", body: "PlanForm", responses: ["201": jsonResponse("Created.", reference("Plan"))], errorCodes: write),
            ],
            "/api/plans/{name}": [
                "get": operation("getPlan", "One plan with its validation conditions.", tag: "plans", responses: ["200": jsonResponse("The plan.", reference("Plan"))], errorCodes: read, name: true),
                "put": operation("updatePlan", "Replace the plan's choices.", tag: "plans", body: "PlanForm", responses: ["200": jsonResponse("Changed.", reference("Plan"))], errorCodes: write, name: true),
                "delete": operation("deletePlan", "Delete a plan (refused while a migration runs).", tag: "plans", responses: noContent, errorCodes: write, name: true),
            ],
            "/api/plans/{name}/migrations": [
                "get": operation("listPlanMigrations", "The plan's migrations, newest first.", tag: "migrations", responses: ["200": jsonResponse("The migrations.", array(reference("Migration")))], errorCodes: read, name: true),
                "post": operation("startMigration", "Start a stage, cutover (quiescePods: halt transactions on the source) or rollback.", tag: "migrations", body: "MigrationStartForm", responses: ["201": jsonResponse("Started.", reference("Migration"))], errorCodes: write, name: true),
            ],
            "/api/migrations/{name}": [
                "get": operation("getMigration", "A migration with pipeline, errors and its DVM/DVMP/DIM objects.", tag: "migrations", responses: ["200": jsonResponse("The migration.", reference("MigrationDetail"))], errorCodes: read, name: true),
                "post": operation("actOnMigration", "Cancel a running migration ({\"action\": \"cancel\"}).", tag: "migrations", body: "MigrationAction", responses: ["200": jsonResponse("Canceling.", reference("Migration"))], errorCodes: write, name: true),
            ],
            "/api/migrations/{name}/cancel": [
                "post": operation("cancelMigration", "Cancel a running migration.", tag: "migrations", responses: ["200": jsonResponse("Canceling.", reference("Migration"))], errorCodes: write, name: true)
            ],
            "/api/migrations/{name}/events": [
                "get": operation(
                    "watchMigration", "Server-sent events: a `migration` event with the Migration JSON on every change, `end` when it finished.", tag: "migrations",
                    responses: ["200": ["description": "An event stream.", "content": ["text/event-stream": ["schema": string]]]], errorCodes: read, name: true)
            ],
        ]
    }
}
