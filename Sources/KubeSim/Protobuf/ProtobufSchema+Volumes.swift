extension ProtobufSchema {
    /// `k8s.io/api/core/v1`: the pod volume sources a migrated workload commonly uses, and
    /// persistent volume claim templates.
    static let volumeMessages: [ProtobufMessage] = [
        ProtobufMessage("Volume", [string(1, "name"), inline(2, "VolumeSource")]),
        ProtobufMessage("VolumeSource", [
            message(1, "hostPath", "HostPathVolumeSource"), message(2, "emptyDir", "EmptyDirVolumeSource"),
            message(6, "secret", "SecretVolumeSource"), message(7, "nfs", "NFSVolumeSource"),
            message(10, "persistentVolumeClaim", "PersistentVolumeClaimVolumeSource"),
            message(16, "downwardAPI", "DownwardAPIVolumeSource"), message(19, "configMap", "ConfigMapVolumeSource"),
            message(26, "projected", "ProjectedVolumeSource"), message(28, "csi", "CSIVolumeSource"),
            message(29, "ephemeral", "EphemeralVolumeSource"), message(30, "image", "ImageVolumeSource"),
        ]),
        ProtobufMessage("HostPathVolumeSource", [string(1, "path"), stringPtr(2, "type")]),
        ProtobufMessage("EmptyDirVolumeSource", [string(1, "medium"), quantity(2, "sizeLimit")]),
        ProtobufMessage("SecretVolumeSource", [
            string(1, "secretName"), messages(2, "items", "KeyToPath"), int32Ptr(3, "defaultMode"), boolPtr(4, "optional"),
        ]),
        ProtobufMessage("KeyToPath", [string(1, "key"), string(2, "path"), int32Ptr(3, "mode")]),
        ProtobufMessage("NFSVolumeSource", [string(1, "server"), string(2, "path"), bool(3, "readOnly")]),
        ProtobufMessage("PersistentVolumeClaimVolumeSource", [string(1, "claimName"), bool(2, "readOnly")]),
        ProtobufMessage("DownwardAPIVolumeSource", [
            messages(1, "items", "DownwardAPIVolumeFile"), int32Ptr(2, "defaultMode"),
        ]),
        ProtobufMessage("DownwardAPIVolumeFile", [
            string(1, "path"), message(2, "fieldRef", "ObjectFieldSelector"),
            message(3, "resourceFieldRef", "ResourceFieldSelector"), int32Ptr(4, "mode"),
        ]),
        ProtobufMessage("ConfigMapVolumeSource", [
            inline(1, "LocalObjectReference"), messages(2, "items", "KeyToPath"), int32Ptr(3, "defaultMode"),
            boolPtr(4, "optional"),
        ]),
        ProtobufMessage("ProjectedVolumeSource", [messages(1, "sources", "VolumeProjection"), int32Ptr(2, "defaultMode")]),
        ProtobufMessage("VolumeProjection", [
            message(1, "secret", "SecretProjection"), message(2, "downwardAPI", "DownwardAPIProjection"),
            message(3, "configMap", "ConfigMapProjection"),
            message(4, "serviceAccountToken", "ServiceAccountTokenProjection"),
        ]),
        ProtobufMessage("SecretProjection", [
            inline(1, "LocalObjectReference"), messages(2, "items", "KeyToPath"), boolPtr(4, "optional"),
        ]),
        ProtobufMessage("ConfigMapProjection", [
            inline(1, "LocalObjectReference"), messages(2, "items", "KeyToPath"), boolPtr(4, "optional"),
        ]),
        ProtobufMessage("DownwardAPIProjection", [messages(1, "items", "DownwardAPIVolumeFile")]),
        ProtobufMessage("ServiceAccountTokenProjection", [
            string(1, "audience"), int64Ptr(2, "expirationSeconds"), string(3, "path"),
        ]),
        ProtobufMessage("CSIVolumeSource", [
            string(1, "driver"), boolPtr(2, "readOnly"), stringPtr(3, "fsType"), map(4, "volumeAttributes", .string),
            message(5, "nodePublishSecretRef", "LocalObjectReference"),
        ]),
        ProtobufMessage("EphemeralVolumeSource", [message(1, "volumeClaimTemplate", "PersistentVolumeClaimTemplate")]),
        ProtobufMessage("ImageVolumeSource", [string(1, "reference"), string(2, "pullPolicy")]),
        ProtobufMessage("PersistentVolumeClaimTemplate", [
            message(1, "metadata", "ObjectMeta"), message(2, "spec", "PersistentVolumeClaimSpec"),
        ]),
        ProtobufMessage("PersistentVolumeClaimSpec", [
            strings(1, "accessModes"), message(4, "selector", "LabelSelector"),
            message(2, "resources", "VolumeResourceRequirements"), string(3, "volumeName"),
            stringPtr(5, "storageClassName"), stringPtr(6, "volumeMode"),
            message(7, "dataSource", "TypedLocalObjectReference"), message(8, "dataSourceRef", "TypedObjectReference"),
            stringPtr(9, "volumeAttributesClassName"),
        ]),
        ProtobufMessage("VolumeResourceRequirements", [map(1, "limits", .quantity), map(2, "requests", .quantity)]),
    ]
}
