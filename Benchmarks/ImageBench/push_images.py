#!/usr/bin/env python3
"""Generates the image benchmark's images and pushes them to a registry over plain HTTP.

Every image is one OCI manifest over a random config, one random base layer shared by all
images, and a few random layers of its own (random sizes adding up to about --image-mib).
Layers are random bytes (in gzip streams), so nothing compresses and no two runs share a blob.

    push_images.py 127.0.0.1:5000 --images 10 --base-mib 100 --image-mib 40 --prefix bench/app
"""
import argparse
import gzip
import hashlib
import http.client
import json
import os
import random
import sys

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
OCI_CONFIG = "application/vnd.oci.image.config.v1+json"
OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip"


class Registry:
    def __init__(self, host):
        self.host = host

    def request(self, method, path, body=None, headers=None, expect=(200, 201, 202)):
        connection = http.client.HTTPConnection(self.host, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            if response.status not in expect:
                sys.exit(f"{method} {path} on {self.host}: HTTP {response.status}")
            return response
        finally:
            connection.close()

    def push_blob(self, repository, data, digest, mount_from=None):
        if mount_from:
            response = self.request("POST", f"/v2/{repository}/blobs/uploads/?mount={digest}&from={mount_from}")
            if response.status == 201:
                return
        else:
            response = self.request("POST", f"/v2/{repository}/blobs/uploads/")
        location = response.getheader("Location")
        if location.startswith("http"):
            location = "/" + location.split("/", 3)[3]
        separator = "&" if "?" in location else "?"
        self.request("PUT", f"{location}{separator}digest={digest}", body=data,
                     headers={"Content-Type": "application/octet-stream", "Content-Length": str(len(data))})

    def push_manifest(self, repository, tag, manifest):
        self.request("PUT", f"/v2/{repository}/manifests/{tag}", body=manifest,
                     headers={"Content-Type": OCI_MANIFEST})


def layer(size):
    """Random bytes in a real gzip stream (stored, level 0): a client that sniffs layers (skopeo
    compresses whatever does not start with gzip's magic bytes) copies them unchanged."""
    return blob(gzip.compress(os.urandom(size), compresslevel=0, mtime=0), OCI_LAYER)


def blob(data, media_type):
    return data, {"mediaType": media_type, "digest": "sha256:" + hashlib.sha256(data).hexdigest(), "size": len(data)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("registry", help="HOST:PORT of a plain-HTTP registry")
    parser.add_argument("--images", type=int, default=10)
    parser.add_argument("--base-mib", type=int, default=100, help="size of the base layer every image shares")
    parser.add_argument("--image-mib", type=int, default=40, help="size of each image's own layers, in total")
    parser.add_argument("--layers", type=int, default=3, help="how many layers of its own each image has")
    parser.add_argument("--prefix", default="bench/app", help="images are PREFIX-1 … PREFIX-N, tag v1")
    arguments = parser.parse_args()
    mib = 1024 * 1024
    registry = Registry(arguments.registry)
    base, base_descriptor = layer(arguments.base_mib * mib)
    first_repository = None
    total = len(base)
    for number in range(1, arguments.images + 1):
        repository = f"{arguments.prefix}-{number}"
        cuts = sorted(random.sample(range(1, arguments.image_mib * mib), arguments.layers - 1))
        sizes = [b - a for a, b in zip([0] + cuts, cuts + [arguments.image_mib * mib])]
        layers = [layer(size) for size in sizes]
        config = json.dumps({"architecture": "amd64", "os": "linux", "created": f"image {number} {os.urandom(8).hex()}",
                             "rootfs": {"type": "layers", "diff_ids": []}}).encode()
        config, config_descriptor = blob(config, OCI_CONFIG)
        registry.push_blob(repository, base, base_descriptor["digest"], mount_from=first_repository)
        for data, descriptor in layers + [(config, config_descriptor)]:
            registry.push_blob(repository, data, descriptor["digest"])
            total += len(data)
        manifest = json.dumps({"schemaVersion": 2, "mediaType": OCI_MANIFEST, "config": config_descriptor,
                               "layers": [base_descriptor] + [d for _, d in layers]}).encode()
        registry.push_manifest(repository, "v1", manifest)
        first_repository = first_repository or repository
        print(f"{arguments.registry}/{repository}:v1")
    print(f"pushed {arguments.images} images, {total / mib:.1f} MiB of distinct blobs", file=sys.stderr)


if __name__ == "__main__":
    main()
