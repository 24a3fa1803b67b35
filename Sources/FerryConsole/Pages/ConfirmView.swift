/// The view of the `confirm` template: what will happen, optional choices, and the button
/// that does it.
struct ConfirmView {
    var heading: String
    var action: String
    var csrf: String
    var hidden: [HiddenField] = []
    var paragraphs: [String]
    var fields: [FormField] = []
    var errorMessage: String?
    var submitLabel: String
    var danger: Bool
    var cancelHref: String
    var cancelLabel: String
}
