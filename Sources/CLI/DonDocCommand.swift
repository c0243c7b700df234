import ArgumentParser

/// The `dondoc` command: its subcommands are the CLI of DonDoc.
public struct DonDocCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dondoc",
        abstract: "DonDoc: extract and follow up the tasks of Vietnamese briefing notices.",
        subcommands: [
            Parse.self, Eval.self, ImportCommand.self, PublishCommand.self, DocumentsCommand.self, TasksCommand.self,
            StatsCommand.self, OrgCommand.self, CalendarCommand.self, Workdays.self, DueCommand.self,
            DemoDataCommand.self, ServeCommand.self, UserCommand.self,
        ]
    )

    public init() {}
}
