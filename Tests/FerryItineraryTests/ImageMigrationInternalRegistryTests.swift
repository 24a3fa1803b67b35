import FerryAPI
import FerryEngine
import FerryImages
import KubeClient
import KubeCore
import Testing

@Suite("Image migration: in-cluster registry names")
struct ImageMigrationInternalRegistryTests {
    static let sourceInternal = "image-registry.openshift-image-registry.svc:5000"
    static let destinationInternal = "image-registry.destination.svc:5000"
    static let digest = "sha256:" + String(repeating: "cd", count: 32)
    static let mapping = ImageRegistryMapping(
        sourceRegistry: "registry-source.apps.example.com", destinationRegistry: "registry-destination.apps.example.com",
        namespaceMapping: ["shop": "store"], sourceInternalRegistry: sourceInternal, destinationInternalRegistry: destinationInternal)

    @Test("an image named by the source registry's in-cluster name is read through its exposed path and written through the destination's")
    func internalNamesAreReadThroughTheExposedPath() throws {
        let objects = try Manifests.decode("""
            apiVersion: apps.openshift.io/v1
            kind: DeploymentConfig
            metadata: {name: web, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                  - {name: web, image: "\(Self.sourceInternal)/shop/web@\(Self.digest)"}
                  - {name: api, image: "registry-source.apps.example.com/shop/api:2"}
                  - {name: proxy, image: "docker-registry.default.svc:5000/shop/proxy:1"}
            """, source: "test")
        let images = ImageDiscovery(mapping: Self.mapping).images(in: objects)
        #expect(images.map(\.description) == [
            "registry-source.apps.example.com/shop/web@\(Self.digest) -> registry-destination.apps.example.com/store/web@\(Self.digest)",
            "registry-source.apps.example.com/shop/api:2 -> registry-destination.apps.example.com/store/api:2",
        ])
    }

    @Test("workloads naming either name of the source registry are pointed at the destination's in-cluster name, digests kept")
    func rewriteUsesTheDestinationsInternalName() throws {
        var objects = try Manifests.decode("""
            apiVersion: apps.openshift.io/v1
            kind: DeploymentConfig
            metadata: {name: web, namespace: shop}
            spec:
              triggers:
              - type: ImageChange
                imageChangeParams: {from: {kind: ImageStreamTag, name: "web:latest"}, lastTriggeredImage: "\(Self.sourceInternal)/shop/web@\(Self.digest)"}
              template:
                spec:
                  containers:
                  - {name: web, image: "\(Self.sourceInternal)/shop/web@\(Self.digest)"}
                  - {name: api, image: "registry-source.apps.example.com/shop/api:2"}
                  - {name: proxy, image: "nginx:1.27"}
            """, source: "test")
        let context = MigrationTransformContext(planUID: "plan", migrationUID: "migration", namespaceMapping: ["shop": "store"], imageMapping: Self.mapping)
        _ = RewriteImageReferences().apply(&objects[0], context: context)
        let images = objects[0][path: "spec", "template", "spec", "containers"]?.arrayValue?.compactMap { $0["image"]?.stringValue }
        #expect(images == ["\(Self.destinationInternal)/store/web@\(Self.digest)", "\(Self.destinationInternal)/store/api:2", "nginx:1.27"])
        let triggered = objects[0][path: "spec", "triggers"]?.arrayValue?.first?["imageChangeParams"]?["lastTriggeredImage"]?.stringValue
        #expect(triggered == "\(Self.destinationInternal)/store/web@\(Self.digest)")
    }

    @Test("two OpenShift clusters share the in-cluster registry name; workloads keep it and follow the namespace mapping")
    func sameInternalNameOnBothClusters() throws {
        let mapping = ImageRegistryMapping(
            sourceRegistry: "registry-source.apps.example.com", destinationRegistry: "registry-destination.apps.example.com",
            namespaceMapping: ["shop": "store"], sourceInternalRegistry: Self.sourceInternal, destinationInternalRegistry: Self.sourceInternal)
        #expect(mapping.rewritten("\(Self.sourceInternal)/shop/web:1") == "\(Self.sourceInternal)/store/web:1")
        #expect(mapping.sourceImage("\(Self.sourceInternal)/shop/web:1")?.registry == "registry-source.apps.example.com")
    }

    @Test("the destination ImageStream status lists the source's tag history under the destination registry with the same digests")
    func destinationImageStreamStatus() throws {
        let other = "sha256:" + String(repeating: "ef", count: 32)
        let stream = try #require(try Manifests.decode("""
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata: {name: web, namespace: shop}
            spec:
              tags:
              - {name: pinned, from: {kind: DockerImage, name: "\(Self.sourceInternal)/shop/web@\(other)"}}
              - {name: upstream, from: {kind: DockerImage, name: "quay.io/team/web:3"}}
            status:
              dockerImageRepository: \(Self.sourceInternal)/shop/web
              tags:
              - tag: latest
                items:
                - {created: "2026-01-01T00:00:00Z", dockerImageReference: "\(Self.sourceInternal)/shop/web@\(Self.digest)", image: "\(Self.digest)", generation: 3}
                - {created: "2025-12-01T00:00:00Z", dockerImageReference: "docker.io/library/nginx@\(other)", image: "\(other)", generation: 1}
            """, source: "test").first)
        let status = DestinationImageStreamStatus(mapping: Self.mapping).status(of: stream, namespace: "store", name: "web")
        #expect(status["dockerImageRepository"]?.stringValue == "\(Self.destinationInternal)/store/web")
        #expect(status["publicDockerImageRepository"]?.stringValue == "registry-destination.apps.example.com/store/web")
        let tags = status["tags"]?.arrayValue ?? []
        #expect(tags.compactMap { $0["tag"]?.stringValue } == ["latest", "pinned"])
        let latest = tags.first?["items"]?.arrayValue ?? []
        #expect(latest.compactMap { $0["dockerImageReference"]?.stringValue } == [
            "\(Self.destinationInternal)/store/web@\(Self.digest)", "docker.io/library/nginx@\(other)",
        ])
        #expect(latest.compactMap { $0["image"]?.stringValue } == [Self.digest, other])
        #expect(latest.first?["generation"] == 3)
        let pinned = tags.last?["items"]?.arrayValue?.first
        #expect(pinned?["dockerImageReference"]?.stringValue == "\(Self.destinationInternal)/store/web@\(other)")
        #expect(pinned?["image"]?.stringValue == other)
    }

    @Test("a stream some controller already filled is left to it")
    func filledStatusIsDetected() throws {
        var stream = KubeObject(apiVersion: "image.openshift.io/v1", kind: "ImageStream", name: "web", namespace: "store")
        #expect(DestinationImageStreamStatus.isUnfilled(stream))
        stream["status"] = ["dockerImageRepository": .string("\(Self.destinationInternal)/store/web")]
        #expect(!DestinationImageStreamStatus.isUnfilled(stream))
    }

    @Test("without a known in-cluster name, a stream's own dockerImageRepository host marks its history as the source registry's")
    func streamNamesItsRegistry() throws {
        let mapping = ImageRegistryMapping(sourceRegistry: "registry-source.apps.example.com", destinationRegistry: "registry-destination.apps.example.com")
        let stream = try #require(try Manifests.decode("""
            apiVersion: image.openshift.io/v1
            kind: ImageStream
            metadata: {name: web, namespace: shop}
            status:
              dockerImageRepository: 172.30.224.48:5000/shop/web
              tags: [{tag: latest, items: [{dockerImageReference: "172.30.224.48:5000/shop/web@\(Self.digest)", image: "\(Self.digest)"}]}]
            """, source: "test").first)
        #expect(ImageDiscovery(mapping: mapping).images(in: [stream]).map(\.description) == [
            "registry-source.apps.example.com/shop/web@\(Self.digest) -> registry-destination.apps.example.com/shop/web@\(Self.digest)"
        ])
        let status = DestinationImageStreamStatus(mapping: mapping).status(of: stream, namespace: "shop", name: "web")
        let item = status["tags"]?.arrayValue?.first?["items"]?.arrayValue?.first
        #expect(item?["dockerImageReference"]?.stringValue == "registry-destination.apps.example.com/shop/web@\(Self.digest)")
        #expect(status["dockerImageRepository"]?.stringValue == "registry-destination.apps.example.com/shop/web")
        #expect(status["publicDockerImageRepository"] == nil)
    }
}
