import KubeSimProtobuf
import Testing

@Test("protobuf errors describe themselves by their message")
func protobufErrorDescription() {
    #expect(KubeProtobufError("v1.ConfigMap: field 9 has wire type 5").description == "v1.ConfigMap: field 9 has wire type 5")
}
