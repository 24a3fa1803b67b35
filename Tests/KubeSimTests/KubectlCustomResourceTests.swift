import Foundation
import KubeCore
import Testing

/// Real kubectl with CustomResourceDefinitions and bad input.
@Suite("kubectl conformance: custom resources and errors", .serialized, .timeLimit(.minutes(5)), .enabled(if: KubectlHarness.kubectlAvailable, "kubectl is not on PATH"))
struct KubectlCustomResourceTests {
    static let widgetDefinition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.com
        spec:
          group: example.com
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: ["wg"]
          versions:
            - name: v1
              served: true
              storage: true
              schema:
                openAPIV3Schema:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
              additionalPrinterColumns:
                - name: Size
                  type: integer
                  jsonPath: .spec.size
        """

    @Test("a CRD becomes Established and its resources are served by plural, singular and short name")
    func customResources() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.apply(Self.widgetDefinition)
            let established = try await kube.kubectl(["wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s"], timeoutSeconds: 60)
            #expect(established.succeeded, "\(established)")

            try await kube.apply("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: sprocket
                  namespace: default
                spec:
                  size: 3
                  color: teal
                """)
            let byPlural = try await kube.json("get", "widgets")
            #expect(KubectlHarness.names(byPlural) == ["sprocket"])
            let byShortName = try await kube.json("get", "wg", "sprocket")
            #expect(byShortName[path: ["spec", "color"]]?.stringValue == "teal")
            #expect(byShortName["kind"]?.stringValue == "Widget")
            let bySingular = try await kube.succeed("get", "widget.example.com/sprocket", "-o", "name")
            #expect(bySingular.trimmingCharacters(in: .whitespacesAndNewlines) == "widget.example.com/sprocket")
            let table = try await kube.succeed("get", "widgets")
            #expect(table.contains("SIZE"), "additionalPrinterColumns appear: \(table)")

            let resources = try await kube.succeed("api-resources", "--api-group=example.com", "-o", "name")
            #expect(resources.contains("widgets.example.com"))

            try await kube.succeed("delete", "crd", "widgets.example.com")
            let gone = try await kube.eventually {
                !(try await kube.kubectl("get", "widgets.example.com")).succeeded
            }
            #expect(gone, "deleting the CRD stops serving its resource")
        }
    }

    @Test("a malformed manifest is rejected with a clear error and nothing is created")
    func malformedManifest() async throws {
        try await KubectlHarness.withClusters { kube in
            let path = try kube.write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n data: [unclosed\n")
            let result = try await kube.kubectl("create", "-f", path)
            #expect(!result.succeeded)
            #expect(result.errorOutput.lowercased().contains("yaml") || result.errorOutput.contains("error"), "\(result)")
            #expect((try await kube.kubectl("get", "configmap", "broken")).succeeded == false)
        }
    }

    @Test("an unknown kind is rejected")
    func unknownKind() async throws {
        try await KubectlHarness.withClusters { kube in
            let path = try kube.write("gizmo.yaml", "apiVersion: example.com/v1\nkind: Gizmo\nmetadata:\n  name: g\n")
            let result = try await kube.kubectl("create", "-f", path)
            #expect(!result.succeeded)
            #expect(result.errorOutput.contains(#"no matches for kind "Gizmo""#), "\(result)")
            let unknownResource = try await kube.kubectl("get", "gizmos")
            #expect(!unknownResource.succeeded)
            #expect(unknownResource.errorOutput.contains("the server doesn't have a resource type \"gizmos\""), "\(unknownResource)")
        }
    }

    @Test("an invalid object is rejected with the failing field")
    func invalidObject() async throws {
        try await KubectlHarness.withClusters { kube in
            let path = try kube.write("bad-name.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Not_A_Valid_Name\n")
            let result = try await kube.kubectl("create", "-f", path)
            #expect(!result.succeeded)
            #expect(result.errorOutput.contains("is invalid"), "\(result)")
            #expect(result.errorOutput.contains("metadata.name"), "\(result)")
        }
    }

    @Test("an update based on a stale resourceVersion is a conflict")
    func staleUpdate() async throws {
        try await KubectlHarness.withClusters { kube in
            try await kube.succeed("create", "configmap", "contested", "--from-literal=a=1")
            var stale = try await kube.json("get", "configmap", "contested")
            try await kube.succeed("patch", "configmap", "contested", "--type=merge", "-p", #"{"data":{"a":"2"}}"#)
            stale[path: ["data", "a"]] = "3"
            let path = try kube.write("stale.json", stale.serializedString())
            let result = try await kube.kubectl("replace", "-f", path)
            #expect(!result.succeeded)
            #expect(result.errorOutput.contains("the object has been modified"), "\(result)")
            #expect(result.errorOutput.contains("Conflict") || result.errorOutput.contains("Operation cannot be fulfilled"), "\(result)")
            let current = try await kube.json("get", "configmap", "contested")
            #expect(current[path: ["data", "a"]]?.stringValue == "2")
        }
    }
}
