import FerryEngine
import FerryImages
import KubeClient
import KubeCore
import Testing

@Suite("Image migration: discovery and rewrite")
struct ImageMigrationDiscoveryTests {
    static let mapping = ImageRegistryMapping(
        sourceRegistry: "registry.source:5000", destinationRegistry: "https://registry.destination:5000/", namespaceMapping: ["shop": "store"])
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    static func objects(_ manifest: String) throws -> [KubeObject] {
        try Manifests.decode(manifest, source: "test")
    }

    static let workloads = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              initContainers: [{name: migrate, image: "registry.source:5000/shop/migrate@\(digest)"}]
              containers:
              - {name: web, image: "registry.source:5000/shop/web:1.0"}
              - {name: proxy, image: "nginx:1.27"}
              - {name: agent, image: "registry.other:5000/shop/agent:2"}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: report, namespace: shop}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: report, image: "registry.source:5000/tools/report"}, {name: web, image: "registry.source:5000/shop/web:1.0"}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: shop}
        data: {image: "registry.source:5000/shop/web:1.0"}
        """

    @Test("pod templates yield their source-registry images once, mapped to the destination namespace with tag or digest kept")
    func discoversWorkloadImages() throws {
        let images = ImageDiscovery(mapping: Self.mapping).images(in: try Self.objects(Self.workloads))
        #expect(images.map(\.description) == [
            "registry.source:5000/shop/migrate@\(Self.digest) -> registry.destination:5000/store/migrate@\(Self.digest)",
            "registry.source:5000/shop/web:1.0 -> registry.destination:5000/store/web:1.0",
            "registry.source:5000/tools/report:latest -> registry.destination:5000/tools/report:latest",
        ])
    }

    static let imageStream = """
        apiVersion: image.openshift.io/v1
        kind: ImageStream
        metadata: {name: api, namespace: shop}
        spec:
          tags:
          - {name: pinned, from: {kind: DockerImage, name: "registry.source:5000/shop/api@\(digest)"}}
          - {name: upstream, from: {kind: DockerImage, name: "quay.io/team/api:3"}}
          - {name: alias, from: {kind: ImageStreamTag, name: "api:pinned"}}
        status:
          dockerImageRepository: image-registry.openshift-image-registry.svc:5000/shop/api
          tags:
          - tag: latest
            items: [{dockerImageReference: "image-registry.openshift-image-registry.svc:5000/shop/api@\(digest)"}]
        """

    @Test("ImageStream tags of the source registry, also named by its in-cluster address, are read through the registry path")
    func discoversImageStreamTags() throws {
        let images = ImageDiscovery(mapping: Self.mapping).images(in: try Self.objects(Self.imageStream))
        #expect(images.map(\.description) == [
            "registry.source:5000/shop/api@\(Self.digest) -> registry.destination:5000/store/api@\(Self.digest)"
        ])
    }

    @Test("workload images of the source registry point at the destination registry; others are left alone")
    func rewritesWorkloadImages() throws {
        let context = MigrationTransformContext(planUID: "plan", migrationUID: "migration", imageMapping: Self.mapping)
        var objects = try Self.objects(Self.workloads)
        for index in objects.indices {
            #expect(RewriteImageReferences().apply(&objects[index], context: context) == .keep)
        }
        let containers = objects[0][path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
        #expect(containers == ["registry.destination:5000/store/web:1.0", "nginx:1.27", "registry.other:5000/shop/agent:2"])
        #expect(objects[0][path: "spec", "template", "spec", "initContainers"]?.arrayValue?.first?["image"]
            == .string("registry.destination:5000/store/migrate@\(Self.digest)"))
        let cronJobImages = objects[1][path: "spec", "jobTemplate", "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
        #expect(cronJobImages == ["registry.destination:5000/tools/report:latest", "registry.destination:5000/store/web:1.0"])
        #expect(objects[2][path: "data", "image"] == .string("registry.source:5000/shop/web:1.0"), "only image fields are rewritten")
    }

    @Test("ImageStream DockerImage tags of the source registry are rewritten with their digest")
    func rewritesImageStreamTags() throws {
        let context = MigrationTransformContext(planUID: "plan", migrationUID: "migration", imageMapping: Self.mapping)
        var stream = try #require(try Self.objects(Self.imageStream).first)
        _ = RewriteImageReferences().apply(&stream, context: context)
        let names = stream[path: "spec", "tags"]?.arrayValue?.compactMap { $0["from"]?["name"]?.stringValue }
        #expect(names == ["registry.destination:5000/store/api@\(Self.digest)", "quay.io/team/api:3", "api:pinned"])
    }

    @Test("without an image mapping the rewrite changes nothing")
    func rewriteIsANoOpWithoutMapping() throws {
        let context = MigrationTransformContext(planUID: "plan", migrationUID: "migration")
        for original in try Self.objects(Self.workloads + "\n---\n" + Self.imageStream) {
            var object = original
            _ = RewriteImageReferences().apply(&object, context: context)
            #expect(object == original)
        }
    }

    @Test("the standard pipeline rewrites images and maps the namespace of the object itself")
    func standardPipelineRewritesImages() throws {
        let context = MigrationTransformContext(
            planUID: "plan", migrationUID: "migration", namespaceMapping: ["shop": "store"], imageMapping: Self.mapping)
        let result = TransformPipeline.standard.run(try Self.objects(Self.workloads), context: context)
        let web = try #require(result.transformed.first { $0.object.name == "web" }?.object)
        #expect(web.namespace == "store")
        #expect(web[path: "spec", "template", "spec", "containers"]?.arrayValue?.first?["image"] == .string("registry.destination:5000/store/web:1.0"))
    }
}
