@testable import FerryDirectVolume
import FerryEngine
import Testing

@Suite("Data plane selection")
struct VolumePlacementTests {
    static let volume = VolumeCopyRequest.Volume(sourceNamespace: "shop", sourceName: "data", destinationNamespace: "shop", destinationName: "data", verify: false)

    @Test("automatic puts a volume on the local plane when both directories are here")
    func automaticChoosesLocalWhenBothDirectoriesAreHere() throws {
        let placement = try VolumePlacer.placement(of: Self.volume, selection: .automatic, source: .directory("/a"), destination: .directory("/b"))
        #expect(placement.plane == .local)
        #expect(placement.sourcePath == "/a")
        #expect(placement.destinationPath == "/b")
    }

    @Test("automatic sends a volume to transfer pods when one side is out of reach, with the reason")
    func automaticChoosesPodsWhenASideIsUnreachable() throws {
        let placement = try VolumePlacer.placement(
            of: Self.volume, selection: .automatic, source: .directory("/a"), destination: .unreachable("hostPath directory /b does not exist on this machine"))
        #expect(placement.plane == .pod)
        #expect(placement.reason.contains("/b"))
    }

    @Test("the pod selection uses pods even for local directories")
    func podSelectionAlwaysUsesPods() throws {
        let placement = try VolumePlacer.placement(of: Self.volume, selection: .pod, source: .directory("/a"), destination: .directory("/b"))
        #expect(placement.plane == .pod)
    }

    @Test("the local selection refuses a volume out of reach, naming the claim and the fix")
    func localSelectionRefusesUnreachableVolumes() {
        #expect {
            _ = try VolumePlacer.placement(of: Self.volume, selection: .local, source: .unreachable("NFS export n:/x is not mounted on this machine"), destination: .directory("/b"))
        } throws: { error in
            let message = (error as? DirectVolumeMoverError)?.message ?? ""
            return message.contains("shop/data") && message.contains("not mounted") && message.contains("automatic or pod")
        }
    }
}
