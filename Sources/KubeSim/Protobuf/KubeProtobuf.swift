public import KubeCore

/// Reads request bodies in the Kubernetes protobuf encoding
/// (`Content-Type: application/vnd.kubernetes.protobuf`), which kubectl's typed commands
/// send, and turns them into the JSON form the rest of the API server handles.
public enum KubeProtobuf {
    /// The media type of Kubernetes protobuf bodies.
    public static let contentType = "application/vnd.kubernetes.protobuf"

    /// The four bytes every Kubernetes protobuf body starts with: `k8s\0`.
    static let magic: [UInt8] = [0x6b, 0x38, 0x73, 0x00]

    /// Decodes a whole body: the `k8s\0` magic, then a `runtime.Unknown` envelope whose
    /// TypeMeta names the kind and whose raw bytes hold the object message.
    ///
    /// The result carries `apiVersion` and `kind` from the envelope. A field Ferry does not
    /// know, or a kind it has no table for, is an error naming it rather than a silent drop.
    public static func decode(_ bytes: [UInt8]) throws(KubeProtobufError) -> JSONValue {
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw KubeProtobufError("body is not Kubernetes protobuf: it does not start with k8s\\0")
        }
        let envelope = try readEnvelope(bytes[magic.count...])
        if let encoding = envelope.contentEncoding, !encoding.isEmpty {
            throw KubeProtobufError("protobuf bodies with content encoding \(encoding) are not supported")
        }
        let context = "\(envelope.apiVersion) \(envelope.kind)"
        guard let messageName = messageName(apiVersion: envelope.apiVersion, kind: envelope.kind) else {
            throw KubeProtobufError(
                "protobuf bodies of \(context) are not supported; send JSON (kubectl apply -f / create -f do)")
        }
        var object = try ProtobufMessageDecoder(context: context).decodeObject(envelope.raw, as: messageName)
        object["apiVersion"] = .string(envelope.apiVersion)
        object["kind"] = .string(envelope.kind)
        return .object(object)
    }

    /// Whether a `Content-Type` header value names the Kubernetes protobuf encoding.
    public static func isProtobuf(contentType value: String) -> Bool {
        value.split(separator: ";").first?.trimmingWhitespace().lowercased() == contentType
    }

    private struct Envelope {
        var apiVersion = ""
        var kind = ""
        var raw: ArraySlice<UInt8> = []
        var contentEncoding: String?
    }

    private static func readEnvelope(_ bytes: ArraySlice<UInt8>) throws(KubeProtobufError) -> Envelope {
        var envelope = Envelope()
        var reader = ProtobufWireReader(bytes)
        while let (number, value) = try reader.nextField() {
            guard case .lengthDelimited(let content) = value else {
                throw KubeProtobufError("runtime.Unknown field \(number) is not length-delimited")
            }
            switch number {
            case 1:
                var typeMeta = ProtobufWireReader(content)
                while let (typeField, typeValue) = try typeMeta.nextField() {
                    guard case .lengthDelimited(let text) = typeValue else { continue }
                    if typeField == 1 { envelope.apiVersion = String(decoding: text, as: UTF8.self) }
                    if typeField == 2 { envelope.kind = String(decoding: text, as: UTF8.self) }
                }
            case 2:
                envelope.raw = content
            case 3:
                envelope.contentEncoding = String(decoding: content, as: UTF8.self)
            case 4:
                continue
            default:
                throw KubeProtobufError("runtime.Unknown has unexpected field \(number)")
            }
        }
        return envelope
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var text = self
        while text.first?.isWhitespace == true { text = text.dropFirst() }
        while text.last?.isWhitespace == true { text = text.dropLast() }
        return text
    }
}
