import FerryAPI
import FerryConsole
import KubeClient
import KubeCore
import Testing

@Suite("Console sessions")
struct SessionTests {
    @Test("a valid token signs in with a Secure HttpOnly SameSite=Strict cookie and whoami names the user", .timeLimit(.minutes(1)))
    func signInWithToken() async throws {
        try await ConsoleWorld.run { world in
            let answer = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)])
            #expect(answer.status == 201)
            let cookie = try #require(answer.headers["Set-Cookie"].first)
            #expect(cookie.hasPrefix("ferry_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("Secure"))
            #expect(cookie.contains("SameSite=Strict"))
            let session = try #require(answer.json)
            let csrf = try #require(session["csrfToken"]?.stringValue)
            let id = String(cookie.dropFirst("ferry_session=".count).prefix { $0 != ";" })
            let whoami = try await world.call(.GET, "/api/session", as: .cookie(session: id, csrf: nil))
            #expect(whoami.status == 200)
            #expect(whoami.json?["user"]?.stringValue == session["user"]?.stringValue)
            #expect(whoami.json?["user"]?.stringValue != nil)

            // Signing in again from the same browser needs no CSRF token of the old session.
            let again = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)], as: .cookie(session: id, csrf: nil))
            #expect(again.status == 201)
            let signOutWithoutToken = try await world.call(.DELETE, "/api/session", as: .cookie(session: id, csrf: nil))
            #expect(signOutWithoutToken.status == 403)

            let signOut = try await world.call(.DELETE, "/api/session", as: .cookie(session: id, csrf: csrf))
            #expect(signOut.status == 204)
            let after = try await world.call(.GET, "/api/session", as: .cookie(session: id, csrf: nil))
            #expect(after.status == 401)
        }
    }

    @Test("signing in again and again keeps only the newest sessions of that user", .timeLimit(.minutes(1)))
    func repeatedSignInsAreBounded() async throws {
        try await ConsoleWorld.run { world in
            var first: String?
            for _ in 0..<(ConsoleSessions.sessionsPerUser + 3) {
                let answer = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)])
                #expect(answer.status == 201)
                let cookie = answer.headers["Set-Cookie"].first ?? ""
                if first == nil { first = String(cookie.dropFirst("ferry_session=".count).prefix { $0 != ";" }) }
            }
            #expect(await world.server.sessions.count == ConsoleSessions.sessionsPerUser)
            let oldest = try await world.call(.GET, "/api/session", as: .cookie(session: try #require(first), csrf: nil))
            #expect(oldest.status == 401)
        }
    }

    @Test("a token the cluster refuses gets 401 and no session", .timeLimit(.minutes(1)))
    func badTokenIsRefused() async throws {
        try await ConsoleWorld.run { world in
            let answer = try await world.call(.POST, "/api/session", json: ["token": "not-a-token"])
            #expect(answer.status == 401)
            #expect(answer.json?["code"]?.stringValue == "Unauthorized")
            #expect(answer.headers["Set-Cookie"].isEmpty)
            #expect(await world.server.sessions.count == 0)
            let bearer = try await world.call(.GET, "/api/clusters", as: .bearer("not-a-token"))
            #expect(bearer.status == 401)
            let unprintable = try await world.call(.POST, "/api/session", json: ["token": "to\u{11}ken é"])
            #expect(unprintable.status == 401)
        }
    }

    @Test("an unsafe request with the session cookie but without its CSRF token is refused and changes nothing", .timeLimit(.minutes(1)))
    func csrfIsEnforced() async throws {
        try await ConsoleWorld.run { world in
            let signIn = try await world.call(.POST, "/api/session", json: ["token": .string(world.cluster.adminToken)])
            let cookie = try #require(signIn.headers["Set-Cookie"].first)
            let id = String(cookie.dropFirst("ferry_session=".count).prefix { $0 != ";" })
            let csrf = try #require(signIn.json?["csrfToken"]?.stringValue)
            let form: JSONValue = ["name": "host", "isHostCluster": true]

            let missing = try await world.call(.POST, "/api/clusters", json: form, as: .cookie(session: id, csrf: nil))
            #expect(missing.status == 403)
            #expect(missing.json?["code"]?.stringValue == "CSRFTokenMissing")
            let wrong = try await world.call(.POST, "/api/clusters", json: form, as: .cookie(session: id, csrf: "forged"))
            #expect(wrong.status == 403)
            let clusters = try await world.admin.listAll(MigCluster.resourceType.resource, namespace: ConsoleWorld.namespace)
            #expect(clusters.items.isEmpty)

            let allowed = try await world.call(.POST, "/api/clusters", json: form, as: .cookie(session: id, csrf: csrf))
            #expect(allowed.status == 201)

            // Pages post forms: the token travels as the csrf_token field.
            let formPost = try await world.post(form: "name=x&csrf_token=\(csrf)", to: "/api/clusters", session: id)
            #expect(formPost.status == 400)
            let forgedForm = try await world.post(form: "name=x&csrf_token=forged", to: "/api/clusters", session: id)
            #expect(forgedForm.status == 403)
        }
    }

    @Test("a kubeconfig user with a token signs in; one with a client certificate gets a clear refusal", .timeLimit(.minutes(1)))
    func kubeconfigSignIn() async throws {
        try await ConsoleWorld.run { world in
            let kubeconfig = """
                apiVersion: v1
                kind: Config
                current-context: admin
                clusters:
                - name: host
                  cluster:
                    server: \(world.cluster.url)
                users:
                - name: admin
                  user:
                    token: \(world.cluster.adminToken)
                - name: cert
                  user:
                    client-certificate-data: Zm9v
                    client-key-data: YmFy
                contexts:
                - name: admin
                  context: {cluster: host, user: admin}
                - name: cert
                  context: {cluster: host, user: cert}
                """
            let good = try await world.call(.POST, "/api/session", json: ["kubeconfig": .string(kubeconfig), "context": "admin"])
            #expect(good.status == 201)
            let refused = try await world.call(.POST, "/api/session", json: ["kubeconfig": .string(kubeconfig), "context": "cert"])
            #expect(refused.status == 422)
            #expect(refused.json?["message"]?.stringValue?.contains("client certificate") == true)
            let unknown = try await world.call(.POST, "/api/session", json: ["kubeconfig": .string(kubeconfig), "context": "nope"])
            #expect(unknown.status == 422)
            #expect(unknown.json?["fields"]?["context"] != nil)
        }
    }
}
