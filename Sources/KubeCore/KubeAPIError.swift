/// A failure reported the way the Kubernetes API reports it: a `Status` object with an HTTP
/// code, a machine-readable reason and a human message.
///
/// The API server simulator returns these; the client decodes them from responses, so the
/// same type carries a failure from server to caller unchanged.
public struct KubeAPIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code.
    public var code: Int
    /// The machine-readable reason, such as `NotFound` or `Conflict`.
    public var reason: String
    /// The human-readable message.
    public var message: String
    /// `details`, when the server gave them.
    public var details: Details?

    /// The `details` of a `Status`.
    public struct Details: Sendable, Hashable {
        /// The object's name.
        public var name: String?
        /// The object's group.
        public var group: String?
        /// The resource or kind.
        public var kind: String?
        /// The object's uid.
        public var uid: String?
        /// Field-level causes.
        public var causes: [Cause]
        /// How long the client should wait before retrying.
        public var retryAfterSeconds: Int?

        /// Creates details.
        public init(name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil, causes: [Cause] = [], retryAfterSeconds: Int? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// One field-level cause of a failure.
    public struct Cause: Sendable, Hashable {
        /// Such as `FieldValueInvalid` or `FieldValueRequired`.
        public var reason: String
        /// The human-readable message.
        public var message: String
        /// The field path, such as `metadata.name`.
        public var field: String

        /// Creates a cause.
        public init(reason: String, message: String, field: String) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    /// Creates an error.
    public init(code: Int, reason: String, message: String, details: Details? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { message.isEmpty ? "\(reason) (\(code))" : message }
}

extension KubeAPIError {
    /// 400: the request is malformed.
    public static func badRequest(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 400, reason: "BadRequest", message: message)
    }

    /// 401: no valid credentials.
    public static func unauthorized(_ message: String = "Unauthorized") -> KubeAPIError {
        KubeAPIError(code: 401, reason: "Unauthorized", message: message)
    }

    /// 403: `user` may not `verb` on `resource` (in `namespace`).
    public static func forbidden(user: String, verb: String, resource: GroupResource, name: String? = nil, namespace: String?, subresource: String? = nil) -> KubeAPIError {
        var text = "\(resource)"
        if let name, !name.isEmpty { text += " \"\(name)\"" }
        var message = "\(text) is forbidden: User \"\(user)\" cannot \(verb) resource \"\(resource.resource)"
        if let subresource, !subresource.isEmpty { message += "/\(subresource)" }
        message += "\" in API group \"\(resource.group)\""
        if let namespace, !namespace.isEmpty {
            message += " in the namespace \"\(namespace)\""
        } else {
            message += " at the cluster scope"
        }
        return KubeAPIError(
            code: 403, reason: "Forbidden", message: message,
            details: Details(name: name, group: resource.group, kind: resource.resource))
    }

    /// 404: `resource` named `name` does not exist.
    public static func notFound(_ resource: GroupResource, name: String) -> KubeAPIError {
        KubeAPIError(
            code: 404, reason: "NotFound", message: "\(resource) \"\(name)\" not found",
            details: Details(name: name, group: resource.group, kind: resource.resource))
    }

    /// 404 for a path that names no resource.
    public static func notFound(message: String) -> KubeAPIError {
        KubeAPIError(code: 404, reason: "NotFound", message: message)
    }

    /// 409: an object with this name already exists.
    public static func alreadyExists(_ resource: GroupResource, name: String) -> KubeAPIError {
        KubeAPIError(
            code: 409, reason: "AlreadyExists", message: "\(resource) \"\(name)\" already exists",
            details: Details(name: name, group: resource.group, kind: resource.resource))
    }

    /// 409: the update was based on a stale `resourceVersion`.
    public static func conflict(_ resource: GroupResource, name: String, reason: String = "the object has been modified; please apply your changes to the latest version and try again") -> KubeAPIError {
        KubeAPIError(
            code: 409, reason: "Conflict", message: "Operation cannot be fulfilled on \(resource) \"\(name)\": \(reason)",
            details: Details(name: name, group: resource.group, kind: resource.resource))
    }

    /// 422: the object failed validation.
    public static func invalid(kind: String, group: String, name: String, causes: [Cause]) -> KubeAPIError {
        let summary = causes.map { "\($0.field): \($0.message)" }.joined(separator: ", ")
        let list = causes.count > 1 ? "[\(summary)]" : summary
        return KubeAPIError(
            code: 422, reason: "Invalid", message: "\(kind) \"\(name)\" is invalid: \(list)",
            details: Details(name: name, group: group, kind: kind, causes: causes))
    }

    /// 405: the verb is not supported on this resource.
    public static func methodNotAllowed(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 405, reason: "MethodNotAllowed", message: message)
    }

    /// 410: a watch or list asked for a `resourceVersion` that has been compacted away.
    public static func expired(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 410, reason: "Expired", message: message)
    }

    /// 415: unsupported content type.
    public static func unsupportedMediaType(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 415, reason: "UnsupportedMediaType", message: message)
    }

    /// 429: slow down.
    public static func tooManyRequests(_ message: String, retryAfterSeconds: Int) -> KubeAPIError {
        KubeAPIError(code: 429, reason: "TooManyRequests", message: message, details: Details(retryAfterSeconds: retryAfterSeconds))
    }

    /// 500: a bug or an unexpected failure inside the server.
    public static func internalError(_ message: String) -> KubeAPIError {
        KubeAPIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }

    /// Whether this is a 404.
    public var isNotFound: Bool { code == 404 }
    /// Whether this is a 409 AlreadyExists.
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }
    /// Whether this is a 409 Conflict.
    public var isConflict: Bool { code == 409 && reason == "Conflict" }
    /// Whether this is a 410.
    public var isGone: Bool { code == 410 }
}

extension KubeAPIError {
    /// The error as a `Status` object, as the API server writes it.
    public var statusObject: JSONValue {
        var value: JSONObject = [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]),
            "status": "Failure", "message": .string(message), "reason": .string(reason), "code": .int(Int64(code)),
        ]
        if let details {
            var detailValue: JSONObject = [:]
            if let name = details.name { detailValue["name"] = .string(name) }
            if let group = details.group { detailValue["group"] = .string(group) }
            if let kind = details.kind { detailValue["kind"] = .string(kind) }
            if let uid = details.uid { detailValue["uid"] = .string(uid) }
            if !details.causes.isEmpty {
                detailValue["causes"] = .array(details.causes.map { cause in
                    ["reason": .string(cause.reason), "message": .string(cause.message), "field": .string(cause.field)]
                })
            }
            if let retry = details.retryAfterSeconds { detailValue["retryAfterSeconds"] = .int(Int64(retry)) }
            value["details"] = .object(detailValue)
        }
        return .object(value)
    }

    /// Reads a `Status` object; `nil` when `status` is not one.
    public init?(status: JSONValue, httpCode: Int? = nil) {
        guard status["kind"]?.stringValue == "Status" else { return nil }
        let code = status["code"]?.intValue ?? httpCode ?? 500
        var details: Details?
        if let detailValue = status["details"], detailValue.objectValue != nil {
            details = Details(
                name: detailValue["name"]?.stringValue,
                group: detailValue["group"]?.stringValue,
                kind: detailValue["kind"]?.stringValue,
                uid: detailValue["uid"]?.stringValue,
                causes: detailValue["causes"]?.arrayValue?.map { cause in
                    Cause(
                        reason: cause["reason"]?.stringValue ?? "",
                        message: cause["message"]?.stringValue ?? "",
                        field: cause["field"]?.stringValue ?? "")
                } ?? [],
                retryAfterSeconds: detailValue["retryAfterSeconds"]?.intValue)
        }
        self.init(
            code: code, reason: status["reason"]?.stringValue ?? "Unknown",
            message: status["message"]?.stringValue ?? "", details: details)
    }
}
