/// The view of the generic `form` template: a heading, fields with their messages, and the
/// submit and cancel actions.
struct FormView {
    var heading: String
    var intro: String?
    var action: String
    var csrf: String
    var hidden: [HiddenField] = []
    var fields: [FormField]
    var errorSummary: String?
    var submitLabel: String
    var cancelHref: String
    var cancelLabel: String

    init(
        heading: String, intro: String?, action: String, csrf: String, hidden: [HiddenField] = [], fields: [FormField], errorSummary: String?,
        submitLabel: String, cancelHref: String, cancelLabel: String
    ) {
        self.heading = heading
        self.intro = intro
        self.action = action
        self.csrf = csrf
        self.hidden = hidden
        self.fields = fields
        self.errorSummary = errorSummary
        self.submitLabel = submitLabel
        self.cancelHref = cancelHref
        self.cancelLabel = cancelLabel
    }
}
