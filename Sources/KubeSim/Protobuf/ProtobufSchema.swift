/// The message types Ferry can read from Kubernetes protobuf bodies, with the field numbers
/// of Kubernetes' `generated.proto` files.
///
/// The tables live in `ProtobufSchema+<Group>.swift`; the helpers below keep them one line
/// per field. Names for pointer fields end in `Ptr`: a zero there is still a value.
enum ProtobufSchema {
    typealias Entry = (Int, ProtobufField)

    /// Every known message, by name.
    static let table: [String: ProtobufMessage] = {
        let all = metaMessages + coreObjectMessages + podMessages + volumeMessages
            + appsMessages + batchMessages + rbacMessages + authMessages + policyMessages
            + networkingMessages
        var byName: [String: ProtobufMessage] = [:]
        for message in all {
            precondition(byName[message.name] == nil, "duplicate protobuf message \(message.name)")
            byName[message.name] = message
        }
        return byName
    }()

    static func field(_ number: Int, _ name: String, _ kind: ProtobufFieldKind, repeated: Bool = false, keepsZero: Bool = false) -> Entry {
        (number, ProtobufField(name: name, kind: kind, isRepeated: repeated, keepsZero: keepsZero))
    }

    static func string(_ number: Int, _ name: String) -> Entry { field(number, name, .string) }
    static func stringPtr(_ number: Int, _ name: String) -> Entry { field(number, name, .string, keepsZero: true) }
    static func strings(_ number: Int, _ name: String) -> Entry { field(number, name, .string, repeated: true) }
    static func bool(_ number: Int, _ name: String) -> Entry { field(number, name, .bool) }
    static func boolPtr(_ number: Int, _ name: String) -> Entry { field(number, name, .bool, keepsZero: true) }
    static func int32(_ number: Int, _ name: String) -> Entry { field(number, name, .int32) }
    static func int32Ptr(_ number: Int, _ name: String) -> Entry { field(number, name, .int32, keepsZero: true) }
    static func int64(_ number: Int, _ name: String) -> Entry { field(number, name, .int64) }
    static func int64Ptr(_ number: Int, _ name: String) -> Entry { field(number, name, .int64, keepsZero: true) }
    static func int64s(_ number: Int, _ name: String) -> Entry { field(number, name, .int64, repeated: true) }
    static func bytes(_ number: Int, _ name: String) -> Entry { field(number, name, .bytes) }
    static func message(_ number: Int, _ name: String, _ type: String) -> Entry { field(number, name, .message(type)) }
    static func messages(_ number: Int, _ name: String, _ type: String) -> Entry { field(number, name, .message(type), repeated: true) }
    static func inline(_ number: Int, _ type: String) -> Entry { field(number, "", .inline(type)) }
    static func map(_ number: Int, _ name: String, _ value: ProtobufMapValue) -> Entry { field(number, name, .map(value)) }
    static func time(_ number: Int, _ name: String) -> Entry { field(number, name, .time) }
    static func microTime(_ number: Int, _ name: String) -> Entry { field(number, name, .microTime) }
    static func intOrString(_ number: Int, _ name: String) -> Entry { field(number, name, .intOrString) }
    static func quantity(_ number: Int, _ name: String) -> Entry { field(number, name, .quantity) }
    static func rawJSON(_ number: Int, _ name: String) -> Entry { field(number, name, .rawJSON) }
    static func duration(_ number: Int, _ name: String) -> Entry { field(number, name, .duration) }
}
