import Foundation
import FerryTransfer

extension DirectVolumeSettings {
    /// A problem with one of the environment's settings.
    public struct EnvironmentError: Error, Sendable, Hashable, CustomStringConvertible {
        /// The variable.
        public var name: String
        /// What is wrong and how to fix it.
        public var message: String

        /// `NAME: message`.
        public var description: String { "\(name): \(message)" }
    }

    /// The environment variables MTC's controller reads for direct volume migration, and the
    /// ones Ferry adds; ``applying(environment:)`` reads them.
    public static let environmentNames = [
        "RSYNC_OPT_BWLIMIT", "RSYNC_OPT_ARCHIVE", "RSYNC_OPT_PARTIAL", "RSYNC_OPT_DELETE", "RSYNC_OPT_HARDLINKS", "RSYNC_OPT_EXTRAS",
        "RSYNC_BACKOFF_LIMIT", "STUNNEL_TCP_PROXY", "DVM_STREAMS_PER_VOLUME", "DVM_CONCURRENT_VOLUMES", "DVM_DATA_PLANE",
        "DVM_KEEP_TRANSFER_RESOURCES", "SOURCE_SUPPLEMENTAL_GROUPS", "TARGET_SUPPLEMENTAL_GROUPS", "DVM_ENDPOINT_TYPE",
    ]

    /// These settings with the values `environment` sets (MTC's names: `RSYNC_OPT_BWLIMIT` in
    /// KiB/s, `RSYNC_OPT_ARCHIVE|PARTIAL|DELETE|HARDLINKS` as true/false, `RSYNC_OPT_EXTRAS` as
    /// space-separated options, `RSYNC_BACKOFF_LIMIT`, `STUNNEL_TCP_PROXY`; Ferry's:
    /// `DVM_STREAMS_PER_VOLUME`, `DVM_CONCURRENT_VOLUMES`, `DVM_DATA_PLANE`
    /// (automatic|local|pod), `DVM_KEEP_TRANSFER_RESOURCES`; for transfer pods MTC's
    /// `SOURCE_SUPPLEMENTAL_GROUPS` and `TARGET_SUPPLEMENTAL_GROUPS` (comma-separated group ids)
    /// and Ferry's `DVM_ENDPOINT_TYPE` (route, clusterIP, nodePort, loadBalancer, ingress)).
    /// Empty values are ignored.
    public func applying(environment: [String: String]) throws(EnvironmentError) -> DirectVolumeSettings {
        var settings = self
        func value(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ name: String, minimum: Int) throws(EnvironmentError) -> Int? {
            guard let text = value(name) else { return nil }
            guard let number = Int(text), number >= minimum else {
                throw EnvironmentError(name: name, message: "\"\(text)\" is not a whole number of at least \(minimum)")
            }
            return number
        }
        func flag(_ name: String) throws(EnvironmentError) -> Bool? {
            guard let text = value(name) else { return nil }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw EnvironmentError(name: name, message: "\"\(text)\" is neither true nor false")
            }
        }
        if let limit = try integer("RSYNC_OPT_BWLIMIT", minimum: -1) { settings.transfer.bandwidthLimitKiBps = limit > 0 ? limit : nil }
        if let archive = try flag("RSYNC_OPT_ARCHIVE") { settings.transfer.archive = archive }
        if let partial = try flag("RSYNC_OPT_PARTIAL") { settings.transfer.partial = partial }
        if let delete = try flag("RSYNC_OPT_DELETE") { settings.transfer.delete = delete }
        if let hardLinks = try flag("RSYNC_OPT_HARDLINKS") { settings.transfer.hardLinks = hardLinks }
        if let extras = value("RSYNC_OPT_EXTRAS") { settings.transfer.extraOptions = extras.split(separator: " ").map(String.init) }
        if let limit = try integer("RSYNC_BACKOFF_LIMIT", minimum: 0) { settings.transfer.backoffLimit = limit }
        if let proxy = value("STUNNEL_TCP_PROXY") { settings.transfer.tunnelProxy = proxy }
        if let streams = try integer("DVM_STREAMS_PER_VOLUME", minimum: 1) { settings.transfer.streamsPerVolume = streams }
        if let volumes = try integer("DVM_CONCURRENT_VOLUMES", minimum: 1) { settings.transfer.concurrentVolumes = volumes }
        if let keep = try flag("DVM_KEEP_TRANSFER_RESOURCES") { settings.transfer.keepTransferResources = keep }
        func groups(_ name: String) throws(EnvironmentError) -> [Int]? {
            guard let text = value(name) else { return nil }
            var result: [Int] = []
            for part in text.split(separator: ",") {
                guard let group = Int(part.trimmingCharacters(in: .whitespaces)), group >= 0 else {
                    throw EnvironmentError(name: name, message: "\"\(text)\" is not a comma-separated list of group ids")
                }
                result.append(group)
            }
            return result
        }
        if let source = try groups("SOURCE_SUPPLEMENTAL_GROUPS") { settings.pods.sourceSupplementalGroups = source }
        if let target = try groups("TARGET_SUPPLEMENTAL_GROUPS") { settings.pods.targetSupplementalGroups = target }
        if let endpoint = value("DVM_ENDPOINT_TYPE") {
            guard let type = TransferPodSettings.Endpoint(rawValue: endpoint) else {
                let names = TransferPodSettings.Endpoint.allCases.map(\.rawValue).joined(separator: ", ")
                throw EnvironmentError(name: "DVM_ENDPOINT_TYPE", message: "\"\(endpoint)\" is not one of \(names)")
            }
            settings.pods.endpoint = type
        }
        if let plane = value("DVM_DATA_PLANE") {
            guard let selection = DataPlaneSelection(rawValue: plane.lowercased()) else {
                throw EnvironmentError(name: "DVM_DATA_PLANE", message: "\"\(plane)\" is not one of automatic, local, pod")
            }
            settings.plane = selection
        }
        return settings
    }
}
