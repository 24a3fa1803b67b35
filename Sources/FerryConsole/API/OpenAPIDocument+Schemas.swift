import KubeCore

extension OpenAPIDocument {
    static func reference(_ name: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(name)")] }
    static func array(_ items: JSONValue) -> JSONValue { ["type": "array", "items": items] }
    static let string: JSONValue = ["type": "string"]
    static let boolean: JSONValue = ["type": "boolean"]
    static let nullableString: JSONValue = ["type": "string", "nullable": true]
    static let nullableBoolean: JSONValue = ["type": "boolean", "nullable": true]
    static let anyObject: JSONValue = ["type": "object", "additionalProperties": true]
    /// A DNS-1123 subdomain, as object names must be.
    static let objectName: JSONValue = ["type": "string", "maxLength": 253, "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"]
    /// A DNS-1123 label, as namespace names must be.
    static let namespaceName: JSONValue = ["type": "string", "maxLength": 63, "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"]

    static func object(_ properties: JSONObject, required: [String] = []) -> JSONValue {
        var schema: JSONObject = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    static func enumeration(_ values: [String], nullable: Bool = false) -> JSONValue {
        var schema: JSONObject = ["type": "string", "enum": .array(values.map { .string($0) })]
        if nullable {
            schema["nullable"] = true
            schema["enum"] = .array(values.map { .string($0) } + [.null])
        }
        return .object(schema)
    }

    static var securitySchemes: JSONValue {
        [
            "bearer": ["type": "http", "scheme": "bearer", "description": "A Kubernetes bearer token of the host cluster."],
            "session": ["type": "apiKey", "in": "cookie", "name": "ferry_session", "description": "The session cookie from POST /api/session; unsafe requests also send X-CSRF-Token."],
        ]
    }

    static var schemas: JSONValue {
        let condition = object(
            ["type": string, "status": string, "reason": nullableString, "category": nullableString, "message": nullableString,
             "lastTransitionTime": nullableString, "durable": nullableBoolean],
            required: ["type", "status"])
        let readiness = object(["status": enumeration(["True", "False", "Unknown"]), "reason": nullableString, "message": nullableString], required: ["status"])
        let storageClass = object(["name": string, "provisioner": nullableString, "default": nullableBoolean, "accessModes": ["type": "array", "items": string, "nullable": true]], required: ["name"])
        return [
            "Error": object(["code": string, "message": string, "fields": ["type": "object", "additionalProperties": string]], required: ["code", "message"]),
            "SignInRequest": object(["token": string, "kubeconfig": string, "context": string]),
            "Session": object(["user": string, "groups": array(string), "csrfToken": string, "expires": ["type": "string", "format": "date-time"]], required: ["user", "groups", "expires"]),
            "Condition": condition,
            "Readiness": readiness,
            "Cluster": object(
                ["name": string, "isHostCluster": boolean, "url": string, "insecure": boolean, "hasCABundle": boolean, "exposedRegistryPath": string,
                 "tokenSecret": string, "ready": reference("Readiness"), "conditions": array(reference("Condition"))],
                required: ["name", "isHostCluster", "insecure", "hasCABundle", "ready", "conditions"]),
            "ClusterForm": object(
                ["name": objectName, "isHostCluster": boolean, "url": string, "token": string, "caBundle": string, "insecure": boolean, "exposedRegistryPath": string]),
            "Storage": object(
                ["name": string, "provider": string, "bucket": string, "endpoint": string, "region": string, "forcePathStyle": boolean, "insecure": boolean,
                 "hasCABundle": boolean, "credentialsSecret": string, "ready": reference("Readiness"), "conditions": array(reference("Condition"))],
                required: ["name", "forcePathStyle", "insecure", "hasCABundle", "ready", "conditions"]),
            "StorageForm": object(
                ["name": objectName, "bucket": string, "endpoint": string, "region": string, "forcePathStyle": boolean, "caBundle": string, "insecure": boolean,
                 "accessKeyID": string, "secretAccessKey": string]),
            "NamespaceMapping": object(["source": namespaceName, "destination": namespaceName]),
            "VolumeSelection": object(
                ["name": string, "action": enumeration(["copy", "move", "skip"]), "storageClass": string, "accessMode": enumeration(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"]),
                 "copyMethod": enumeration(["filesystem", "block", "snapshot"]), "verify": boolean, "targetClaimName": string]),
            "HookEntry": object(["name": objectName, "phase": enumeration(["PreBackup", "PostBackup", "PreRestore", "PostRestore"]), "executionNamespace": string, "serviceAccount": string]),
            "PlanForm": object(
                ["name": objectName, "sourceCluster": objectName, "destinationCluster": objectName, "storage": objectName, "migrationType": enumeration(["full", "state"]),
                 "namespaces": array(reference("NamespaceMapping")), "persistentVolumes": array(reference("VolumeSelection")), "hooks": array(reference("HookEntry")),
                 "indirectImageMigration": boolean, "indirectVolumeMigration": boolean]),
            "ObjectReference": object(["name": nullableString, "namespace": nullableString]),
            "PersistentVolume": ["type": "object", "required": ["name"], "additionalProperties": true, "properties": [
                "name": string, "capacity": nullableString, "storageClass": nullableString, "supported": anyObject, "selection": anyObject, "pvc": anyObject,
            ]],
            "Hook": object(["reference": reference("ObjectReference"), "phase": nullableString, "executionNamespace": nullableString, "serviceAccount": nullableString]),
            "StorageClass": storageClass,
            "Plan": object(
                ["name": string, "sourceCluster": string, "destinationCluster": string, "storage": string, "migrationType": enumeration(["full", "state"]),
                 "namespaces": array(reference("NamespaceMapping")), "persistentVolumes": array(reference("PersistentVolume")), "hooks": array(reference("Hook")),
                 "indirectImageMigration": boolean, "indirectVolumeMigration": boolean, "closed": boolean, "ready": reference("Readiness"),
                 "conditions": array(reference("Condition")), "sourceStorageClasses": array(reference("StorageClass")),
                 "destinationStorageClasses": array(reference("StorageClass"))],
                required: ["name", "migrationType", "namespaces", "persistentVolumes", "hooks", "indirectImageMigration", "indirectVolumeMigration", "closed", "ready",
                           "conditions", "sourceStorageClasses", "destinationStorageClasses"]),
            "PipelineStep": object(
                ["name": string, "phase": nullableString, "message": nullableString, "progress": ["type": "array", "items": string, "nullable": true],
                 "started": nullableString, "completed": nullableString, "failed": nullableBoolean, "skipped": nullableBoolean],
                required: ["name"]),
            "Migration": object(
                ["name": string, "plan": string, "type": enumeration(["stage", "cutover", "rollback"]), "quiescePods": boolean, "migrateState": boolean, "canceled": boolean,
                 "state": enumeration(["Pending", "Running", "Succeeded", "Failed", "Canceled"]), "phase": string, "itinerary": string,
                 "pipeline": array(reference("PipelineStep")), "errors": array(string), "conditions": array(reference("Condition")), "startTimestamp": string,
                 "creationTimestamp": string, "finished": boolean],
                required: ["name", "type", "quiescePods", "migrateState", "canceled", "state", "pipeline", "errors", "conditions", "finished"]),
            "MigrationDetail": object(
                ["migration": reference("Migration"), "directVolumeMigrations": array(anyObject), "directVolumeMigrationProgresses": array(anyObject),
                 "directImageMigrations": array(anyObject), "kubectlCommands": array(string)],
                required: ["migration", "directVolumeMigrations", "directVolumeMigrationProgresses", "directImageMigrations", "kubectlCommands"]),
            "MigrationStartForm": object(["type": enumeration(["stage", "cutover", "rollback"]), "quiescePods": boolean, "verify": boolean, "keepAnnotations": boolean], required: ["type"]),
            "MigrationAction": object(["action": enumeration(["cancel"])], required: ["action"]),
        ]
    }
}
