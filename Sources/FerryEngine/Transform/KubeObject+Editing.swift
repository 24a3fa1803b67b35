import KubeCore

extension KubeObject {
    /// Removes the member at `path` without creating any missing parent.
    mutating func removeMember(at path: String...) {
        guard let last = path.last,
              case .object(var members)? = self[path: path.dropLast()],
              members[last] != nil else { return }
        members[last] = nil
        self[path: path.dropLast()] = .object(members)
    }

    /// The value at `path`, for an array slice of keys.
    subscript(path path: ArraySlice<String>) -> JSONValue? {
        get { JSONValue.object(body)[path: Array(path)] }
        set {
            var value = JSONValue.object(body)
            value[path: Array(path)] = newValue
            body = value.objectValue ?? [:]
        }
    }

    /// Removes annotations by key, dropping the annotations map when it becomes empty.
    mutating func removeAnnotations(where shouldRemove: (String) -> Bool) {
        guard var annotations = body["metadata"]?["annotations"]?.objectValue else { return }
        let before = annotations.count
        annotations = annotations.filter { !shouldRemove($0.key) }
        guard annotations.count != before else { return }
        var members = metadata
        members["annotations"] = annotations.isEmpty ? nil : .object(annotations)
        metadata = members
    }
}
