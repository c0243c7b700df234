import ArgumentParser
import Foundation
import Store
import Testing
import WebServer

@testable import CLI

/// The record's commands on a SQLite file, run as a library (no DATABASE_URL).
@Suite struct StoreCommandTests {
    static let noEnvironment: [String: String] = [:]
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(
        path: "../Corpus/docs"
    ).standardized

    static func notice(_ name: String) -> String { corpus.appending(path: name).path }

    /// Runs a command parsed from `arguments` and returns its status, output and messages.
    static func run<C: AsyncParsableCommand>(
        _ type: C.Type, _ arguments: [String], environment: [String: String] = noEnvironment,
        _ execute: (C, Console, [String: String]) async -> CLI.ExitStatus
    ) async throws -> (CLI.ExitStatus, String, [String]) {
        let captured = CapturedConsole()
        let command = try C.parse(arguments)
        let status = await execute(command, captured.console, environment)
        return (status, String(decoding: captured.output, as: UTF8.self), captured.messages)
    }

    static func importing(_ arguments: [String], environment: [String: String] = noEnvironment) async throws
        -> (CLI.ExitStatus, String, [String])
    {
        try await run(ImportCommand.self, arguments, environment: environment) {
            await $0.execute(console: $1, environment: $2)
        }
    }

    static func tasks(_ arguments: [String]) async throws -> (CLI.ExitStatus, String, [String]) {
        try await run(TasksCommand.self, arguments) { await $0.execute(console: $1, environment: $2) }
    }

    static func documents(_ arguments: [String]) async throws -> (CLI.ExitStatus, String, [String]) {
        try await run(DocumentsCommand.self, arguments) { await $0.execute(console: $1, environment: $2) }
    }

    @Test func noticesAreImportedOnceListedAndCounted() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.url.appending(path: "dondoc.sqlite").path
        let files = [Self.notice("000_9713a99d404ca7b9.txt"), Self.notice("001_d5436d61a206f104.txt")]
        let (status, _, messages) = try await Self.importing(files + ["--db", db, "--publish"])
        #expect(status == .success, "\(messages)")
        #expect(
            messages.count == 2
                && messages.allSatisfy { $0.contains("imported as notice") && $0.contains("published") },
            "\(messages)")

        let (again, _, said) = try await Self.importing([files[0], "--db", db])
        #expect(again == .success)
        #expect(
            said.count == 1 && said[0].contains("already imported") && said[0].contains("nothing changed"),
            "\(said)")

        let (listed, json, _) = try await Self.documents(["--db", db, "--json"])
        #expect(listed == .success)
        let documents = try #require(
            try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(documents.count == 2)
        #expect(documents.map { $0["issued"] as? String } == ["2025-02-12", "2021-08-10"])

        let (byUnit, text, _) = try await Self.tasks(["--db", db, "--unit", "Văn phòng Sở", "--lead-only"])
        #expect(byUnit == .success)
        let rows = text.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains("van-phong") }, "\(text)")

        let (overdue, overdueJSON, _) = try await Self.tasks([
            "--db", db, "--overdue-on", "2021-09-01", "--json",
        ])
        #expect(overdue == .success)
        let late = try #require(
            try JSONSerialization.jsonObject(with: Data(overdueJSON.utf8)) as? [[String: Any]])
        #expect(!late.isEmpty && late.allSatisfy { ($0["deadline"] as? String ?? "9") < "2021-09-01" })

        let (counted, table, _) = try await Self.run(StatsCommand.self, ["--db", db, "--period", "2021-09"]) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(counted == .success)
        #expect(
            table.contains("period 2021-09 (2021-08-15 to 2021-09-14)") && table.contains("Tổng số"),
            "\(table)")
    }

    @Test func badInputIsAClearErrorWithItsStatusAndStoresNothing() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.url.appending(path: "dondoc.sqlite").path
        let empty = try dir.file(
            "thong-bao.txt", Data("THÔNG BÁO\nVề việc đổi số điện thoại của Văn phòng Sở.\n".utf8))
        let (status, _, messages) = try await Self.importing([empty, "--db", db])
        #expect(status == .inputRefused)
        #expect(
            messages.first?.contains("no task was found in it; nothing was imported") == true, "\(messages)")
        let (_, listed, _) = try await Self.documents(["--db", db, "--json"])
        #expect(listed == "[]\n")

        let (unknownOrg, _, orgMessages) = try await Self.importing([
            Self.notice("000_9713a99d404ca7b9.txt"), "--db", db, "--org", "ha-tinh",
        ])
        #expect(unknownOrg == .inputMissing)
        #expect(orgMessages.first?.contains("dondoc org load FILE --org ha-tinh") == true, "\(orgMessages)")

        let (badURL, _, urlMessages) = try await Self.importing(
            [Self.notice("000_9713a99d404ca7b9.txt")],
            environment: ["DATABASE_URL": "mysql://dondoc:pw@127.0.0.1/dondoc"])
        #expect(badURL == .configuration)
        #expect(urlMessages.first?.contains("DATABASE_URL is not a PostgreSQL URL") == true, "\(urlMessages)")
        #expect(urlMessages.first?.contains("pw") == false)

        let (folder, _, folderMessages) = try await Self.documents(["--db", dir.url.path])
        #expect(
            folder == .unavailable && folderMessages.first?.contains("it is a directory") == true,
            "\(folderMessages)")

        let (unit, _, unitMessages) = try await Self.tasks(["--db", db, "--unit", "Phòng Hợp tác quốc tế"])
        #expect(
            unit == .usage && unitMessages.first?.contains("is no unit of default") == true, "\(unitMessages)"
        )
        #expect(throws: (any Error).self) { _ = try TasksCommand.parse(["--status", "finished"]) }
        #expect(throws: (any Error).self) { _ = try StatsCommand.parse(["--period", "tháng 13/2025"]) }
    }

    @Test func aDirectoryIsLoadedAndACorrectionResolvesTheNamesAwaitingIt() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.url.appending(path: "dondoc.sqlite").path
        let units = try dir.file(
            "units.json",
            Data(
                """
                {"format": "dondoc.units/1", "organization": "Sở Khoa học và Công nghệ",
                 "units": [{"id": "van-phong", "name": "Văn phòng Sở", "kind": "office"},
                           {"id": "thanh-tra", "name": "Thanh tra Sở", "kind": "inspectorate"}]}
                """.utf8))
        let (loaded, said, _) = try await Self.run(
            OrgCommand.Load.self, [units, "--db", db, "--org", "nghe-an"]
        ) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(loaded == .success)
        #expect(
            said.hasPrefix("created organization nghe-an (Sở Khoa học và Công nghệ): 2 units, 2 added"),
            "\(said)")

        let notice = try dir.file(
            "tb.txt",
            Data(
                """
                SỞ KHOA HỌC VÀ CÔNG NGHỆ
                Số: 12/TB-SKHCN
                Nghệ An, ngày 05 tháng 3 năm 2025
                THÔNG BÁO
                Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 3/2025
                1. Giao Phòng Hành chính - Tổng hợp chủ trì hoàn thiện dự thảo Quy chế chi tiêu nội bộ, trình Giám đốc Sở trước ngày 20/3/2025.
                2. Giao Thanh tra Sở xây dựng kế hoạch thanh tra đo lường xăng dầu, báo cáo trước ngày 10/4/2025.
                """.utf8))
        let (imported, _, importMessages) = try await Self.importing([
            notice, "--db", db, "--org", "nghe-an", "--publish",
        ])
        #expect(imported == .success)
        #expect(
            importMessages.first?.contains("unit names awaiting review: \"Phòng Hành chính - Tổng hợp\"")
                == true, "\(importMessages)")

        let (_, pending, _) = try await Self.run(OrgCommand.Pending.self, ["--db", db, "--org", "nghe-an"]) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(pending.contains("Phòng Hành chính - Tổng hợp"))
        let (taught, taughtSaid, _) = try await Self.run(
            OrgCommand.Alias.self,
            ["Phòng Hành chính - Tổng hợp", "--unit", "van-phong", "--db", db, "--org", "nghe-an"]
        ) { await $0.execute(console: $1, environment: $2) }
        #expect(taught == .success && taughtSaid.contains("1 task units resolved"), "\(taughtSaid)")
        let (_, nowPending, _) = try await Self.run(
            OrgCommand.Pending.self, ["--db", db, "--org", "nghe-an"]
        ) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(nowPending == "no unit name awaits review\n")

        let broken = try dir.file(
            "broken.json", Data(#"{"format": "dondoc.units/1", "organization": "Sở", "unit": []}"#.utf8))
        let (refused, _, refusedMessages) = try await Self.run(
            OrgCommand.Load.self, [broken, "--db", db, "--org", "nghe-an"]
        ) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(
            refused == .inputRefused
                && refusedMessages.first?.hasPrefix("error: \(broken): unit directory:") == true,
            "\(refusedMessages)")
    }

    /// A file the user may read but not write, as that user: root writes anyway, so as root the
    /// test runs the `dondoc` executable as `nobody`.
    @Test func aReadOnlySQLiteFileIsAClearErrorAndIsLeftAsItWas() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.url.appending(path: "dondoc.sqlite").path
        let (status, _, _) = try await Self.importing([Self.notice("000_9713a99d404ca7b9.txt"), "--db", db])
        #expect(status == .success)
        // Fold the WAL into the file so that it alone holds the record.
        let (_, _, _) = try await Self.documents(["--db", db])
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let before = try Data(contentsOf: URL(fileURLWithPath: db))
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.url.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: db)
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path)
        }

        let exitCode: Int32
        let stderr: String
        if getuid() == 0 {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
                .appending(path: "dondoc")
            try #require(
                FileManager.default.isExecutableFile(atPath: executable.path),
                "dondoc is built beside the tests")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = [
                "--reuid", "nobody", "--regid", "nogroup", "--clear-groups", executable.path, "import",
                "--db", db,
                Self.notice("001_d5436d61a206f104.txt"),
            ]
            process.environment = ["PATH": "/usr/bin:/bin"]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            exitCode = process.terminationStatus
            stderr = String(decoding: data, as: UTF8.self)
        } else {
            let (status, _, messages) = try await Self.importing([
                Self.notice("001_d5436d61a206f104.txt"), "--db", db,
            ])
            exitCode = status.rawValue
            stderr = messages.joined(separator: "\n")
        }
        #expect(exitCode == CLI.ExitStatus.cannotWrite.rawValue, "\(stderr)")
        #expect(stderr.contains("is read-only: DonDoc needs to write to it and its folder"), "\(stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)
    }
}

@Suite struct UserCommandTests {
    @Test func aPersonIsAddedAndGivenANewPasswordThatSignsIn() async throws {
        let dir = try TemporaryDirectory()
        let db = dir.url.appending(path: "dondoc.sqlite").path
        let (added, output, messages) = try await StoreCommandTests.run(
            UserCommand.Add.self, ["vanthu", "--name", "Văn Thư", "--role", "van_phong", "--db", db]
        ) { await $0.execute(console: $1, environment: $2) }
        #expect(added == .success, "\(messages)")
        let first = try #require(output.split(separator: " ").last.map { String($0.dropLast()) })
        #expect(output.hasPrefix("vanthu ") && first.count == 12)

        let (changed, second, _) = try await StoreCommandTests.run(
            UserCommand.Password.self, ["vanthu", "--db", db]
        ) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(changed == .success)
        let password = second.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(password.count == 12 && password != first)
        let store = try await Store.open(.sqlite(path: db))
        let hash = try #require(try await store.signInRecord(login: "vanthu")?.passwordHash)
        await store.close()
        #expect(try await Passwords(cost: 4).verify(password, hash: hash))
        #expect(!(try await Passwords(cost: 4).verify(first, hash: hash)))

        let (missing, _, said) = try await StoreCommandTests.run(
            UserCommand.Password.self, ["nobody", "--db", db]
        ) {
            await $0.execute(console: $1, environment: $2)
        }
        #expect(missing == .inputMissing)
        #expect(said.contains { $0.contains("no active person signs in as nobody") }, "\(said)")
    }
}
