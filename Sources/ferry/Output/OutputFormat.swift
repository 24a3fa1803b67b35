import ArgumentParser

/// `-o`: how a command prints objects.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    /// Human-readable text (the default).
    case text
    /// JSON, pretty-printed.
    case json
    /// YAML.
    case yaml
}
