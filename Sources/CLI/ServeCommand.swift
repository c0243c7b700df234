import ArgumentParser
import Deadlines
import Foundation
import Hummingbird
import Logging
import Store
import Tracking
import WebServer

/// `dondoc serve`: the web application.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the web application.",
        discussion: """
            Serves DonDoc's pages (Vietnamese) and its JSON API on --host:--port, over the record \
            (--db, or PostgreSQL at $DATABASE_URL). With --demo, a record without people first gets \
            a demo Sở KH&CN: its unit directory, one user per role (lãnh đạo, văn phòng, trưởng \
            đơn vị, chuyên viên) whose passwords are printed once, and the notices of --notices \
            imported and published (the last one left as a draft to review).
            """)

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Set up a demo organization, users and notices first (when the record has no users).")
    var demo = false
    @Option(
        help: ArgumentHelp(
            "The folder of notices --demo imports (default: Tests/Corpus/docs of a DonDoc clone).",
            valueName: "dir"))
    var notices: String?
    @Flag(help: "Mark cookies Secure: DonDoc is served over HTTPS (directly or behind a proxy).")
    var secureCookies = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var holidays: HolidayOptions

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError("--port must be between 1 and 65535, not \(port).")
        }
    }

    func run() async throws {
        let console = Console.standard
        let environment = ProcessInfo.processInfo.environment
        var logger = Logger(label: "dondoc.web")
        logger.logLevel = .info
        do {
            let calendar = try holidays.calendar(environment: environment).workingDays(
                years: VietnameseHolidays.years)
            let db = try await store.open(environment: environment)
            let passwords = Passwords()
            if demo {
                do {
                    try await DemoSetup(store: db, passwords: passwords, calendar: calendar, console: console)
                        .run(slug: store.org, noticeFolder: notices)
                } catch {
                    await db.close()
                    throw error
                }
            }
            let app = try await WebApp.build(
                store: db, calendar: calendar,
                configuration: WebConfiguration(
                    host: host, port: port, secureCookies: secureCookies, passwords: passwords),
                logger: logger)
            console.report(
                "DonDoc serves \(store.location.description) on http://\(host):\(port)/ (Ctrl-C stops it)")
            do {
                try await app.runService()
            } catch {
                await db.close()
                throw CommandFailure(.unavailable, "the server stopped: \(error)")
            }
            await db.close()
        } catch {
            throw ExitCode(CommandFailure.report(error, on: console).rawValue)
        }
    }
}

/// The demo organization `serve --demo` sets up.
struct DemoSetup {
    let store: Store
    let passwords: Passwords
    let calendar: WorkingDays
    let console: Console

    static let actor = "dondoc serve --demo"

    /// A line of the result (standard output: the passwords are what the command gives).
    func say(_ line: String) { console.write(Data((line + "\n").utf8)) }

    func run(slug: String?, noticeFolder: String?) async throws {
        let org = try await store.organizationToUse(slug: slug, actor: Self.actor)
        guard try await store.people(in: org).isEmpty else {
            say(
                "demo: \(org.name) already has users; nothing was added (their passwords were printed when they were created)"
            )
            return
        }
        let folder = noticeFolder ?? "Tests/Corpus/docs"
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: folder)
                .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".md") }.sorted().map { folder + "/" + $0 }
        } catch {
            throw CommandFailure(
                .inputMissing,
                "demo: cannot read the notices folder \(folder); run from a DonDoc clone or pass --notices DIR"
            )
        }
        var imported = 0
        for (index, file) in files.enumerated() {
            let input = try ImportCommand.read(file)
            do {
                _ = try await store.importNotice(
                    input, into: org, publish: index < files.count - 1, calendar: calendar, actor: Self.actor)
                imported += 1
            } catch {
                console.report("demo: \(file) was not imported: \(error)")
            }
        }
        // The unit head and officer belong to the unit that leads the most tasks: the demo's
        // unit pages then have work on them.
        let tasks = try await store.tasks(in: org, TaskQuery(limit: 10_000))
        var leads: [String: Int] = [:]
        for task in tasks { for unit in task.leadUnitIDs { leads[unit, default: 0] += 1 } }
        let directory = try await store.directory(of: org)
        let unit =
            leads.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key
            ?? directory.activeUnits.first?.id
        let people: [(String, String, Role, String?)] = [
            ("Nguyễn Văn Lãnh", "lanhdao", .leadership, nil),
            (
                "Trần Thị Văn", "vanphong", .secretariat,
                directory.unit(id: "van-phong") == nil ? nil : "van-phong"
            ),
            ("Lê Văn Trưởng", "truongdonvi", .unitHead, unit),
            ("Phạm Thị Chuyên", "chuyenvien", .officer, unit),
        ]
        say("demo: \(org.name): \(imported) notices imported, \(tasks.count) tasks published")
        say("demo: the users and their passwords (shown this once):")
        for (name, login, role, unitID) in people {
            let password = Passwords.generate()
            _ = try await store.addPerson(
                NewPerson(
                    fullName: name, login: login, role: role, unitID: unitID,
                    passwordHash: try await passwords.hash(password)),
                in: org, actor: Self.actor)
            let unitName = unitID.flatMap { directory.unit(id: $0)?.name }.map { ", \($0)" } ?? ""
            say("  \(login) / \(password)  (\(role.vietnamese)\(unitName))")
        }
    }
}
