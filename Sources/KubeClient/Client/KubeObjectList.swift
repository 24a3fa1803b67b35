public import KubeCore

/// One page of a list: the items and the list's metadata.
public struct KubeObjectList: Sendable, Hashable {
    /// The objects.
    public var items: [KubeObject]
    /// `metadata.resourceVersion`: the version the list reflects; watch from here.
    public var resourceVersion: String
    /// `metadata.continue`: the token of the next page; `nil` on the last page.
    public var continueToken: String?
    /// `metadata.remainingItemCount`, when the server gave it.
    public var remainingItemCount: Int?
    /// `apiVersion` of the list.
    public var apiVersion: String
    /// `kind` of the list, such as `PodList`.
    public var kind: String

    /// Creates a list.
    public init(items: [KubeObject], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil, apiVersion: String = "v1", kind: String = "List") {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
        self.remainingItemCount = remainingItemCount
        self.apiVersion = apiVersion
        self.kind = kind
    }

    /// Reads a list response. Items of a list omit `apiVersion` and `kind`; they are filled
    /// in from the list's, so every item can be written back as is.
    public init(json: JSONValue) throws(KubeClientError) {
        guard json.objectValue != nil, let items = json["items"]?.arrayValue ?? (json["items"]?.isNull == true ? [] : nil) else {
            throw KubeClientError(.invalidResponse, "the response is not a list: \(json.serializedString().prefix(200))")
        }
        let listKind = json["kind"]?.stringValue ?? "List"
        let itemKind = listKind.hasSuffix("List") ? String(listKind.dropLast(4)) : ""
        let apiVersion = json["apiVersion"]?.stringValue ?? ""
        var objects: [KubeObject] = []
        objects.reserveCapacity(items.count)
        for item in items {
            guard var object = item.objectValue.map(KubeObject.init) else {
                throw KubeClientError(.invalidResponse, "a list item is not an object")
            }
            if object.apiVersion.isEmpty, !apiVersion.isEmpty { object.apiVersion = apiVersion }
            if object.kind.isEmpty, !itemKind.isEmpty { object.kind = itemKind }
            objects.append(object)
        }
        let continueToken = json["metadata"]?["continue"]?.stringValue
        self.init(
            items: objects, resourceVersion: json["metadata"]?["resourceVersion"]?.stringValue ?? "",
            continueToken: continueToken?.isEmpty == true ? nil : continueToken,
            remainingItemCount: json["metadata"]?["remainingItemCount"]?.intValue, apiVersion: apiVersion, kind: listKind)
    }
}
