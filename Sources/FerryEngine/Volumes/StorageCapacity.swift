import Foundation

/// A storage size as Kubernetes writes it (`10Gi`, `500M`, `1.5Gi`, `1073741824`), in bytes.
///
/// Parsing follows the resource quantity suffixes for sizes (binary `Ki`…`Ei`, decimal
/// `k`…`E`); ``formatted`` rounds up to a whole `Gi`, or `Mi` under one gibibyte, as the
/// Migration Toolkit shows proposed capacities.
public struct StorageCapacity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The size in bytes.
    public var bytes: Int64

    /// Creates a size of `bytes`.
    public init(bytes: Int64) {
        self.bytes = bytes
    }

    static let suffixes: [(suffix: String, factor: Double)] = [
        ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
        ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
        ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
    ]

    /// Reads a quantity such as `10Gi`; `nil` when it is not a size.
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(trimmed)
        var factor: Double = 1
        for (suffix, value) in Self.suffixes where trimmed.hasSuffix(suffix) {
            number = trimmed.dropLast(suffix.count)
            factor = value
            break
        }
        guard !number.isEmpty, let value = Double(number), value >= 0, value.isFinite else { return nil }
        let bytes = (value * factor).rounded(.up)
        guard bytes < Double(Int64.max) else { return nil }
        self.bytes = Int64(bytes)
    }

    /// Reads an optional quantity; `nil` when absent or not a size.
    public init?(parsing text: String?) {
        guard let text else { return nil }
        self.init(parsing: text)
    }

    static let gibibyte: Int64 = 1_073_741_824
    static let mebibyte: Int64 = 1_048_576

    /// The size rounded up to a whole `Gi`, or to a whole `Mi` when under one `Gi`.
    public var formatted: String {
        if bytes >= Self.gibibyte {
            return "\((bytes + Self.gibibyte - 1) / Self.gibibyte)Gi"
        }
        return "\(max(1, (bytes + Self.mebibyte - 1) / Self.mebibyte))Mi"
    }

    /// ``formatted``.
    public var description: String { formatted }

    /// Orders by size.
    public static func < (left: StorageCapacity, right: StorageCapacity) -> Bool { left.bytes < right.bytes }
}
