import FerryDirectVolume
import Foundation
import KubeCore
import Testing

@Suite("Local volume paths")
struct LocalVolumePathResolverTests {
    static func volume(_ spec: JSONValue) -> KubeObject {
        var object = KubeObject(apiVersion: "v1", kind: "PersistentVolume", name: "pv-1")
        object["spec"] = spec
        return object
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ferry-resolver-\(UInt64.random(in: 0...UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a hostPath volume whose directory exists is local")
    func hostPathThatExistsIsLocal() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let location = LocalVolumePathResolver().locate(Self.volume(["hostPath": ["path": .string(directory)]]))
        #expect(location == .directory(directory))
    }

    @Test("a local volume whose directory exists is local")
    func localVolumeThatExistsIsLocal() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let location = LocalVolumePathResolver().locate(Self.volume(["local": ["path": .string(directory)]]))
        #expect(location.path == directory)
    }

    @Test("a hostPath volume whose directory is missing is not reachable, and the reason names the path")
    func missingHostPathIsUnreachable() {
        let location = LocalVolumePathResolver().locate(Self.volume(["hostPath": ["path": "/nonexistent/ferry/volume"]]))
        guard case .unreachable(let reason) = location else {
            Issue.record("expected unreachable, got \(location)")
            return
        }
        #expect(reason.contains("/nonexistent/ferry/volume"))
    }

    @Test("a CSI volume is not reachable")
    func csiVolumeIsUnreachable() {
        let location = LocalVolumePathResolver().locate(Self.volume(["csi": ["driver": "ebs.csi.aws.com", "volumeHandle": "vol-1"]]))
        #expect(location.path == nil)
    }

    @Test("an NFS volume is found under the mount point of its export, also below the exported directory")
    func nfsVolumeIsFoundThroughMountInfo() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let mountPoint = "\(directory)/mnt with space"
        try FileManager.default.createDirectory(atPath: "\(mountPoint)/pvs/pv-1", withIntermediateDirectories: true)
        let escapedMountPoint = mountPoint.replacingOccurrences(of: " ", with: "\\040")
        let table = """
            22 1 0:21 / /proc rw,nosuid - proc proc rw
            36 35 98:0 / / rw,noatime master:1 - ext4 /dev/root rw
            41 36 0:45 / \(escapedMountPoint) rw,relatime shared:20 - nfs4 nfs.example.com:/exports rw,vers=4.2
            42 36 0:46 / /elsewhere rw,relatime - nfs4 other.example.com:/exports rw

            """
        let mountInfo = "\(directory)/mountinfo"
        try table.write(toFile: mountInfo, atomically: true, encoding: .utf8)
        let resolver = LocalVolumePathResolver(mountInfoPath: mountInfo)

        let below = resolver.locate(Self.volume(["nfs": ["server": "nfs.example.com", "path": "/exports/pvs/pv-1/"]]))
        #expect(below == .directory("\(mountPoint)/pvs/pv-1"))
        let exact = resolver.locate(Self.volume(["nfs": ["server": "nfs.example.com", "path": "/exports"]]))
        #expect(exact == .directory(mountPoint))
        let otherServer = resolver.locate(Self.volume(["nfs": ["server": "nfs2.example.com", "path": "/exports/pvs/pv-1"]]))
        #expect(otherServer.path == nil)
        let otherExport = resolver.locate(Self.volume(["nfs": ["server": "nfs.example.com", "path": "/exportsX/pv-1"]]))
        #expect(otherExport.path == nil)
    }
}
