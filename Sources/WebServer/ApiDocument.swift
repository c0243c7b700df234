import Foundation
import Tracking

/// The OpenAPI 3.1 document of `/api/v1`, built from the API's own list of endpoints.
///
/// Written here rather than with swift-openapi-generator: the generator builds a server from a
/// document, and DonDoc's routes come first (they are the pages' routes too); the document is
/// produced from the same list the router registers.
struct ApiDocument {
    let endpoints: [ApiEndpoint]

    var json: Data {
        let object: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "DonDoc API", "version": "1",
                "description":
                    "Follow-up of the tasks of briefing notices. Authenticate with a person's token: Authorization: Bearer dd_…",
            ],
            "servers": [["url": "/api/v1"]],
            "security": [["bearer": [String]()]],
            "paths": paths,
            "components": [
                "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]],
                "schemas": Self.schemas,
            ],
        ]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]))
            ?? Data()
    }

    var paths: [String: Any] {
        var paths: [String: [String: Any]] = [:]
        for endpoint in endpoints {
            var operation: [String: Any] = [
                "operationId": endpoint.operationID, "summary": endpoint.summary,
                "responses": [
                    "\(endpoint.status.code)": [
                        "description": "Success",
                        "content": [
                            "application/json": [
                                "schema": ["$ref": "#/components/schemas/\(endpoint.response)"]
                            ]
                        ],
                    ],
                    "default": [
                        "description":
                            "A problem: 400 bad input, 401 no token, 403 not allowed, 404 not found, 409 changed meanwhile, 422 refused by the rules",
                        "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
                    ],
                ],
            ]
            if endpoint.path.contains("{id}") {
                operation["parameters"] = [
                    ["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]
                ]
            }
            if endpoint.operationID == "listTasks" {
                operation["parameters"] = ["unit", "state", "month", "document", "overdue_on", "q", "limit"]
                    .map {
                        [
                            "name": $0, "in": "query", "required": false,
                            "schema": ["type": $0 == "limit" ? "integer" : "string"],
                        ]
                    }
            }
            if let request = endpoint.request {
                operation["requestBody"] = [
                    "required": true,
                    "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(request)"]]],
                ]
            }
            paths[endpoint.path, default: [:]][endpoint.method.rawValue.lowercased()] = operation
        }
        return paths
    }

    static func object(_ properties: [String: Any], required: [String] = []) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    static var string: [String: Any] { ["type": "string"] }
    static var integer: [String: Any] { ["type": "integer"] }
    static var date: [String: Any] { ["type": "string", "format": "date"] }
    static func nullable(_ schema: [String: Any]) -> [String: Any] { ["anyOf": [schema, ["type": "null"]]] }
    static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }

    static var schemas: [String: Any] {
        let role: [String: Any] = ["type": "string", "enum": Role.allCases.map(\.rawValue)]
        let taskUnit = object(
            [
                "writtenName": string, "unitID": nullable(string), "unitName": nullable(string),
                "matchedBy": string,
            ], required: ["writtenName", "matchedBy"])
        let document = object(
            [
                "id": string, "sourceName": string, "kind": nullable(string), "number": nullable(string),
                "symbol": nullable(string), "issued": nullable(date), "title": nullable(string),
                "status": ["type": "string", "enum": ["draft", "published"]], "tasks": integer,
                "unmatchedNames": integer, "importedAt": string, "version": integer,
            ], required: ["id", "sourceName", "status", "tasks", "version"])
        let task = object(
            [
                "id": string, "documentID": string, "documentSymbol": nullable(string), "position": integer,
                "section": string, "text": string, "lead": array(ref("TaskUnit")),
                "support": array(ref("TaskUnit")),
                "dueText": nullable(string), "dueDate": nullable(date), "deadline": nullable(date),
                "extensions": array(date), "pendingExtension": nullable(date),
                "state": ["type": "string", "enum": AssignmentState.allCases.map(\.rawValue)],
                "urgent": ["type": "boolean"],
                "assignedOn": nullable(date), "completedOn": nullable(date),
                "carriesOverID": nullable(string),
                "version": integer,
            ], required: ["id", "documentID", "text", "lead", "support", "state", "version"])
        let user = object(
            [
                "id": string, "organizationID": string, "unitID": nullable(string), "fullName": string,
                "login": nullable(string), "email": nullable(string), "role": role,
                "active": ["type": "boolean"],
            ], required: ["id", "fullName", "role", "active"])
        return [
            "Problem": object(
                ["error": string, "message": string, "vietnamese": string],
                required: ["error", "message", "vietnamese"]),
            "TaskUnit": taskUnit,
            "Document": document,
            "DocumentList": object(["documents": array(ref("Document"))], required: ["documents"]),
            "DocumentDetail": object(
                ["document": ref("Document"), "sourceText": string, "tasks": array(ref("Task"))],
                required: ["document", "sourceText", "tasks"]),
            "NoticeUpload": object(["name": string, "text": string], required: ["text"]),
            "ImportResult": object(
                [
                    "documentID": string, "symbol": nullable(string), "tasks": integer,
                    "published": ["type": "boolean"],
                    "pendingNames": array(string), "carriedOver": integer, "undated": integer,
                    "alreadyImported": string,
                ]),
            "DraftEdit": object(
                [
                    "version": integer,
                    "edit": ["type": "string", "enum": ["revise", "add", "delete", "split", "merge"]],
                    "task": string, "text": string, "second": string, "lead": array(string),
                    "support": array(string),
                    "due": date,
                ], required: ["version", "edit"]),
            "Version": object(["version": integer], required: ["version"]),
            "Task": task,
            "TaskList": object(["tasks": array(ref("Task"))], required: ["tasks"]),
            "TaskEvent": object(
                [
                    "id": string, "version": integer, "kind": string, "actor": string, "at": string,
                    "on": date,
                    "body": string,
                ], required: ["id", "kind", "at", "body"]),
            "TaskDetail": object(
                [
                    "task": ref("Task"), "events": array(ref("TaskEvent")),
                    "actions": array([
                        "type": "string", "enum": AssignmentAction.Kind.allCases.map(\.rawValue),
                    ]),
                ], required: ["task", "events", "actions"]),
            "TaskAction": object(
                [
                    "action": ["type": "string", "enum": AssignmentAction.Kind.allCases.map(\.rawValue)],
                    "version": integer, "note": string, "reason": string, "date": date,
                ], required: ["action", "version"]),
            "Unit": object(
                [
                    "id": string, "name": string, "shortName": nullable(string),
                    "abbreviations": array(string),
                    "aliases": array(string), "kind": string, "parentID": nullable(string),
                    "active": ["type": "boolean"],
                ], required: ["id", "name"]),
            "UnitList": object(
                [
                    "units": array(ref("Unit")),
                    "pendingNames": array(
                        object(["writtenName": string, "matchedBy": string, "count": integer])),
                ], required: ["units", "pendingNames"]),
            "Alias": object(["name": string, "unit": string], required: ["name", "unit"]),
            "AliasResult": object(["resolved": integer], required: ["resolved"]),
            "User": user,
            "UserList": object(["users": array(ref("User"))], required: ["users"]),
            "NewUser": object(
                ["fullName": string, "login": string, "email": string, "role": role, "unit": string],
                required: ["fullName", "login", "role"]),
            "UserWithPassword": object(
                ["user": ref("User"), "password": string], required: ["user", "password"]),
            "UserUpdate": object(
                ["role": role, "unit": string, "active": ["type": "boolean"]], required: ["role", "active"]),
            "TokenRequest": object(["label": string], required: ["label"]),
            "Token": object(["token": string], required: ["token"]),
        ]
    }
}
