/// The application the sandbox demo deploys into the source cluster: a small shop with a
/// web tier, an API, a database with a volume, configuration, secrets, RBAC and a nightly job.
enum SampleApplication {
    /// Its namespace.
    static let namespace = "shop"

    /// The manifest, applied in document order.
    static let manifest = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
          labels: {app.kubernetes.io/part-of: shop}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: shop-api, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-reader, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: shop-api-reads-config, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
        subjects:
        - {kind: ServiceAccount, name: shop-api, namespace: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: shop-config, namespace: shop}
        data:
          CURRENCY: EUR
          FEATURE_RECOMMENDATIONS: "true"
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db-credentials, namespace: shop}
        type: Opaque
        stringData: {POSTGRES_USER: shop, POSTGRES_PASSWORD: change-me}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: shop, labels: {app: db}}
        spec:
          serviceName: db
          replicas: 1
          selector: {matchLabels: {app: db}}
          template:
            metadata: {labels: {app: db}}
            spec:
              containers:
              - name: postgres
                image: postgres:16
                ports: [{containerPort: 5432, name: postgres}]
                envFrom: [{secretRef: {name: db-credentials}}]
                volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
          volumeClaimTemplates:
          - metadata: {name: data}
            spec:
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db, namespace: shop}
        spec:
          clusterIP: None
          selector: {app: db}
          ports: [{name: postgres, port: 5432}]
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: uploads, namespace: shop}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 2Gi}}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: api, namespace: shop, labels: {app: api}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api}}
            spec:
              serviceAccountName: shop-api
              containers:
              - name: api
                image: registry.example.com/shop/api:1.4.2
                ports: [{containerPort: 8080}]
                envFrom: [{configMapRef: {name: shop-config}}]
                volumeMounts: [{name: uploads, mountPath: /srv/uploads}]
              volumes:
              - {name: uploads, persistentVolumeClaim: {claimName: uploads}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          selector: {app: api}
          ports: [{port: 80, targetPort: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop, labels: {app: web}}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports: [{containerPort: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          type: NodePort
          selector: {app: web}
          ports: [{port: 80, targetPort: 80}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop, namespace: shop}
        spec:
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
              - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly-report, namespace: shop}
        spec:
          schedule: "0 2 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                  - {name: report, image: registry.example.com/shop/report:1.0}
        """
}
