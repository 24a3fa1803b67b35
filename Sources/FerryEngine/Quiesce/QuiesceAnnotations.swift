public import KubeCore

/// The annotations that keep a workload's pre-quiesce state on the workload itself, and the
/// pure edits that quiesce a workload and put its original state back.
///
/// Keeping the original value on the object (as the Migration Toolkit does) makes both
/// directions idempotent: a value already saved is never overwritten, so a cutover that
/// resumes after the source was quiesced still restores what ran before.
public enum QuiesceAnnotations {
    /// `spec.replicas` (or a Job's `spec.parallelism`) before quiescing.
    public static let replicas = "migration.openshift.io/preQuiesceReplicas"
    /// `spec.paused` of a Deployment or DeploymentConfig before quiescing.
    public static let paused = "migration.openshift.io/preQuiescePaused"
    /// A DaemonSet's pod template `nodeSelector`, as JSON (`null` when it had none).
    public static let nodeSelector = "migration.openshift.io/preQuiesceNodeSelector"
    /// A CronJob's `spec.suspend` before quiescing.
    public static let suspend = "migration.openshift.io/preQuiesceSuspend"
    /// Every pre-quiesce annotation.
    public static let all: Set<String> = [replicas, paused, nodeSelector, suspend]

    /// The node selector key that keeps a quiesced DaemonSet's pods off every node.
    public static let daemonSetNodeSelectorKey = "migration.openshift.io/quiesceDaemonSet"

    /// Whether the object carries any pre-quiesce annotation.
    public static func isQuiesced(_ object: KubeObject) -> Bool {
        object.annotations.keys.contains { all.contains($0) }
    }

    /// The object with its original state put back and the pre-quiesce annotations removed;
    /// unchanged when it carries no annotation or one that cannot be read (see
    /// ``restoring(_:)`` for the error).
    public static func restoringOriginal(_ object: KubeObject) -> KubeObject {
        guard let restored = try? restoring(object) else { return object }
        return restored.object
    }

    /// The object quiesced and what changed; `nil` when it is not a quiesced kind or is
    /// already stopped. A value saved earlier is kept.
    public static func quiescing(_ object: KubeObject) -> (object: KubeObject, summary: String)? {
        guard let kind = QuiescibleKind.of(object), kind.isQuiescedDirectly(object) else { return nil }
        var quiesced = object
        var annotations = object.annotations
        let summary: String
        switch kind.method {
        case .scaleToZero(let savesPaused):
            let count = object[path: "spec", "replicas"]?.intValue ?? 1
            guard count != 0 else { return nil }
            annotations[replicas] = annotations[replicas] ?? String(count)
            quiesced[path: "spec", "replicas"] = .int(0)
            if savesPaused {
                // Saved as the Migration Toolkit does, but left as it is: a paused Deployment
                // still scales, and unpausing would roll out a template its owner held back.
                let paused = object[path: "spec", "paused"]?.boolValue ?? false
                annotations[Self.paused] = annotations[Self.paused] ?? String(paused)
            }
            summary = "replicas \(count) → 0"
        case .unschedulable:
            let selector = object[path: "spec", "template", "spec", "nodeSelector"]
            guard selector?[daemonSetNodeSelectorKey]?.stringValue != "true" else { return nil }
            annotations[nodeSelector] = annotations[nodeSelector] ?? (selector ?? .null).serializedString()
            var members = selector?.objectValue ?? [:]
            members[daemonSetNodeSelectorKey] = .string("true")
            quiesced[path: "spec", "template", "spec", "nodeSelector"] = .object(members)
            summary = "nodeSelector \(daemonSetNodeSelectorKey)=true"
        case .suspend:
            let suspended = object[path: "spec", "suspend"]?.boolValue ?? false
            guard !suspended else { return nil }
            annotations[suspend] = annotations[suspend] ?? "false"
            quiesced[path: "spec", "suspend"] = .bool(true)
            summary = "suspended"
        case .zeroParallelism:
            let parallelism = object[path: "spec", "parallelism"]?.intValue ?? 1
            guard parallelism != 0 else { return nil }
            annotations[replicas] = annotations[replicas] ?? String(parallelism)
            quiesced[path: "spec", "parallelism"] = .int(0)
            summary = "parallelism \(parallelism) → 0"
        }
        quiesced.annotations = annotations
        return (quiesced, summary)
    }

    /// The object with its saved state put back and the annotations removed, and what
    /// changed; `nil` when it carries no pre-quiesce annotation.
    ///
    /// - Throws: ``QuiesceError/Code/invalidAnnotation`` naming the object and annotation
    ///   when a saved value cannot be read.
    public static func restoring(_ object: KubeObject) throws(QuiesceError) -> (object: KubeObject, summary: String)? {
        let annotations = object.annotations
        guard isQuiesced(object), let kind = QuiescibleKind.of(object) else { return nil }
        var restored = object
        var parts: [String] = []
        switch kind.method {
        case .scaleToZero, .zeroParallelism:
            let field = kind.method == .zeroParallelism ? "parallelism" : "replicas"
            if let text = annotations[replicas] {
                guard let count = Int(text), count >= 0 else { throw invalid(object, replicas, text, expected: "a whole number") }
                restored[path: "spec", field] = .int(Int64(count))
                parts.append("\(field) → \(count)")
            }
            if let text = annotations[paused] {
                guard let wasPaused = Bool(text) else { throw invalid(object, paused, text, expected: "true or false") }
                // Written only when it changed since, so an absent `paused` stays absent.
                if (object[path: "spec", "paused"]?.boolValue ?? false) != wasPaused {
                    restored[path: "spec", "paused"] = .bool(wasPaused)
                    parts.append("paused → \(wasPaused)")
                }
            }
        case .unschedulable:
            if let text = annotations[nodeSelector] {
                guard let saved = try? JSONValue(parsing: Array(text.utf8)), saved.isNull || saved.objectValue != nil else {
                    throw invalid(object, nodeSelector, text, expected: "a JSON object or null")
                }
                if saved.isNull {
                    restored.removeMember(at: "spec", "template", "spec", "nodeSelector")
                } else {
                    restored[path: "spec", "template", "spec", "nodeSelector"] = saved
                }
                parts.append("nodeSelector → \(text)")
            }
        case .suspend:
            if let text = annotations[suspend] {
                guard let wasSuspended = Bool(text) else { throw invalid(object, suspend, text, expected: "true or false") }
                restored[path: "spec", "suspend"] = .bool(wasSuspended)
                parts.append("suspend → \(wasSuspended)")
            }
        }
        restored.removeAnnotations { all.contains($0) }
        return (restored, parts.isEmpty ? "annotations removed" : parts.joined(separator: ", "))
    }

    private static func invalid(_ object: KubeObject, _ annotation: String, _ value: String, expected: String) -> QuiesceError {
        QuiesceError(
            .invalidAnnotation,
            "\(object.kind) \(object.qualifiedName): annotation \(annotation) is \"\(value)\", not \(expected); "
                + "set it to the value the workload had before it was quiesced, or remove it to leave the workload as it is")
    }
}
