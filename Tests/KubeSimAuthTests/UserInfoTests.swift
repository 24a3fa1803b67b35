import Testing
import KubeSimAuth

@Test("user info keeps its groups")
func userInfoGroups() {
    let user = UserInfo(name: "system:serviceaccount:app:builder", groups: ["system:serviceaccounts"])
    #expect(user.groups == ["system:serviceaccounts"])
}
