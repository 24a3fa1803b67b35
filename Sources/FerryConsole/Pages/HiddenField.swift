/// A hidden form field carrying state between the steps of a form.
struct HiddenField: Sendable {
    var name: String
    var value: String
}
