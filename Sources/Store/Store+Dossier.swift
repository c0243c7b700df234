import SQLKit
import Tracking

/// Everything a task's page shows, read in one unit of work.
public struct TaskDossier: Sendable {
    public struct Notice: Sendable, Hashable {
        public let number: String?
        public let symbol: String?
        public let title: String?
        public let sourceName: String
    }

    public let task: TaskRecord
    /// What the workflow rules read: the actions the page offers come from it.
    public let snapshot: AssignmentSnapshot
    public let organizationID: String
    public let notice: Notice
    /// The history, oldest first, each event with its author's full name when a person wrote it.
    public let events: [(event: TaskEventRecord, actorName: String?)]
    /// The files of each event, by event id.
    public let attachments: [String: [AttachmentSummary]]
    /// The tasks this one carries over, the earliest first (at most `earlierKept`).
    public let earlier: [TaskRecord]

    public static let earlierKept = 24
}

extension Store {
    /// The dossier of a task, or nil when there is no such task.
    ///
    /// One unit of work instead of one per part: the task page read the task, its workflow, its
    /// history, its files, its notice and the organization's people separately, each waiting for
    /// a connection in turn, and it was the slowest page under load (p50 44 ms at 32 connections).
    /// The people are no longer read at all: the history's statement joins its authors' names;
    /// the notice comes with the workflow's statement, and the files are read only when the
    /// history says there are some.
    public func dossier(ofTask id: String) async throws(StoreError) -> TaskDossier? {
        try await read { db in
            guard
                let task = try await self.tasks(db, where: "a.id = \(bind: id)", order: "a.id", limit: 1)
                    .first,
                let loaded = try await Self.snapshot(
                    db, taskID: id,
                    units: (Set(task.lead.compactMap(\.unitID)), Set(task.support.compactMap(\.unitID))))
            else { return nil }
            var earlier: [TaskRecord] = []
            var next = task.carriesOverID
            while let previous = next, earlier.count < TaskDossier.earlierKept,
                let record = try await self.tasks(
                    db, where: "a.id = \(bind: previous)", order: "a.id", limit: 1
                ).first
            {
                earlier.insert(record, at: 0)
                next = record.carriesOverID
            }
            let events = try await Self.events(db, taskID: id)
            return TaskDossier(
                task: task, snapshot: loaded.snapshot, organizationID: loaded.organizationID,
                notice: loaded.notice, events: events.map { ($0.event, $0.actorName) },
                // Most tasks have no file: their history says so, and the files are not asked for.
                attachments: events.contains { $0.files > 0 }
                    ? try await Self.attachments(db, taskID: id) : [:],
                earlier: earlier)
        }
    }
}
