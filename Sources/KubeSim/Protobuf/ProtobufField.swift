/// What a protobuf field holds and how it becomes JSON.
enum ProtobufFieldKind: Sendable {
    case string
    case bool
    case int32
    case int64
    /// Bytes, emitted as a base64 string the way Go's `[]byte` marshals.
    case bytes
    /// A nested message emitted as a JSON object.
    case message(String)
    /// A nested message whose members are merged into the parent (Go's embedded structs).
    case inline(String)
    /// `map<string, V>`: repeated entry messages with key = 1 and value = 2.
    case map(ProtobufMapValue)
    /// `meta/v1.Time`, second precision.
    case time
    /// `meta/v1.MicroTime`, microsecond precision.
    case microTime
    /// `intstr.IntOrString`.
    case intOrString
    /// `resource.Quantity`.
    case quantity
    /// `runtime.RawExtension` and `meta/v1.FieldsV1`: bytes holding JSON.
    case rawJSON
    /// `meta/v1.Duration`, emitted as a Go duration string.
    case duration
}

/// The value type of a protobuf map field.
enum ProtobufMapValue: Sendable {
    case string
    case bytes
    case quantity
    /// `meta/v1.Time`.
    case time
    /// A message with one repeated string field (`ExtraValue`), emitted as a JSON array.
    case stringList
    case message(String)
}

/// One field of a message: its JSON name, its kind, and how absence is judged.
struct ProtobufField: Sendable {
    /// The JSON member name.
    let name: String
    /// What the field holds.
    let kind: ProtobufFieldKind
    /// Whether the field is a list.
    let isRepeated: Bool
    /// Whether a zero scalar is still emitted. Go always writes value-typed scalars, so a
    /// zero there means "unset"; pointer fields (`*int32`) and non-omitempty fields keep it.
    let keepsZero: Bool
}

/// The fields of one message type, by field number.
struct ProtobufMessage: Sendable {
    /// The message name, as in `generated.proto`.
    let name: String
    /// Fields by number.
    let fields: [Int: ProtobufField]

    init(_ name: String, _ entries: [(Int, ProtobufField)]) {
        self.name = name
        var fields: [Int: ProtobufField] = [:]
        for (number, field) in entries { fields[number] = field }
        self.fields = fields
    }
}
