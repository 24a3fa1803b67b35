import FerryAPI
import KubeCore

extension MigPlan.StorageClass {
    static let defaultClassAnnotations = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]

    /// The summary MTC writes into a plan's status for one StorageClass: its name, provisioner,
    /// whether it is the cluster's default, and the access modes its kind of storage offers.
    init(summarizing storageClass: KubeObject) {
        let provisioner = storageClass["provisioner"]?.stringValue ?? ""
        let isDefault = Self.defaultClassAnnotations.contains { storageClass.annotations[$0] == "true" }
        self.init(name: storageClass.name, provisioner: provisioner, default: isDefault, accessModes: Self.accessModes(provisioner: provisioner))
    }

    /// Shared file systems offer every access mode; block devices and node-local storage only
    /// ReadWriteOnce.
    static func accessModes(provisioner: String) -> [String] {
        let shared = ["nfs", "cephfs", "efs", "azure-file", "file.csi", "glusterfs", "manila"]
        if shared.contains(where: { provisioner.lowercased().contains($0) }) {
            return ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"]
        }
        return ["ReadWriteOnce"]
    }
}
