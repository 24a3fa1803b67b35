public import Foundation

extension Kubeconfig {
    /// Reads and merges kubeconfig files in precedence order; every file must exist.
    public static func load(paths: [String]) throws(KubeClientError) -> Kubeconfig {
        guard let first = paths.first else {
            throw KubeClientError(.invalidConfiguration, "no kubeconfig file was given")
        }
        var merged = try loadFile(first)
        for path in paths.dropFirst() {
            merged.merge(try loadFile(path))
        }
        return merged
    }

    /// Loads the configuration kubectl would: the files in `KUBECONFIG` (colon-separated;
    /// missing files are skipped, as kubectl does), else `~/.kube/config`.
    public static func loadDefault(environment: [String: String] = ProcessInfo.processInfo.environment) throws(KubeClientError) -> Kubeconfig {
        if let variable = environment["KUBECONFIG"], !variable.isEmpty {
            var seen = Set<String>()
            let paths = variable.split(separator: ":").map(String.init).filter { !$0.isEmpty && seen.insert($0).inserted }
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            guard !existing.isEmpty else {
                throw KubeClientError(.invalidConfiguration, "KUBECONFIG names no existing file: \(variable)")
            }
            return try load(paths: existing)
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = "\(home)/.kube/config"
        guard FileManager.default.fileExists(atPath: path) else {
            throw KubeClientError(.invalidConfiguration, "no kubeconfig: KUBECONFIG is not set and \(path) does not exist")
        }
        return try load(paths: [path])
    }

    /// Reads one kubeconfig file.
    public static func loadFile(_ path: String) throws(KubeClientError) -> Kubeconfig {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            let reason = FileManager.default.fileExists(atPath: absolute) ? "cannot be read" : "no such file"
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(absolute): \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KubeClientError(.invalidConfiguration, "kubeconfig \(absolute): not UTF-8 text")
        }
        return try Kubeconfig(parsing: text, file: absolute)
    }
}
