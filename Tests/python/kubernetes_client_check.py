#!/usr/bin/env python3
"""Drives a KubeSim cluster with the official Kubernetes Python client.

Usage: kubernetes_client_check.py KUBECONFIG [CONTEXT]

Lists namespaces, creates a namespace and a pod and lists pods, then watches config maps:
the watch starts after one config map exists; on its ADDED event the script changes that
config map and creates a second one, and it stops once it has seen the MODIFIED and the
second ADDED event. Prints one JSON object with what it saw; exits non-zero on failure.
"""

import json
import sys

from kubernetes import client, config, watch
from kubernetes.client.rest import ApiException

NAMESPACE = "python-client"
LABELS = {"check": "python-client"}


def main() -> int:
    kubeconfig = sys.argv[1]
    context = sys.argv[2] if len(sys.argv) > 2 else None
    config.load_kube_config(config_file=kubeconfig, context=context)
    core = client.CoreV1Api()
    report = {}

    report["namespaces"] = sorted(ns.metadata.name for ns in core.list_namespace().items)

    core.create_namespace(client.V1Namespace(api_version="v1", kind="Namespace", metadata=client.V1ObjectMeta(name=NAMESPACE)))

    # Objects built without apiVersion and kind are sent without them; the API server takes
    # both from the URL.
    try:
        core.create_namespaced_config_map(NAMESPACE, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="kindless")))
        report["kindless_create_error"] = None
    except ApiException as error:
        report["kindless_create_error"] = f"{error.status} {error.body}"

    pod = client.V1Pod(
        api_version="v1",
        kind="Pod",
        metadata=client.V1ObjectMeta(name="probe", labels=LABELS),
        spec=client.V1PodSpec(containers=[client.V1Container(name="probe", image="registry.example.com/probe:1")]),
    )
    core.create_namespaced_pod(NAMESPACE, pod)
    pods = core.list_namespaced_pod(NAMESPACE, label_selector="check=python-client")
    report["pods"] = [p.metadata.name for p in pods.items]
    report["pod_images"] = [c.image for p in pods.items for c in p.spec.containers]

    try:
        core.read_namespaced_config_map("absent", NAMESPACE)
        report["missing_status"] = None
    except ApiException as error:
        report["missing_status"] = error.status

    first = client.V1ConfigMap(
        api_version="v1", kind="ConfigMap", metadata=client.V1ObjectMeta(name="first", labels=LABELS), data={"step": "1"}
    )
    core.create_namespaced_config_map(NAMESPACE, first)

    events = []
    changed = False
    watcher = watch.Watch()
    for event in watcher.stream(
        core.list_namespaced_config_map, NAMESPACE, label_selector="check=python-client", timeout_seconds=30
    ):
        obj = event["object"]
        events.append({"type": event["type"], "name": obj.metadata.name, "data": obj.data or {}})
        if not changed and event["type"] == "ADDED" and obj.metadata.name == "first":
            changed = True
            core.patch_namespaced_config_map("first", NAMESPACE, {"data": {"step": "2"}})
            second = client.V1ConfigMap(
                api_version="v1", kind="ConfigMap", metadata=client.V1ObjectMeta(name="second", labels=LABELS), data={"step": "1"}
            )
            core.create_namespaced_config_map(NAMESPACE, second)
        seen = {(e["type"], e["name"]) for e in events}
        if ("MODIFIED", "first") in seen and ("ADDED", "second") in seen:
            watcher.stop()
    report["events"] = events

    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
