import Foundation
import SQLKit
import TestSupport
import Testing

@testable import Store

@Suite struct MigrationTests {
    @Test(arguments: TestDatabases.all)
    func theSchemaIsCreatedOnceAndRecorded(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            let applied = try await Migrator(store: store).appliedIDs()
            #expect(
                applied == [
                    "0001_initial", "0002_search", "0003_overdue_list", "0004_open_deadline", "0005_accounts",
                    "0006_report_index", "0007_open_tasks", "0008_attachment_index", "0009_listed_units",
                    "0010_unit_lists",
                ])
            // Opening again (a second migrate) applies nothing.
            let again = try await Migrator(store: store).migrate()
            #expect(again.isEmpty)
            let count = try await store.write { db in
                try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from(
                    "organizations"
                ).first()?
                .decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }

    @Test(arguments: TestDatabases.all)
    func aDatabaseFromANewerDonDocIsRefused(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            try await store.write { db in
                try await db.insert(into: Migrator.table).columns("id", "summary", "applied_at")
                    .values(
                        SQLBind("9999_future"), SQLBind("from a newer DonDoc"),
                        SQLBind("2030-01-01T00:00:00.000Z")
                    ).run()
            }
            await #expect(throws: StoreError.newerSchema(id: "9999_future")) {
                try await Migrator(store: store).migrate()
            }
        }
    }

    @Test(arguments: TestDatabases.all)
    func aFailingMigrationLeavesNothingBehind(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            var migrator = Migrator(store: store)
            migrator.migrations.append(
                Migration(id: "9000_broken", summary: "half a migration") { _ in
                    ["CREATE TABLE half_done (id TEXT PRIMARY KEY)", "THIS IS NOT SQL"]
                })
            await #expect(throws: StoreError.self) { try await migrator.migrate() }
            let applied = try await Migrator(store: store).appliedIDs()
            #expect(
                applied == [
                    "0001_initial", "0002_search", "0003_overdue_list", "0004_open_deadline", "0005_accounts",
                    "0006_report_index", "0007_open_tasks", "0008_attachment_index", "0009_listed_units",
                    "0010_unit_lists",
                ])
            // The table of the first statement was rolled back with the rest.
            await #expect(throws: StoreError.self) {
                try await store.write { try await $0.raw("SELECT * FROM half_done").all() }
            }
        }
    }
}

@Suite struct ListedUnitsTests {
    @Test func theListedTextGivesEachRoleItsUnitsInTheirWrittenOrder() throws {
        let record = { (fields: [String]) in fields.joined(separator: "\u{1F}") }
        let text = [
            record(["support", "1", "Thanh tra Sở", "org-1:thanh-tra", "exact", "Thanh tra Sở"]),
            record(["lead", "0", "Văn phòng", "org-1:van-phong", "alias", "Văn phòng Sở"]),
            record(["support", "0", "Sở Tài chính", "", "other_agency", ""]),
            record(["support", "10", "các đơn vị", "org-1:cong-doan", "all", "Công đoàn Sở"]),
        ].joined(separator: "\u{1E}")
        let units = try Store.listedUnits(text)
        #expect(
            units.lead == [
                TaskUnit(
                    writtenName: "Văn phòng", unitID: "van-phong", unitName: "Văn phòng Sở",
                    matchedBy: "alias")
            ])
        #expect(units.support.map(\.writtenName) == ["Sở Tài chính", "Thanh tra Sở", "các đơn vị"])
        #expect(units.support[0].unitID == nil && units.support[0].unitName == nil)
        #expect(units.support[2].unitID == "cong-doan")
        #expect(try Store.listedUnits("") == ([], []))
    }

    @Test(arguments: [
        "lead\u{1F}0\u{1F}Văn phòng", "chair\u{1F}0\u{1F}a\u{1F}\u{1F}exact\u{1F}",
        "lead\u{1F}x\u{1F}a\u{1F}\u{1F}exact\u{1F}", "lead\u{1F}\u{1F}a\u{1F}\u{1F}exact\u{1F}",
    ])
    func aMalformedListedTextIsAnError(text: String) {
        #expect(throws: StoreError.self) { try Store.listedUnits(text) }
    }
}

/// The database file stays readable by the `sqlite3` that administrators have (Debian 12's is
/// 3.40; SQLiteNIO bundles a newer SQLite): a schema using newer syntax, even in a trigger, makes
/// the older one refuse the whole file as malformed. `scripts/test` installs Debian's `sqlite3`.
@Suite struct SQLiteFileTests {
    static let tool = "/usr/bin/sqlite3"

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: tool), "needs Debian's sqlite3"))
    func theFileOpensInTheSystemsSQLite3() async throws {
        let scratch = try Scratch()
        let path = scratch.path("admin.sqlite")
        let store = try await Store.open(.sqlite(path: path))
        do {
            try await Notices.load(Notices.march, name: "tb-12.txt", into: store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.tool)
        process.arguments = [
            "-readonly", path,
            "PRAGMA integrity_check; SELECT count(*) FROM assignments WHERE units_listed <> '';",
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(problem)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "ok", "\(text) \(problem)")
        #expect((lines.last.flatMap { Int($0) } ?? 0) > 0, "\(text)")
    }
}

@Suite struct SchemaConstraintTests {
    static func organization(_ db: any SQLDatabase, id: String = "org-1") async throws {
        try await db.insert(into: "organizations").columns("id", "slug", "name", "created_at")
            .values(
                SQLBind(id), SQLBind("skhcn-\(id)"), SQLBind("Sở Khoa học và Công nghệ"),
                SQLBind("2026-11-21T00:00:00.000Z")
            ).run()
    }

    static func document(_ db: any SQLDatabase, issued: String?) async throws {
        try await db.insert(into: "documents")
            .columns(
                "id", "organization_id", "sha256", "source_name", "issued", "extraction", "source_text",
                "imported_at"
            )
            .values(
                SQLBind("doc-1"), SQLBind("org-1"), SQLBind(String(repeating: "a", count: 64)),
                SQLBind("tb.txt"), SQLBind(issued),
                SQLBind("{}"), SQLBind("THÔNG BÁO"), SQLBind("2026-11-21T00:00:00.000Z")
            ).run()
    }

    @Test(arguments: TestDatabases.all)
    func theSchemaRefusesWhatBreaksItsRules(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            try await store.write { try await Self.organization($0) }
            // A date that is not YYYY-MM-DD.
            await #expect(throws: StoreError.self) {
                try await store.write { try await Self.document($0, issued: "15/8/2021") }
            }
            try await store.write { try await Self.document($0, issued: "2021-08-15") }
            // An unknown state; a unit of a missing organization; a second organization with the same slug.
            await #expect(throws: StoreError.self) {
                try await store.write { db in
                    try await db.insert(into: "assignments")
                        .columns(
                            "id", "organization_id", "document_id", "position", "text", "state", "created_at",
                            "updated_at"
                        )
                        .values(
                            SQLBind("a-1"), SQLBind("org-1"), SQLBind("doc-1"), SQLBind(0),
                            SQLBind("Rà soát"), SQLBind("finished"),
                            SQLBind("2026-11-21T00:00:00.000Z"), SQLBind("2026-11-21T00:00:00.000Z")
                        ).run()
                }
            }
            await #expect(throws: StoreError.self) {
                try await store.write { db in
                    try await db.insert(into: "units").columns(
                        "id", "organization_id", "code", "name", "kind"
                    )
                    .values(
                        SQLBind("u-1"), SQLBind("org-missing"), SQLBind("vp"), SQLBind("Văn phòng"),
                        SQLBind("office")
                    ).run()
                }
            }
            await #expect(throws: StoreError.self) {
                try await store.write { try await Self.organization($0, id: "org-1") }
            }
            // A unit named twice on one task (migration 0010).
            try await store.write { db in
                try await db.raw(
                    """
                    INSERT INTO units (id, organization_id, code, name, kind) VALUES ('org-1:vp', 'org-1', 'vp', 'Văn phòng', 'office')
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO assignments (id, organization_id, document_id, position, text, state, created_at, updated_at)
                    VALUES ('a-1', 'org-1', 'doc-1', 0, 'Rà soát', 'assigned', '2026-11-21T00:00:00.000Z', '2026-11-21T00:00:00.000Z')
                    """
                ).run()
                try await db.raw(
                    """
                    INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                    VALUES ('a-1', 'lead', 0, 'Văn phòng', 'org-1:vp', 'exact')
                    """
                ).run()
            }
            await #expect(throws: StoreError.self) {
                try await store.write { db in
                    try await db.raw(
                        """
                        INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                        VALUES ('a-1', 'support', 0, 'Văn phòng Sở', 'org-1:vp', 'exact')
                        """
                    ).run()
                }
            }
        }
    }

    @Test(arguments: TestDatabases.all)
    func theAuditLogIsAppendOnly(dialect: StoreDialect) async throws {
        try await TestDatabases.withStore(dialect) { store in
            try await store.write { db in
                try await db.insert(into: "audit_log").columns(
                    "id", "at", "actor", "action", "entity", "entity_id"
                )
                .values(
                    SQLBind("e-1"), SQLBind("2026-11-21T00:00:00.000Z"), SQLBind("cli"), SQLBind("import"),
                    SQLBind("document"), SQLBind("doc-1")
                )
                .run()
            }
            await #expect(throws: StoreError.self) {
                try await store.write {
                    try await $0.update("audit_log").set("actor", to: "someone else").run()
                }
            }
            await #expect(throws: StoreError.self) {
                try await store.write { try await $0.delete(from: "audit_log").run() }
            }
            let rows = try await store.write { try await $0.select().column("actor").from("audit_log").all() }
            #expect(try rows.map { try $0.decode(column: "actor", as: String.self) } == ["cli"])
        }
    }

    @Test(arguments: TestDatabases.all)
    func aTransactionThatThrowsLeavesNothing(dialect: StoreDialect) async throws {
        struct Stop: Error {}
        try await TestDatabases.withStore(dialect) { store in
            await #expect(throws: StoreError.self) {
                try await store.transaction { db in
                    try await Self.organization(db)
                    throw Stop()
                }
            }
            let rows = try await store.write {
                try await $0.select().column("id").from("organizations").all()
            }
            #expect(rows.isEmpty)
        }
    }
}

@Suite struct OpeningTests {
    @Test func aSQLitePathThatCannotBeADatabaseSaysWhy() async throws {
        let scratch = try Scratch()
        await #expect(
            throws: StoreError.cannotOpen("SQLite file \(scratch.url.path)", reason: "it is a directory")
        ) {
            _ = try await Store.open(.sqlite(path: scratch.url.path))
        }
        let missing = scratch.path("no/such/folder/dondoc.sqlite")
        await #expect(throws: StoreError.self) { _ = try await Store.open(.sqlite(path: missing)) }
        let text = scratch.path("notes.sqlite")
        try Data("Thông báo kết luận giao ban, không phải cơ sở dữ liệu.\n".utf8).write(
            to: URL(fileURLWithPath: text))
        do {
            _ = try await Store.open(.sqlite(path: text))
            Issue.record("a text file opened as a database")
        } catch {
            #expect(error.description.contains("not a database"), "\(error)")
        }
        // The file is left as it was.
        #expect(try String(contentsOfFile: text, encoding: .utf8).hasPrefix("Thông báo"))
    }

    @Test func aBrokenDatabaseURLIsRefused() async throws {
        do {
            _ = try await Store.open(.postgres(url: "mysql://user:pw@host/db"))
            Issue.record("a MySQL URL was accepted")
        } catch {
            guard case .badDatabaseURL(let shown) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(!shown.contains("pw"))
        }
        do {
            _ = try await Store.open(.postgres(url: "postgres://dondoc:secret@127.0.0.1:1/dondoc"))
            Issue.record("connected to port 1")
        } catch {
            #expect(
                error.description.hasPrefix(
                    "cannot open the PostgreSQL postgres://dondoc:***@127.0.0.1:1/dondoc"), "\(error)")
            #expect(!error.description.contains("secret"))
        }
    }

    @Test func theLocationComesFromTheFlagElseDATABASE_URL() {
        #expect(StoreLocation.resolve(path: nil, environment: [:]) == .sqlite(path: "dondoc.sqlite"))
        #expect(
            StoreLocation.resolve(path: nil, environment: ["DATABASE_URL": "postgres://a@b/c"])
                == .postgres(url: "postgres://a@b/c"))
        #expect(
            StoreLocation.resolve(path: "x.sqlite", environment: ["DATABASE_URL": "postgres://a@b/c"])
                == .sqlite(path: "x.sqlite"))
    }
}
