import KubeCore

/// The objects of one resource, with their keys kept in list order.
///
/// The sorted key array is built lazily on the first list and then maintained by binary
/// insertion, so bulk creates cost no sorting and lists need none.
struct ResourceTable {
    private(set) var objects: [ObjectKey: KubeObject] = [:]
    private var sortedKeys: [ObjectKey]?

    var count: Int { objects.count }

    subscript(key: ObjectKey) -> KubeObject? { objects[key] }

    mutating func store(_ object: KubeObject, at key: ObjectKey) {
        if objects.updateValue(object, forKey: key) == nil, sortedKeys != nil {
            sortedKeys!.insert(key, at: Self.lowerBound(of: key, in: sortedKeys![...]))
        }
    }

    mutating func remove(_ key: ObjectKey) {
        guard objects.removeValue(forKey: key) != nil, sortedKeys != nil else { return }
        let index = Self.lowerBound(of: key, in: sortedKeys![...])
        if index < sortedKeys!.count, sortedKeys![index] == key { sortedKeys!.remove(at: index) }
    }

    /// The keys in list order, restricted to `namespace` when given.
    mutating func keys(in namespace: String?) -> ArraySlice<ObjectKey> {
        if sortedKeys == nil { sortedKeys = objects.keys.sorted() }
        let keys = sortedKeys!
        guard let namespace else { return keys[...] }
        let start = Self.lowerBound(of: ObjectKey(namespace: namespace, name: ""), in: keys[...])
        // Names hold no control characters, so "\u{1}" ends this namespace before any longer one.
        let end = Self.lowerBound(of: ObjectKey(namespace: namespace + "\u{1}", name: ""), in: keys[start...])
        return keys[start..<end]
    }

    /// The first position whose key is not less than `key`.
    static func lowerBound(of key: ObjectKey, in keys: ArraySlice<ObjectKey>) -> Int {
        var low = keys.startIndex
        var high = keys.endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
