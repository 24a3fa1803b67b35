/// A small application with the kinds a migration must handle.
enum SampleManifests {
    static func shop(namespace: String = "shop") -> String {
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: \(namespace), labels: {team: payments}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: \(namespace)}
        data: {mode: production}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: credentials, namespace: \(namespace)}
        stringData: {password: hunter2}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api, namespace: \(namespace)}
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data, namespace: \(namespace)}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: \(namespace), labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              serviceAccountName: api
              containers: [{name: web, image: nginx:1.27}]
              volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: \(namespace)}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: \(namespace)}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: report, image: busybox}]
        """
    }
}
