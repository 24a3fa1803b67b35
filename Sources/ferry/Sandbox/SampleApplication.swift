/// The application the sandbox demo deploys into the source cluster: an online shop with a
/// web frontend, an API, a background worker, a Postgres database and a Redis cache, plus
/// the configuration, secrets, RBAC, autoscaling, routing and custom resources a real
/// application carries, so a migration has every kind of object to move.
enum SampleApplication {
    /// Its namespace.
    static let namespace = "shop"

    /// The manifest, applied in document order: the CustomResourceDefinition comes before
    /// the `Shop` objects it defines.
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
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: shop-worker, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: config-reader, namespace: shop}
        rules:
        - apiGroups: [""]
          resources: [configmaps]
          verbs: [get, list, watch]
        - apiGroups: [demo.ferry.dev]
          resources: [shops]
          verbs: [get, list, watch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: shop-reads-config, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: config-reader}
        subjects:
        - {kind: ServiceAccount, name: shop-api, namespace: shop}
        - {kind: ServiceAccount, name: shop-worker, namespace: shop}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: shop-config, namespace: shop}
        data:
          CURRENCY: EUR
          FEATURE_RECOMMENDATIONS: "true"
          DATABASE_HOST: postgres-0.postgres.shop.svc
          CACHE_URL: redis://cache.shop.svc:6379
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: frontend-nginx, namespace: shop}
        data:
          default.conf: |
            server {
              listen 80;
              location /api/ { proxy_pass http://api.shop.svc/; }
              location / { root /usr/share/nginx/html; try_files $uri /index.html; }
            }
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: db-credentials, namespace: shop}
        type: Opaque
        stringData: {POSTGRES_USER: shop, POSTGRES_PASSWORD: change-me, POSTGRES_DB: shop}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: payment-gateway, namespace: shop}
        type: Opaque
        stringData: {API_KEY: sk_test_4eC39HqLyjWDarjtT1zdp7dc, WEBHOOK_SECRET: whsec_demo}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: shops.demo.ferry.dev}
        spec:
          group: demo.ferry.dev
          scope: Namespaced
          names: {plural: shops, singular: shop, kind: Shop, listKind: ShopList}
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      region: {type: string}
                      currency: {type: string}
                      openingHours: {type: string}
        ---
        apiVersion: demo.ferry.dev/v1
        kind: Shop
        metadata: {name: eu-store, namespace: shop}
        spec: {region: eu-west, currency: EUR, openingHours: "08:00-20:00"}
        ---
        apiVersion: demo.ferry.dev/v1
        kind: Shop
        metadata: {name: us-store, namespace: shop}
        spec: {region: us-east, currency: USD, openingHours: "09:00-21:00"}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: postgres, namespace: shop, labels: {app: postgres}}
        spec:
          clusterIP: None
          selector: {app: postgres}
          ports: [{name: postgres, port: 5432}]
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: postgres, namespace: shop, labels: {app: postgres, tier: data}}
        spec:
          serviceName: postgres
          replicas: 1
          selector: {matchLabels: {app: postgres}}
          template:
            metadata: {labels: {app: postgres, tier: data}}
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
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cache, namespace: shop, labels: {app: cache, tier: data}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: cache}}
          template:
            metadata: {labels: {app: cache, tier: data}}
            spec:
              containers:
              - name: redis
                image: redis:7
                args: [--maxmemory, 256mb, --maxmemory-policy, allkeys-lru]
                ports: [{containerPort: 6379}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: cache, namespace: shop}
        spec:
          selector: {app: cache}
          ports: [{name: redis, port: 6379}]
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
        metadata: {name: api, namespace: shop, labels: {app: api, tier: backend}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: api}}
          template:
            metadata: {labels: {app: api, tier: backend}}
            spec:
              serviceAccountName: shop-api
              containers:
              - name: api
                image: registry.example.com/shop/api:1.4.2
                ports: [{containerPort: 8080}]
                envFrom: [{configMapRef: {name: shop-config}}, {secretRef: {name: db-credentials}}, {secretRef: {name: payment-gateway}}]
                volumeMounts: [{name: uploads, mountPath: /srv/uploads}]
              volumes:
              - {name: uploads, persistentVolumeClaim: {claimName: uploads}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api, namespace: shop}
        spec:
          selector: {app: api}
          ports: [{name: http, port: 80, targetPort: 8080}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: worker, namespace: shop, labels: {app: worker, tier: backend}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: worker}}
          template:
            metadata: {labels: {app: worker, tier: backend}}
            spec:
              serviceAccountName: shop-worker
              containers:
              - name: worker
                image: registry.example.com/shop/worker:1.4.2
                args: [--queue, orders]
                envFrom: [{configMapRef: {name: shop-config}}, {secretRef: {name: db-credentials}}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: frontend, namespace: shop, labels: {app: frontend, tier: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: frontend}}
          template:
            metadata: {labels: {app: frontend, tier: web}}
            spec:
              containers:
              - name: nginx
                image: nginx:1.27
                ports: [{containerPort: 80}]
                volumeMounts: [{name: config, mountPath: /etc/nginx/conf.d}]
              volumes:
              - {name: config, configMap: {name: frontend-nginx}}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: frontend, namespace: shop}
        spec:
          type: NodePort
          selector: {app: frontend}
          ports: [{name: http, port: 80, targetPort: 80}]
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata: {name: frontend, namespace: shop}
        spec:
          scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: frontend}
          minReplicas: 2
          maxReplicas: 6
          metrics:
          - type: Resource
            resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: frontend, namespace: shop}
        spec:
          minAvailable: 1
          selector: {matchLabels: {app: frontend}}
        ---
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: {name: postgres-from-backend, namespace: shop}
        spec:
          podSelector: {matchLabels: {app: postgres}}
          policyTypes: [Ingress]
          ingress:
          - from: [{podSelector: {matchLabels: {tier: backend}}}]
            ports: [{port: 5432}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {name: shop, namespace: shop}
        spec:
          rules:
          - host: shop.example.com
            http:
              paths:
              - {path: /, pathType: Prefix, backend: {service: {name: frontend, port: {number: 80}}}}
              - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
        ---
        apiVersion: route.openshift.io/v1
        kind: Route
        metadata: {name: frontend, namespace: shop}
        spec:
          to: {kind: Service, name: frontend}
          port: {targetPort: http}
          tls: {termination: edge}
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
                  serviceAccountName: shop-worker
                  containers:
                  - name: report
                    image: registry.example.com/shop/report:1.0
                    envFrom: [{secretRef: {name: db-credentials}}]
        """
}
