import ArgumentParser
import Foundation
import Store
import Tracking
import WebServer

/// `dondoc user`: the people who sign in, for an administrator at the server's console (when
/// the secretariat's own password is lost, no page can help).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add a person who signs in, or give one a new password.",
        subcommands: [Add.self, Password.self])

    /// `dondoc user add LOGIN --name NAME --role ROLE [--unit UNIT]`.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a person to the organization; prints their first password (shown once).")
        @Argument(help: "The sign-in name (letters a-z, digits, '.', '_', '-').") var login: String
        @Option(help: ArgumentHelp("The person's full name.", valueName: "name")) var name: String
        @Option(
            help: ArgumentHelp(
                "lanh_dao, van_phong, truong_don_vi or chuyen_vien.", valueName: "role"))
        var role: String
        @Option(help: ArgumentHelp("Their unit's directory id (unit heads and officers).", valueName: "unit"))
        var unit: String?
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError(
                    "--role is one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not \(role).")
            }
        }

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let (db, org) = try await store.openOrganization(actor: cliActor, environment: environment)
                let password = Passwords.generate()
                let person = try await withStore(db) {
                    try await db.addPerson(
                        NewPerson(
                            fullName: name, login: login, role: Role(rawValue: role)!, unitID: unit,
                            passwordHash: try await Passwords().hash(password)),
                        in: org, actor: cliActor)
                }
                return Data("\(person.login ?? login) \(password)\n".utf8)
            }
        }
    }

    /// `dondoc user password LOGIN`.
    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a person a new password and print it (shown once).")
        @Argument(help: "The sign-in name.") var login: String
        @OptionGroup var store: StoreOptions

        func run() async throws { try exit(with: await execute(console: .standard)) }

        func execute(console: Console, environment: [String: String] = ProcessInfo.processInfo.environment)
            async -> ExitStatus
        {
            await CommandFailure.reporting(console) {
                let db = try await store.open(environment: environment)
                let password = Passwords.generate()
                try await withStore(db) {
                    guard let person = try await db.signInRecord(login: login)?.person else {
                        throw CommandFailure(.inputMissing, "no active person signs in as \(login)")
                    }
                    try await db.setPasswordHash(
                        try await Passwords().hash(password), personID: person.id, actor: cliActor)
                }
                return Data("\(password)\n".utf8)
            }
        }
    }
}
