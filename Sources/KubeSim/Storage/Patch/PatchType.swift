import Foundation

/// The PATCH formats the API server accepts, by their content types.
public enum PatchType: String, Sendable, Hashable, CaseIterable {
    /// `application/json-patch+json` (RFC 6902).
    case json = "application/json-patch+json"
    /// `application/merge-patch+json` (RFC 7386).
    case merge = "application/merge-patch+json"
    /// `application/strategic-merge-patch+json`: merge keyed lists of built-in kinds.
    case strategicMerge = "application/strategic-merge-patch+json"
    /// `application/apply-patch+yaml`: server-side apply.
    case apply = "application/apply-patch+yaml"

    /// The patch type for a `Content-Type` header (parameters ignored); `nil` when unknown.
    public init?(contentType: String) {
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch mediaType {
        case PatchType.json.rawValue: self = .json
        case PatchType.merge.rawValue: self = .merge
        case PatchType.strategicMerge.rawValue: self = .strategicMerge
        case PatchType.apply.rawValue, "application/apply-patch+json", "application/apply-patch+cbor": self = .apply
        default: return nil
        }
    }
}
