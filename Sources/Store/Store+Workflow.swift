import Crypto
import Deadlines
import Foundation
import SQLKit
import Tracking

/// Changes to a task, under the rules of `AssignmentWorkflow`, and publishing a notice.
///
/// Every change names the version the caller read. The rules refuse a stale version, and the
/// update itself is conditional (`WHERE version = …`), so two people who change the same task
/// from the same page never overwrite each other: the second sees `StoreError.conflict`.
extension Store {
    /// Applies `action` to the task `taskID` as `participant` (their units by directory id), read
    /// at `expectedVersion`, on `today`; appends the event and returns the task as it now is.
    @discardableResult
    public func apply(
        _ action: AssignmentAction, toTask taskID: String, by participant: Participant, expectedVersion: Int,
        actor: String, calendar: WorkingDays, today: CalendarDate = StoreClock.today(),
        attachments: [AttachmentInput] = []
    ) async throws(StoreError) -> TaskRecord {
        let now = StoreClock.timestamp(Date())
        for file in attachments { try file.check() }
        try await transaction { db in
            guard let loaded = try await Self.snapshot(db, taskID: taskID) else {
                throw StoreError.notFound("task \(taskID)")
            }
            let transition: AssignmentWorkflow.Transition
            do throws(WorkflowError) {
                transition = try AssignmentWorkflow.apply(
                    action, to: loaded.snapshot, by: participant, expectedVersion: expectedVersion, on: today)
            } catch .versionConflict(let expected, let actual) {
                throw StoreError.conflict(
                    "task \(taskID) (you had version \(expected), it is now at \(actual))")
            } catch {
                throw StoreError.refused(error)
            }
            let next = transition.snapshot
            var deadline = next.deadline
            if loaded.rollOver, let d = deadline { deadline = calendar.rollingOver(d) ?? d }
            let extensions = String(decoding: try JSONEncoder.sorted.encode(next.extensions), as: UTF8.self)
            let pending = next.pendingExtension
            let updated = try await db.raw(
                """
                UPDATE assignments SET state = \(bind: next.state.rawValue), version = \(bind: next.version),
                deadline = \(bind: deadline?.iso), extensions = \(bind: extensions),
                extension_requested_to = \(bind: pending?.to.iso), extension_reason = \(bind: pending?.reason),
                extension_requested_on = \(bind: pending?.requestedOn.iso), extension_unit_id = \(bind: pending?.unitID),
                reported_done_on = \(bind: next.reportedDoneOn?.iso), completed_on = \(bind: next.completedOn?.iso),
                updated_at = \(bind: now)
                WHERE id = \(bind: taskID) AND version = \(bind: expectedVersion)
                RETURNING id
                """
            ).all()
            guard !updated.isEmpty else {
                throw StoreError.conflict("task \(taskID) (you had version \(expectedVersion))")
            }
            let event = transition.event
            let (old, new) = Self.dates(of: event.kind)
            let eventID = try await Self.appendEvent(
                db, assignmentID: taskID, version: next.version, kind: event.kind.code,
                actor: participant.userID ?? actor,
                role: event.role, unitID: event.unitID, at: now, on: event.on, from: event.from, to: event.to,
                oldDate: old,
                newDate: new, body: event.kind.vietnamese,
                detailJSON: String(decoding: try JSONEncoder.sorted.encode(event.kind), as: UTF8.self))
            for file in attachments {
                try await db.raw(
                    """
                    INSERT INTO attachments (id, event_id, file_name, content_type, size, sha256, data)
                    VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: eventID), \(bind: file.fileName),
                    \(bind: file.contentType), \(bind: file.data.count), \(bind: file.sha256), \(bind: file.data))
                    """
                ).run()
            }
            try await Self.audit(
                db, organizationID: loaded.organizationID, actor: participant.userID ?? actor,
                action: "task.\(event.kind.code)",
                entity: "task", entityID: taskID,
                detail: ["version": String(next.version), "state": next.state.rawValue])
        }
        guard let task = try await task(id: taskID) else { throw .notFound("task \(taskID)") }
        return task
    }

    /// The dates an event moves: (before, after).
    private static func dates(of kind: AssignmentEvent.Kind) -> (CalendarDate?, CalendarDate?) {
        switch kind {
        case .reportedDone(let on, _): (nil, on)
        case .confirmed(let on): (nil, on)
        case .extensionRequested(let to, _): (nil, to)
        case .extensionApproved(let from, _, let to): (from, to)
        case .extensionDenied(let requested, _): (nil, requested)
        default: (nil, nil)
        }
    }

    /// What the workflow reads of a stored task.
    struct LoadedSnapshot {
        let snapshot: AssignmentSnapshot
        let organizationID: String
        let rollOver: Bool
        /// The notice the task belongs to (the task page shows it; one lookup by key more).
        let notice: TaskDossier.Notice
    }

    /// What the workflow rules read of a task (for the actions a page offers), and its
    /// organization's id; nil when there is no such task.
    public func workflowSnapshot(ofTask taskID: String) async throws(StoreError)
        -> (snapshot: AssignmentSnapshot, organizationID: String)?
    {
        try await read { db in
            try await Self.snapshot(db, taskID: taskID).map { ($0.snapshot, $0.organizationID) }
        }
    }

    /// `units`: the task's lead and supporting units when the caller has read them already (the
    /// task's record holds them), which saves a statement.
    static func snapshot(
        _ db: any SQLDatabase, taskID: String, units known: (lead: Set<String>, support: Set<String>)? = nil
    ) async throws -> LoadedSnapshot? {
        guard
            let row = try await db.raw(
                """
                SELECT a.state, a.version, a.assigned_on, a.due_date, a.extensions, a.extension_requested_to,
                a.extension_reason, a.extension_requested_on, a.extension_unit_id, a.reported_done_on, a.completed_on,
                a.organization_id, o.roll_over, d.number, d.symbol, d.title, d.source_name
                FROM assignments a JOIN organizations o ON o.id = a.organization_id
                JOIN documents d ON d.id = a.document_id WHERE a.id = \(bind: taskID)
                """
            ).first()
        else { return nil }
        var (lead, support) = known ?? ([], [])
        if known == nil {
            for u in try await db.raw(
                "SELECT role, unit_id FROM assignment_units WHERE assignment_id = \(bind: taskID) AND unit_id IS NOT NULL"
            ).all() {
                let code = unitCode(rowID: try u.decode(column: "unit_id", as: String.self))
                if try u.decode(column: "role", as: String.self) == "lead" {
                    lead.insert(code)
                } else {
                    support.insert(code)
                }
            }
        }
        let extensions = try Store.extensions(row)
        var pending: ExtensionRequest?
        if let to = try date(row, "extension_requested_to") {
            pending = ExtensionRequest(
                to: to, reason: try row.decodeOptional(column: "extension_reason", as: String.self) ?? "",
                requestedOn: try date(row, "extension_requested_on") ?? to,
                unitID: try row.decodeOptional(column: "extension_unit_id", as: String.self))
        }
        let stateText = try row.decode(column: "state", as: String.self)
        guard let state = AssignmentState(rawValue: stateText) else {
            throw StoreError.database("task \(taskID) has state \(stateText)")
        }
        return LoadedSnapshot(
            snapshot: AssignmentSnapshot(
                state: state, version: try row.decode(column: "version", as: Int.self), leadUnitIDs: lead,
                supportUnitIDs: support,
                assignedOn: try date(row, "assigned_on"), originalDue: try date(row, "due_date"),
                extensions: extensions,
                pendingExtension: pending, reportedDoneOn: try date(row, "reported_done_on"),
                completedOn: try date(row, "completed_on")),
            organizationID: try row.decode(column: "organization_id", as: String.self),
            rollOver: try row.decode(column: "roll_over", as: Bool.self),
            notice: TaskDossier.Notice(
                number: try row.decodeOptional(column: "number", as: String.self),
                symbol: try row.decodeOptional(column: "symbol", as: String.self),
                title: try row.decodeOptional(column: "title", as: String.self),
                sourceName: try row.decode(column: "source_name", as: String.self)))
    }

    static func date(_ row: any SQLRow, _ column: String) throws -> CalendarDate? {
        try row.decodeOptional(column: column, as: String.self).flatMap(CalendarDate.init(iso:))
    }

    /// The extensions granted, stored as a JSON list of dates.
    static func extensions(_ row: any SQLRow) throws -> [CalendarDate] {
        try extensions(try row.decode(column: "extensions", as: String.self))
    }

    /// The extensions granted, from their JSON list.
    static func extensions(_ text: String) throws -> [CalendarDate] {
        // Most tasks were never extended: no JSON decoder for them.
        if text == "[]" { return [] }
        return try JSONDecoder().decode([CalendarDate].self, from: Data(text.utf8))
    }

    /// Publishes a draft notice read at `expectedVersion`: its tasks are tracked from then on.
    public func publish(documentID: String, expectedVersion: Int, actor: String) async throws(StoreError) {
        let now = StoreClock.timestamp(Date())
        try await transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT organization_id, status, version FROM documents WHERE id = \(bind: documentID)"
                ).first()
            else { throw StoreError.notFound("notice \(documentID)") }
            let version = try row.decode(column: "version", as: Int.self)
            guard version == expectedVersion else {
                throw StoreError.conflict(
                    "notice \(documentID) (you had version \(expectedVersion), it is now at \(version))")
            }
            guard try row.decode(column: "status", as: String.self) == "draft" else {
                throw StoreError.invalid("notice \(documentID) is already published")
            }
            let updated = try await db.raw(
                """
                UPDATE documents SET status = 'published', published_at = \(bind: now), version = version + 1
                WHERE id = \(bind: documentID) AND version = \(bind: expectedVersion) RETURNING id
                """
            ).all()
            guard !updated.isEmpty else { throw StoreError.conflict("notice \(documentID)") }
            try await Self.audit(
                db, organizationID: try row.decode(column: "organization_id", as: String.self), actor: actor,
                action: "document.publish", entity: "document", entityID: documentID)
        }
    }
}

/// A file attached to a change of a task (a report, a signed document).
public struct AttachmentInput: Sendable {
    /// The largest file the store keeps: a scanned report of a few dozen pages.
    public static let maxBytes = 20 * 1024 * 1024

    public let fileName: String
    public let contentType: String
    public let data: Data

    public init(fileName: String, contentType: String, data: Data) {
        self.fileName = fileName
        self.contentType = contentType
        self.data = data
    }

    var sha256: String { SHA256.hex(data) }

    func check() throws(StoreError) {
        let name = fileName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, !name.contains("/"), !name.contains("\\") else {
            throw .invalid("attachment name \"\(fileName)\": give the file's name without a folder")
        }
        guard data.count <= Self.maxBytes else {
            throw .invalid(
                "attachment \(fileName) is \(data.count / 1_048_576) MB; the limit is \(Self.maxBytes / 1_048_576) MB"
            )
        }
    }
}

/// A file attached to an event, without its bytes.
public struct AttachmentSummary: Sendable, Hashable, Codable {
    public let id: String
    public let fileName: String
    public let contentType: String
    public let size: Int
    public let sha256: String
}

extension Store {
    /// The files attached to the events of a task, by event id.
    public func attachments(ofTask taskID: String) async throws(StoreError) -> [String: [AttachmentSummary]] {
        try await read { db in try await Self.attachments(db, taskID: taskID) }
    }

    static func attachments(_ db: any SQLDatabase, taskID: String) async throws -> [String:
        [AttachmentSummary]]
    {
        var out: [String: [AttachmentSummary]] = [:]
        for row in try await db.raw(
            """
            SELECT f.id, f.event_id, f.file_name, f.content_type, f.size, f.sha256 FROM attachments f
            JOIN assignment_events e ON e.id = f.event_id WHERE e.assignment_id = \(bind: taskID) ORDER BY f.file_name, f.id
            """
        ).all() {
            out[try row.decode(column: "event_id", as: String.self), default: []].append(
                AttachmentSummary(
                    id: try row.decode(column: "id", as: String.self),
                    fileName: try row.decode(column: "file_name", as: String.self),
                    contentType: try row.decode(column: "content_type", as: String.self),
                    size: try row.decode(column: "size", as: Int.self),
                    sha256: try row.decode(column: "sha256", as: String.self)))
        }
        return out
    }

    /// An attached file's bytes, and the organization whose task it belongs to.
    public func attachmentData(id: String) async throws(StoreError) -> (AttachmentSummary, Data) {
        let (summary, data, _) = try await attachment(id: id)
        return (summary, data)
    }

    /// An attached file, its bytes, and the id of the organization whose task it belongs to (a
    /// page serves a file only to that organization's people).
    public func attachment(id: String) async throws(StoreError) -> (
        AttachmentSummary, Data, organizationID: String
    ) {
        let found = try await read { db -> (AttachmentSummary, Data, String)? in
            guard
                let row = try await db.raw(
                    """
                    SELECT f.id, f.file_name, f.content_type, f.size, f.sha256, f.data, a.organization_id
                    FROM attachments f JOIN assignment_events e ON e.id = f.event_id
                    JOIN assignments a ON a.id = e.assignment_id WHERE f.id = \(bind: id)
                    """
                ).first()
            else { return nil }
            return (
                AttachmentSummary(
                    id: id, fileName: try row.decode(column: "file_name", as: String.self),
                    contentType: try row.decode(column: "content_type", as: String.self),
                    size: try row.decode(column: "size", as: Int.self),
                    sha256: try row.decode(column: "sha256", as: String.self)),
                try row.decode(column: "data", as: Data.self),
                try row.decode(column: "organization_id", as: String.self)
            )
        }
        guard let found else { throw .notFound("attachment \(id)") }
        return found
    }
}
