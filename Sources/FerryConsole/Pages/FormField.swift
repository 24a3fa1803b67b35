import Mustache

/// One labelled form control as the `field` template renders it: its label, value, hint and
/// the validation message shown next to it.
struct FormField: Sendable {
    /// An option of a select control.
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }

    enum Control: Sendable {
        case input(type: String)
        case textarea
        case checkbox(checked: Bool)
        case select([Option])
    }

    var id: String
    var name: String
    var label: String
    var value: String
    var control: Control
    var hint: String?
    var error: String?
    var required: Bool
    var readonly: Bool

    init(
        _ name: String, label: String, value: String = "", control: Control = .input(type: "text"), hint: String? = nil,
        error: String? = nil, required: Bool = false, readonly: Bool = false
    ) {
        self.id = "field-" + name.replacingOccurrences(of: ".", with: "-")
        self.name = name
        self.label = label
        self.value = value
        self.control = control
        self.hint = hint
        self.error = error
        self.required = required
        self.readonly = readonly
    }

    /// A checkbox.
    static func checkbox(_ name: String, label: String, checked: Bool, hint: String? = nil, error: String? = nil) -> FormField {
        FormField(name, label: label, control: .checkbox(checked: checked), hint: hint, error: error)
    }

    /// A select whose options are `choices` (value, label), with `selected` chosen.
    static func select(
        _ name: String, label: String, choices: [(value: String, label: String)], selected: String, hint: String? = nil,
        error: String? = nil, required: Bool = false
    ) -> FormField {
        let options = choices.map { Option(value: $0.value, label: $0.label, selected: $0.value == selected) }
        return FormField(name, label: label, value: selected, control: .select(options), hint: hint, error: error, required: required)
    }

    /// Sets each field's message from a validation error's field map (keys are field names).
    static func attach(_ messages: [String: String], to fields: [FormField]) -> [FormField] {
        fields.map { field in
            var field = field
            if let message = messages[field.name] { field.error = message }
            return field
        }
    }

}

extension FormField: MustacheParent {
    /// What the `field` template reads (computed values are invisible to reflection).
    func child(named key: String) -> Any? {
        switch key {
        case "id": id
        case "name": name
        case "label": label
        case "value": value
        case "hint": hint
        case "error": error
        case "required": required
        case "readonly": readonly
        case "type": type
        case "isInput": isInput
        case "isTextarea": isTextarea
        case "isCheckbox": isCheckbox
        case "checked": checked
        case "isSelect": isSelect
        case "options": options
        case "describedBy": describedBy
        default: nil
        }
    }

    var type: String { if case .input(let type) = control { return type } else { return "" } }
    var isInput: Bool { if case .input = control { return true } else { return false } }
    var isTextarea: Bool { if case .textarea = control { return true } else { return false } }
    var isCheckbox: Bool { if case .checkbox = control { return true } else { return false } }
    var checked: Bool { if case .checkbox(let checked) = control { return checked } else { return false } }
    var isSelect: Bool { if case .select = control { return true } else { return false } }
    var options: [Option] { if case .select(let options) = control { return options } else { return [] } }
    var describedBy: String? {
        let ids = [hint.map { _ in id + "-hint" }, error.map { _ in id + "-error" }].compactMap { $0 }
        return ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}
