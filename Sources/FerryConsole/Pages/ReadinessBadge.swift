/// Words and style of a ``ReadinessView``.
enum ReadinessBadge {
    static func of(_ readiness: ReadinessView) -> (text: String, style: String) {
        switch readiness.status {
        case "True": ("Ready", "ok")
        case "False": ("Not ready", "failed")
        default: ("Not checked yet", "pending")
        }
    }
}
