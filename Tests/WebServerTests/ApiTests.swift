import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Store
import TestSupport
import Testing
import Tracking

@testable import WebServer

/// A client of the JSON API with one person's token.
struct ApiClient: Sendable {
    let client: any TestClientProtocol
    let token: String?

    func call(_ method: HTTPRequest.Method, _ path: String, json: String? = nil) async throws -> (
        status: HTTPResponse.Status, body: [String: Any]
    ) {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.executeRequest(
            uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        let object =
            (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
        return (response.status, object)
    }

    static func token(_ fixture: WebFixture, _ login: String) async throws -> String {
        let person = try #require(try await fixture.store.signInRecord(login: login)?.person)
        return try await fixture.store.issueToken(personID: person.id, label: "test", actor: "test")
    }
}

@Suite struct ApiTests {
    @Test(arguments: TestDatabases.all)
    func theApiAnswersATokenAndRefusesACookieOrNothing(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let api = ApiClient(client: client, token: try await ApiClient.token(fixture, "vanphong"))
            let tasks = try await api.call(.get, "/api/v1/tasks")
            #expect(tasks.status == .ok)
            #expect((tasks.body["tasks"] as? [Any])?.count == 3)
            let overdue = try await api.call(.get, "/api/v1/tasks?overdue_on=2025-04-15&unit=thanh-tra")
            #expect((overdue.body["tasks"] as? [Any])?.count == 1)

            let anonymous = try await ApiClient(client: client, token: nil).call(.get, "/api/v1/tasks")
            #expect(anonymous.status == .unauthorized)
            #expect(anonymous.body["error"] as? String == "unauthorized")
            let forged = try await ApiClient(client: client, token: "dd_forged").call(.get, "/api/v1/tasks")
            #expect(forged.status == .unauthorized)

            // A browser's session is not enough for the API.
            var browser = Browser(client)
            try await browser.signIn("vanphong")
            let withCookie = try await browser.get("/api/v1/tasks")
            #expect(withCookie.status == .unauthorized)
            #expect(withCookie.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aNoticeIsImportedCorrectedAndPublishedThroughTheApi(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let api = ApiClient(client: client, token: try await ApiClient.token(fixture, "vanphong"))
            let text = try String(data: JSONEncoder().encode(Notices.april), encoding: .utf8)!
            let imported = try await api.call(
                .post, "/api/v1/documents", json: "{\"name\": \"tb-20.txt\", \"text\": \(text)}")
            #expect(imported.status == .created)
            let id = try #require(imported.body["documentID"] as? String)
            #expect(imported.body["tasks"] as? Int == 2)
            let again = try await api.call(.post, "/api/v1/documents", json: "{\"text\": \(text)}")
            #expect(again.status == .ok)
            #expect(again.body["alreadyImported"] as? String == id)

            let detail = try await api.call(.get, "/api/v1/documents/\(id)")
            let tasks = try #require(detail.body["tasks"] as? [[String: Any]])
            let first = try #require(tasks.first?["id"] as? String)
            let edited = try await api.call(
                .post, "/api/v1/documents/\(id)/edits",
                json:
                    "{\"version\": 1, \"edit\": \"revise\", \"task\": \"\(first)\", \"text\": \"Hoàn thiện quy chế\", \"lead\": [\"van-phong\"], \"due\": \"2025-05-30\"}"
            )
            #expect(edited.status == .ok)
            #expect(edited.body["version"] as? Int == 2)
            let stale = try await api.call(.post, "/api/v1/documents/\(id)/publish", json: "{\"version\": 1}")
            #expect(stale.status == .conflict)
            let published = try await api.call(
                .post, "/api/v1/documents/\(id)/publish", json: "{\"version\": 2}")
            #expect(published.status == .ok)
            #expect(
                try await fixture.store.tasks(in: fixture.organization, TaskQuery(documentID: id)).count == 2)

            let broken = try await api.call(.post, "/api/v1/documents", json: "{\"nam\": ")
            #expect(broken.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aUnitActsOnItsTaskAndNotOnAnothersThroughTheApi(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let task = try await fixture.task("Hội đồng tư vấn")
            let head = ApiClient(client: client, token: try await ApiClient.token(fixture, "truongqlkh"))
            let other = ApiClient(client: client, token: try await ApiClient.token(fixture, "truongthanhtra"))
            let detail = try await head.call(.get, "/api/v1/tasks/\(task.id)")
            #expect((detail.body["actions"] as? [String])?.contains("request_extension") == true)

            let refused = try await other.call(
                .post, "/api/v1/tasks/\(task.id)/actions", json: "{\"action\": \"start\", \"version\": 1}")
            #expect(refused.status == .forbidden)
            #expect(refused.body["error"] as? String == "forbidden")
            let started = try await head.call(
                .post, "/api/v1/tasks/\(task.id)/actions", json: "{\"action\": \"start\", \"version\": 1}")
            #expect(started.status == .ok)
            #expect(started.body["state"] as? String == "in_progress")
            let stale = try await head.call(
                .post, "/api/v1/tasks/\(task.id)/actions",
                json: "{\"action\": \"report_progress\", \"version\": 1, \"note\": \"x\"}")
            #expect(stale.status == .conflict)
            let noDate = try await head.call(
                .post, "/api/v1/tasks/\(task.id)/actions",
                json: "{\"action\": \"report_done\", \"version\": 2}")
            #expect(noDate.status == .badRequest)
            #expect(try await fixture.store.task(id: task.id)?.version == 2)
        }
    }

    @Test(arguments: TestDatabases.all)
    func theOpenApiDocumentNamesEveryRouteAndEveryRouteAnswers(dialect: StoreDialect) async throws {
        try await WebFixture.run(dialect) { fixture, client in
            let response = try await client.executeRequest(
                uri: "/api/v1/openapi.json", method: .get, headers: [:], body: nil)
            #expect(response.status == .ok)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let operations = paths.flatMap { path, methods in methods.keys.map { (path, $0) } }
            #expect(operations.count == 14)

            // Each operation, called with real ids and an empty body, reaches its handler: it
            // answers (most with 400 for the missing body), never the router's 404 or 405.
            let api = ApiClient(client: client, token: try await ApiClient.token(fixture, "vanphong"))
            let task = try await fixture.task("Hội đồng tư vấn")
            let person = try #require(try await fixture.store.signInRecord(login: "vanphong")?.person)
            for (path, method) in operations {
                let id =
                    path.hasPrefix("/tasks")
                    ? task.id : path.hasPrefix("/documents") ? task.documentID : person.id
                let uri = "/api/v1" + path.replacingOccurrences(of: "{id}", with: id)
                let answer = try await api.call(
                    HTTPRequest.Method(method.uppercased())!, uri, json: method == "get" ? nil : "{}")
                #expect(answer.status != .notFound && answer.status != .methodNotAllowed, "\(method) \(path)")
                #expect(answer.status.code < 500, "\(method) \(path)")
            }
            let undocumented = try await api.call(.get, "/api/v1/khong-co")
            #expect(undocumented.status == .notFound)
        }
    }
}
