import FerryEngine
import KubeCore
import Testing

@Suite("RestorePreQuiesceState")
struct RestoreQuiesceStateTests {
    static let quiescedDeployment: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": [
            "name": "web", "namespace": "shop", "uid": "u-1", "resourceVersion": "12",
            "annotations": [
                "migration.openshift.io/preQuiesceReplicas": "3", "migration.openshift.io/preQuiescePaused": "false",
                "team": "shop",
            ],
        ],
        "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "web"]]],
        "status": ["replicas": 0],
    ]

    @Test("a workload collected from a quiesced source is created with its original replicas and no quiesce annotations")
    func restoresCollectedWorkload() throws {
        let (outcome, restored) = RestorePreQuiesceState().applied(to: try .literal(Self.quiescedDeployment))
        #expect(outcome == .keep)
        #expect(restored[path: "spec", "replicas"] == 3)
        #expect(restored.annotations == ["team": "shop"])
    }

    @Test("the standard pipeline restores quiesced CronJobs and DaemonSets too")
    func standardPipeline() throws {
        let cronJob: KubeObject = try .literal([
            "apiVersion": "batch/v1", "kind": "CronJob",
            "metadata": ["name": "report", "namespace": "shop", "annotations": ["migration.openshift.io/preQuiesceSuspend": "false"]],
            "spec": ["schedule": "@daily", "suspend": true],
        ])
        let daemonSet: KubeObject = try .literal([
            "apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": ["name": "agent", "namespace": "shop", "annotations": ["migration.openshift.io/preQuiesceNodeSelector": #"{"disk":"ssd"}"#]],
            "spec": ["template": ["spec": ["nodeSelector": ["disk": "ssd", "migration.openshift.io/quiesceDaemonSet": "true"]]]],
        ])
        let result = TransformPipeline.standard.run([cronJob, daemonSet], context: .testing())
        let objects = result.objects
        #expect(objects.count == 2)
        #expect(objects.first?[path: "spec", "suspend"] == false)
        #expect(objects.last?[path: "spec", "template", "spec", "nodeSelector"] == ["disk": "ssd"])
        #expect(objects.allSatisfy { !QuiesceAnnotations.isQuiesced($0) })
    }

    @Test("objects that were never quiesced pass unchanged")
    func untouched() throws {
        var deployment: KubeObject = try .literal(Self.quiescedDeployment)
        deployment.annotations = ["team": "shop"]
        #expect(RestorePreQuiesceState().applied(to: deployment).1 == deployment)
    }
}
