import Testing
import KubeSimControllers

@Test("controllers module links")
func controllersModuleLinks() {
    #expect(ControllerContext.self == ControllerContext.self)
}
