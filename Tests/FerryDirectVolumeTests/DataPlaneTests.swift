import FerryDirectVolume
import Testing

@Suite("Data planes")
struct DataPlaneTests {
    @Test("the planes are named as the settings spell them")
    func planesAreNamedAsSettingsSpellThem() {
        #expect(DataPlane(rawValue: "local") == .local)
        #expect(DataPlane(rawValue: "pod") == .pod)
        #expect(DataPlane(rawValue: "pods") == nil)
    }
}
