import KubeCore
import KubeSimProtobuf
import Testing

/// Vectors encoded here from the field numbers of Kubernetes' `generated.proto` files.
@Suite("Kubernetes protobuf decoding")
struct KubeProtobufDecodeTests {
    typealias Writer = ProtobufTestWriter

    @Test("the envelope's TypeMeta names the kind and becomes apiVersion and kind")
    func envelopeTypeMeta() throws {
        let object = Writer.message { configMap in
            configMap.message(1) { $0.string(1, "demo") }
            configMap.mapEntry(2, "a", "b")
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "ConfigMap", object: object))
        #expect(decoded == .object([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": .object(["name": "demo"]), "data": .object(["a": "b"]),
        ]))
    }

    @Test("a body without the k8s magic is rejected")
    func missingMagic() {
        #expect(throws: KubeProtobufError.self) { try KubeProtobuf.decode(Array("{\"kind\":\"x\"}".utf8)) }
    }

    @Test("an unknown kind names itself and points to JSON")
    func unknownKind() {
        let body = Writer.envelope(apiVersion: "example.com/v1", kind: "Widget", object: [])
        #expect(throws: KubeProtobufError(
            "protobuf bodies of example.com/v1 Widget are not supported; send JSON (kubectl apply -f / create -f do)")
        ) { try KubeProtobuf.decode(body) }
    }

    @Test("an unknown field number inside a known message is an error naming message and field")
    func unknownField() {
        let object = Writer.message { secret in
            secret.message(1) { $0.string(1, "s") }
            secret.string(99, "surprise")
        }
        let body = Writer.envelope(apiVersion: "v1", kind: "Secret", object: object)
        #expect(throws: KubeProtobufError("v1 Secret: Secret.field 99 is not known to Ferry")) {
            try KubeProtobuf.decode(body)
        }
    }

    @Test("value-typed zero scalars are left out, pointer zeros are kept")
    func zeroSemantics() throws {
        let object = Writer.message { deployment in
            deployment.message(1) { meta in
                meta.string(1, "web")
                meta.string(2, "")
                meta.int(7, 0)
            }
            deployment.message(2) { spec in
                spec.int(1, 0)
                spec.int(5, 0)
                spec.bool(7, false)
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "apps/v1", kind: "Deployment", object: object))
        #expect(decoded["metadata"] == .object(["name": "web"]))
        #expect(decoded["spec"] == .object(["replicas": 0]))
    }

    @Test("Secret data maps of bytes become base64 strings")
    func secretBytes() throws {
        let object = Writer.message { secret in
            secret.message(2) { entry in
                entry.string(1, "key")
                entry.bytes(2, [0x00, 0xff, 0x10])
            }
            secret.string(3, "Opaque")
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "Secret", object: object))
        #expect(decoded["data"] == .object(["key": "AP8Q"]))
        #expect(decoded["type"] == "Opaque")
    }

    @Test("Time becomes RFC 3339 UTC and an empty Time is left out")
    func timeFormatting() throws {
        let object = Writer.message { namespace in
            namespace.message(1) { meta in
                meta.message(8) { _ in }
                meta.message(9) { time in
                    time.int(1, 1_795_237_647)
                    time.int(2, 5)
                }
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "Namespace", object: object))
        #expect(decoded["metadata"] == .object(["deletionTimestamp": "2026-11-21T05:07:27Z"]))
    }

    @Test("IntOrString is a number for type 0 and a string for type 1")
    func intOrString() throws {
        let object = Writer.message { pdb in
            pdb.message(2) { spec in
                spec.message(1) { value in
                    value.int(1, 1)
                    value.int(2, 0)
                    value.string(3, "50%")
                }
                spec.message(3) { value in
                    value.int(1, 0)
                    value.int(2, 2)
                    value.string(3, "")
                }
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "policy/v1", kind: "PodDisruptionBudget", object: object))
        #expect(decoded["spec"] == .object(["minAvailable": "50%", "maxUnavailable": 2]))
    }

    @Test("Quantity maps decode to their strings")
    func quantities() throws {
        let object = Writer.message { quota in
            quota.message(2) { spec in
                spec.message(1) { entry in
                    entry.string(1, "memory")
                    entry.message(2) { $0.string(1, "1Gi") }
                }
                spec.string(2, "NotTerminating")
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "ResourceQuota", object: object))
        #expect(decoded["spec"] == .object(["hard": .object(["memory": "1Gi"]), "scopes": ["NotTerminating"]]))
    }

    @Test("managedFields carry their fieldsV1 JSON parsed")
    func managedFields() throws {
        let object = Writer.message { configMap in
            configMap.message(1) { meta in
                meta.message(17) { entry in
                    entry.string(1, "kubectl")
                    entry.string(2, "Update")
                    entry.string(6, "FieldsV1")
                    entry.message(7) { $0.string(1, "{\"f:data\":{}}") }
                }
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "ConfigMap", object: object))
        #expect(decoded["metadata"]?["managedFields"] == [.object([
            "manager": "kubectl", "operation": "Update", "fieldsType": "FieldsV1",
            "fieldsV1": .object(["f:data": .object([:])]),
        ])])
    }

    @Test("DeleteOptions decode whatever group version labels them")
    func deleteOptions() throws {
        let object = Writer.message { options in
            options.int(1, 0)
            options.message(2) { $0.string(1, "uid-1") }
            options.string(4, "Foreground")
            options.string(5, "All")
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "apps/v1", kind: "DeleteOptions", object: object))
        #expect(decoded == .object([
            "apiVersion": "apps/v1", "kind": "DeleteOptions", "gracePeriodSeconds": 0,
            "preconditions": .object(["uid": "uid-1"]), "propagationPolicy": "Foreground", "dryRun": ["All"],
        ]))
    }

    @Test("Eviction carries its delete options")
    func eviction() throws {
        let object = Writer.message { eviction in
            eviction.message(1) { meta in
                meta.string(1, "p1")
                meta.string(3, "default")
            }
            eviction.message(2) { $0.int(1, 30) }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "policy/v1", kind: "Eviction", object: object))
        #expect(decoded["deleteOptions"] == .object(["gracePeriodSeconds": 30]))
        #expect(decoded["metadata"] == .object(["name": "p1", "namespace": "default"]))
    }

    @Test("inline messages merge into their parent: probes, volumes, key selectors")
    func inlineMessages() throws {
        let object = Writer.message { pod in
            pod.message(2) { spec in
                spec.message(1) { volume in
                    volume.string(1, "cfg")
                    volume.message(2) { source in
                        source.message(19) { configMap in configMap.message(1) { $0.string(1, "settings") } }
                    }
                }
                spec.message(2) { container in
                    container.string(1, "app")
                    container.message(10) { probe in
                        probe.message(1) { handler in handler.message(1) { $0.string(1, "true") } }
                        probe.int(4, 5)
                    }
                    container.message(7) { env in
                        env.string(1, "PASSWORD")
                        env.message(3) { source in
                            source.message(4) { selector in
                                selector.message(1) { $0.string(1, "creds") }
                                selector.string(2, "pass")
                            }
                        }
                    }
                }
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "Pod", object: object))
        #expect(decoded["spec"]?["volumes"] == [.object(["name": "cfg", "configMap": .object(["name": "settings"])])])
        let container = try #require(decoded["spec"]?["containers"]?.arrayValue?.first)
        #expect(container["livenessProbe"] == .object(["exec": .object(["command": ["true"]]), "periodSeconds": 5]))
        #expect(container["env"] == [.object([
            "name": "PASSWORD",
            "valueFrom": .object(["secretKeyRef": .object(["name": "creds", "key": "pass"])]),
        ])])
    }

    @Test("packed and unpacked repeated integers both decode")
    func repeatedIntegers() throws {
        let object = Writer.message { pod in
            pod.message(2) { spec in
                spec.message(14) { context in
                    context.int(4, 1000)
                    context.bytes(4, [0x02, 0x03])
                }
            }
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "v1", kind: "Pod", object: object))
        #expect(decoded["spec"]?["securityContext"]?["supplementalGroups"] == [1000, 2, 3])
    }

    @Test("negative numbers sign-extended to ten varint bytes keep their sign")
    func negativeNumbers() throws {
        let object = Writer.message { priorityClass in
            priorityClass.message(1) { $0.string(1, "low") }
            priorityClass.int(2, -5)
        }
        let decoded = try KubeProtobuf.decode(Writer.envelope(apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", object: object))
        #expect(decoded["value"] == -5)
    }

    @Test("content types with parameters are recognised as protobuf")
    func contentTypeMatching() {
        #expect(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobuf"))
        #expect(KubeProtobuf.isProtobuf(contentType: "application/vnd.kubernetes.protobuf; charset=utf-8"))
        #expect(!KubeProtobuf.isProtobuf(contentType: "application/json"))
    }

    @Test("truncated bodies fail instead of reading past the end")
    func truncatedBody() {
        var body = Writer.envelope(apiVersion: "v1", kind: "ConfigMap", object: Writer.message { $0.string(1, "x") })
        body.removeLast(6)
        #expect(throws: KubeProtobufError.self) { try KubeProtobuf.decode(body) }
    }
}
