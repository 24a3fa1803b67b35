import FerryAPI
import Foundation
import Hummingbird

/// Replication repositories (S3-compatible MigStorages): the list with readiness, the
/// add/edit form, and removal after confirmation.
struct StoragePages: Sendable {
    let pages: PageContext

    struct Row {
        var name: String
        var bucket: String
        var endpoint: String
        var region: String?
        var statusText: String
        var statusClass: String
        var reason: String?
    }

    struct ListView {
        var storages: [Row]
        var hasStorages: Bool
        var forbidden: String?
    }

    func register(on router: Router<ConsoleRequestContext>) {
        router.get("/storages") { _, context -> Response in
            await pages.signedIn(context, heading: "Replication repositories") { session in
                var view = ListView(storages: [], hasStorages: false)
                do {
                    view.storages = try await pages.backend.storages(user: session.user).map(Self.row)
                    view.hasStorages = !view.storages.isEmpty
                } catch {
                    view.forbidden = PageContext.listProblem(error, what: "replication repositories")
                }
                return pages.page("storages", view, title: "Replication repositories", section: .storages, session: session)
            }
        }
        router.get("/storages/new") { _, context -> Response in
            await pages.signedIn(context, heading: "Add replication repository") { session in
                form(StorageForm(forcePathStyle: true), creating: true, errors: [:], session: session)
            }
        }
        router.post("/storages/new") { request, context -> Response in
            await pages.signedIn(context, heading: "Add replication repository", back: ("/storages", "Replication repositories")) { session in
                let posted = Self.storageForm(try await FormData(request: request))
                do {
                    _ = try await pages.backend.createStorage(posted, user: session.user)
                    return Response.redirect(to: "/storages")
                } catch let error as ConsoleValidationError {
                    return form(posted, creating: true, errors: error.fields, session: session, status: .unprocessableContent)
                }
            }
        }
        router.get("/storages/:name/edit") { _, context -> Response in
            await pages.signedIn(context, heading: "Edit replication repository", back: ("/storages", "Replication repositories")) { session in
                let storage = try await pages.backend.storage(try context.parameters.require("name"), user: session.user)
                let existing = StorageForm(
                    name: storage.name, bucket: storage.bucket, endpoint: storage.endpoint, region: storage.region,
                    forcePathStyle: storage.forcePathStyle, insecure: storage.insecure)
                return form(existing, creating: false, errors: [:], session: session)
            }
        }
        router.post("/storages/:name/edit") { request, context -> Response in
            await pages.signedIn(context, heading: "Edit replication repository", back: ("/storages", "Replication repositories")) { session in
                let name = try context.parameters.require("name")
                var posted = Self.storageForm(try await FormData(request: request))
                posted.name = name
                do {
                    _ = try await pages.backend.updateStorage(name, posted, user: session.user)
                    return Response.redirect(to: "/storages")
                } catch let error as ConsoleValidationError {
                    return form(posted, creating: false, errors: error.fields, session: session, status: .unprocessableContent)
                }
            }
        }
        router.get("/storages/:name/remove") { _, context -> Response in
            await pages.signedIn(context, heading: "Remove replication repository") { session in
                let name = try context.parameters.require("name")
                let view = ConfirmView(
                    heading: "Remove replication repository \(name)?", action: "/storages/\(name)/remove", csrf: session.csrfToken,
                    paragraphs: ["Ferry forgets the repository and its stored credentials. The bucket and its contents stay as they are."],
                    submitLabel: "Remove repository", danger: true, cancelHref: "/storages", cancelLabel: "Replication repositories")
                return pages.page("confirm", view, title: "Remove replication repository", section: .storages, session: session)
            }
        }
        router.post("/storages/:name/remove") { _, context -> Response in
            await pages.signedIn(context, heading: "Remove replication repository", back: ("/storages", "Replication repositories")) { session in
                try await pages.backend.deleteStorage(try context.parameters.require("name"), user: session.user)
                return Response.redirect(to: "/storages")
            }
        }
    }

    private func form(_ storage: StorageForm, creating: Bool, errors: [String: String], session: ConsoleSession, status: HTTPResponse.Status = .ok) -> Response {
        var fields: [FormField] = []
        if creating {
            fields.append(FormField("name", label: "Name", value: storage.name ?? "", hint: "How plans refer to the repository.", required: true))
        }
        fields += [
            FormField("bucket", label: "Bucket", value: storage.bucket ?? "", required: true),
            FormField("endpoint", label: "S3 endpoint", value: storage.endpoint ?? "", control: .input(type: "url"), hint: "Such as https://minio.example.com:9000; empty for AWS S3."),
            FormField("region", label: "Region", value: storage.region ?? "", hint: "Such as us-east-1."),
            FormField("accessKeyID", label: "Access key ID", value: storage.accessKeyID ?? "", hint: creating ? nil : "Leave both keys empty to keep the stored credentials.", required: creating),
            FormField("secretAccessKey", label: "Secret access key", control: .input(type: "password"), required: creating),
            .checkbox("forcePathStyle", label: "Path-style addressing (endpoint/bucket)", checked: storage.forcePathStyle == true, hint: "Most S3-compatible services need it."),
            FormField("caBundle", label: "CA bundle (PEM)", value: storage.caBundle ?? "", control: .textarea, hint: "The certificates that sign the endpoint's certificate."),
            .checkbox("insecure", label: "Skip TLS verification (insecure)", checked: storage.insecure == true),
        ]
        let name = storage.name ?? ""
        let view = FormView(
            heading: creating ? "Add replication repository" : "Edit replication repository \(name)", intro: nil,
            action: creating ? "/storages/new" : "/storages/\(name)/edit", csrf: session.csrfToken, fields: FormField.attach(errors, to: fields),
            errorSummary: errors.isEmpty ? nil : "Correct the fields marked below; nothing was saved.",
            submitLabel: creating ? "Add repository" : "Save", cancelHref: "/storages", cancelLabel: "Replication repositories")
        return pages.page("form", view, title: view.heading, section: .storages, session: session, status: status)
    }

    static func storageForm(_ form: FormData) -> StorageForm {
        StorageForm(
            name: form.optional("name"), bucket: form.optional("bucket"), endpoint: form.optional("endpoint"), region: form.optional("region"),
            forcePathStyle: form.isChecked("forcePathStyle"), caBundle: form.optional("caBundle"), insecure: form.isChecked("insecure"),
            accessKeyID: form.optional("accessKeyID"), secretAccessKey: form.optional("secretAccessKey"))
    }

    static func row(_ storage: StorageView) -> Row {
        let (text, style) = ReadinessBadge.of(storage.ready)
        return Row(
            name: storage.name, bucket: storage.bucket ?? "", endpoint: storage.endpoint ?? "AWS S3", region: storage.region,
            statusText: text, statusClass: style, reason: storage.ready.isReady ? nil : storage.ready.message ?? storage.ready.reason)
    }
}
