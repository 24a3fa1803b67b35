import Foundation
import KubeCore
import KubeSimStorage

/// Folds a Secret's write-only `stringData` into base64 `data`, as kube-apiserver's
/// conversion does, so `stringData` is never stored or returned.
struct SecretStringDataStrategy: ResourceStrategy {
    func prepareForCreate(_ object: inout KubeObject, store: StoreTransaction) throws(KubeAPIError) {
        Self.fold(&object)
    }

    func prepareForUpdate(_ object: inout KubeObject, old: KubeObject, store: StoreTransaction) throws(KubeAPIError) {
        Self.fold(&object)
    }

    static func fold(_ object: inout KubeObject) {
        guard let plain = object["stringData"]?.objectValue else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in plain {
            guard let text = value.stringValue else { continue }
            data[key] = .string(Data(text.utf8).base64EncodedString())
        }
        object["data"] = .object(data)
        object["stringData"] = nil
    }
}
