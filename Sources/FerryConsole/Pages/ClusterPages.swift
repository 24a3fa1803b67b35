import FerryAPI
import Foundation
import Hummingbird

/// Clusters: the list with readiness, the add/edit form, and removal after confirmation.
struct ClusterPages: Sendable {
    let pages: PageContext

    struct Row {
        var name: String
        var url: String
        var isHost: Bool
        var statusText: String
        var statusClass: String
        var reason: String?
    }

    struct ListView {
        var clusters: [Row]
        var hasClusters: Bool
        var forbidden: String?
    }

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/clusters") { _, context -> Response in
            await pages.signedIn(context, heading: "Clusters") { session in
                var view = ListView(clusters: [], hasClusters: false)
                do {
                    view.clusters = try await pages.backend.clusters(user: session.user).map(Self.row)
                    view.hasClusters = !view.clusters.isEmpty
                } catch {
                    view.forbidden = PageContext.listProblem(error, what: "clusters")
                }
                return pages.page("clusters", view, title: "Clusters", section: .clusters, session: session)
            }
        }
        router.get("/clusters/new") { _, context -> Response in
            await pages.signedIn(context, heading: "Add cluster") { session in
                form(ClusterForm(), creating: true, errors: [:], session: session)
            }
        }
        router.post("/clusters/new") { request, context -> Response in
            await pages.signedIn(context, heading: "Add cluster", back: ("/clusters", "Clusters")) { session in
                let posted = Self.clusterForm(try await FormData(request: request))
                do {
                    _ = try await pages.backend.createCluster(posted, user: session.user)
                    return Response.redirect(to: "/clusters")
                } catch let error as ConsoleValidationError {
                    return form(posted, creating: true, errors: error.fields, session: session, status: .unprocessableContent)
                }
            }
        }
        router.get("/clusters/:name/edit") { _, context -> Response in
            await pages.signedIn(context, heading: "Edit cluster", back: ("/clusters", "Clusters")) { session in
                let cluster = try await pages.backend.cluster(try context.parameters.require("name"), user: session.user)
                let existing = ClusterForm(
                    name: cluster.name, isHostCluster: cluster.spec.isHostCluster, url: cluster.spec.url,
                    caBundle: cluster.spec.caBundle.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) },
                    insecure: cluster.spec.insecure, exposedRegistryPath: cluster.spec.exposedRegistryPath)
                return form(existing, creating: false, errors: [:], session: session)
            }
        }
        router.post("/clusters/:name/edit") { request, context -> Response in
            await pages.signedIn(context, heading: "Edit cluster", back: ("/clusters", "Clusters")) { session in
                let name = try context.parameters.require("name")
                var posted = Self.clusterForm(try await FormData(request: request))
                posted.name = name
                do {
                    _ = try await pages.backend.updateCluster(name, posted, user: session.user)
                    return Response.redirect(to: "/clusters")
                } catch let error as ConsoleValidationError {
                    return form(posted, creating: false, errors: error.fields, session: session, status: .unprocessableContent)
                }
            }
        }
        router.get("/clusters/:name/remove") { _, context -> Response in
            await pages.signedIn(context, heading: "Remove cluster") { session in
                let name = try context.parameters.require("name")
                let view = ConfirmView(
                    heading: "Remove cluster \(name)?", action: "/clusters/\(name)/remove", csrf: session.csrfToken,
                    paragraphs: ["Ferry forgets the cluster and its stored token. The cluster itself and its workloads stay as they are; plans that use it stop validating."],
                    submitLabel: "Remove cluster", danger: true, cancelHref: "/clusters", cancelLabel: "Clusters")
                return pages.page("confirm", view, title: "Remove cluster", section: .clusters, session: session)
            }
        }
        router.post("/clusters/:name/remove") { _, context -> Response in
            await pages.signedIn(context, heading: "Remove cluster", back: ("/clusters", "Clusters")) { session in
                try await pages.backend.deleteCluster(try context.parameters.require("name"), user: session.user)
                return Response.redirect(to: "/clusters")
            }
        }
    }

    private func form(_ cluster: ClusterForm, creating: Bool, errors: [String: String], session: ConsoleSession, status: HTTPResponse.Status = .ok) -> Response {
        var fields: [FormField] = []
        if creating {
            fields.append(FormField("name", label: "Name", value: cluster.name ?? "", hint: "How plans refer to the cluster, such as source-cluster.", required: true))
        }
        fields += [
            FormField("url", label: "API server URL", value: cluster.url ?? "", control: .input(type: "url"), hint: "Such as https://api.example.com:6443.", required: true),
            FormField("token", label: "Service account token", control: .input(type: "password"),
                      hint: creating ? "A token of a service account with cluster-admin rights on that cluster." : "Leave empty to keep the stored token.", required: creating),
            FormField("caBundle", label: "CA bundle (PEM)", value: cluster.caBundle ?? "", control: .textarea, hint: "The certificates that sign the cluster's API server certificate."),
            .checkbox("insecure", label: "Skip TLS verification (insecure)", checked: cluster.insecure == true),
            FormField("exposedRegistryPath", label: "Exposed image registry route", value: cluster.exposedRegistryPath ?? "", hint: "Host of the cluster's registry route, such as registry.apps.example.com; needed for direct image migration."),
        ]
        let name = cluster.name ?? ""
        let view = FormView(
            heading: creating ? "Add cluster" : "Edit cluster \(name)", intro: nil, action: creating ? "/clusters/new" : "/clusters/\(name)/edit",
            csrf: session.csrfToken, fields: FormField.attach(errors, to: fields),
            errorSummary: errors.isEmpty ? nil : "Correct the fields marked below; nothing was saved.",
            submitLabel: creating ? "Add cluster" : "Save", cancelHref: "/clusters", cancelLabel: "Clusters")
        return pages.page("form", view, title: view.heading, section: .clusters, session: session, status: status)
    }

    static func clusterForm(_ form: FormData) -> ClusterForm {
        ClusterForm(
            name: form.optional("name"), isHostCluster: false, url: form.optional("url"), token: form.optional("token"),
            caBundle: form.optional("caBundle"), insecure: form.isChecked("insecure"), exposedRegistryPath: form.optional("exposedRegistryPath"))
    }

    static func row(_ cluster: ClusterView) -> Row {
        let (text, style) = ReadinessBadge.of(cluster.ready)
        return Row(
            name: cluster.name, url: cluster.isHostCluster ? "host cluster (this console's)" : cluster.url ?? "", isHost: cluster.isHostCluster,
            statusText: text, statusClass: style, reason: cluster.ready.isReady ? nil : cluster.ready.message ?? cluster.ready.reason)
    }
}
