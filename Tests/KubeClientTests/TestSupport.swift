import Foundation
import KubeSim

/// A fresh directory under the temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "kubeclient-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let file = "\(path)/\(name)"
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file) }
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Certificates generated once for all tests (generation is the slow part).
enum TestCertificates {
    static let cluster: ClusterCertificates = try! ClusterCertificates.generate(clusterName: "unit")
    static let other: ClusterCertificates = try! ClusterCertificates.generate(clusterName: "other")

    static func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
}
