import Deadlines
import Extraction
import Foundation
import SQLKit
import Tracking

/// A notice with its source text: what the review page shows beside the tasks.
public struct NoticeDetail: Sendable, Hashable {
    public let summary: DocumentSummary
    public let organizationID: String
    public let sourceText: String
}

/// A correction the secretariat makes to a draft notice's tasks before publishing it.
///
/// Units are directory ids, chosen from the directory; the names the notice wrote that matched
/// no unit stay as they are until resolved (`learnAlias`).
public enum DraftEdit: Sendable, Hashable {
    /// New text, units and deadline for a task.
    case revise(taskID: String, text: String, lead: [String], support: [String], due: CalendarDate?)
    /// A task the extraction missed, after `afterTaskID` (first when nil).
    case add(afterTaskID: String?, text: String, lead: [String], support: [String], due: CalendarDate?)
    /// A task that is not one (a heading, a remark).
    case delete(taskID: String)
    /// Two tasks the extraction read as one: the task keeps `first`; a new task after it gets
    /// `second`, with the same units and deadline.
    case split(taskID: String, first: String, second: String)
    /// One task the extraction read as two: the task and the next one become one.
    case mergeWithNext(taskID: String)
}

extension Store {
    /// A task's text as a correction gives it: trimmed, NFC, not empty, not huge.
    static func draftText(_ text: String) throws(StoreError) -> String {
        let tidy = text.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !tidy.isEmpty else { throw .invalid("a task needs its text") }
        guard tidy.count <= 10_000 else { throw .invalid("a task's text is at most 10,000 characters") }
        return tidy
    }

    /// A notice of `organization` with its text; nil when it has none with this id.
    public func notice(id: String, in organization: Organization) async throws(StoreError) -> NoticeDetail? {
        let summary = try await documents(in: organization, id: id).first
        guard let summary else { return nil }
        let text = try await read { db in
            try await db.raw("SELECT source_text FROM documents WHERE id = \(bind: id)").first()?
                .decode(column: "source_text", as: String.self)
        }
        return NoticeDetail(summary: summary, organizationID: organization.id, sourceText: text ?? "")
    }

    /// Applies `edit` to the draft notice `documentID` read at `expectedVersion`; returns the
    /// notice's new version. A published notice is not edited here: its tasks are tracked, and
    /// they change through the workflow.
    @discardableResult
    public func editDraft(
        _ edit: DraftEdit, documentID: String, expectedVersion: Int, in organization: Organization,
        actor: String
    ) async throws(StoreError) -> Int {
        let now = StoreClock.timestamp(Date())
        let directory = try await directory(of: organization)
        func check(_ units: [String]) throws(StoreError) {
            for unit in units where directory.unit(id: unit)?.active != true {
                throw .invalid("no active unit \(unit) in the directory")
            }
        }
        switch edit {
        case .revise(_, let text, let lead, let support, _), .add(_, let text, let lead, let support, _):
            _ = try Self.draftText(text)
            try check(lead)
            try check(support)
        case .split(_, let first, let second):
            _ = try Self.draftText(first)
            _ = try Self.draftText(second)
        case .delete, .mergeWithNext: break
        }
        return try await transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT organization_id, status, version FROM documents WHERE id = \(bind: documentID)"
                ).first(), try row.decode(column: "organization_id", as: String.self) == organization.id
            else { throw StoreError.notFound("notice \(documentID)") }
            guard try row.decode(column: "status", as: String.self) == "draft" else {
                throw StoreError.invalid(
                    "notice \(documentID) is published; its tasks change through the workflow")
            }
            let updated = try await db.raw(
                """
                UPDATE documents SET version = version + 1 WHERE id = \(bind: documentID) AND version = \(bind: expectedVersion)
                RETURNING version
                """
            ).all()
            guard let version = try updated.first?.decode(column: "version", as: Int.self) else {
                throw StoreError.conflict("notice \(documentID) (you had version \(expectedVersion))")
            }
            let draft = DraftTasks(
                db: db, documentID: documentID, organization: organization, directory: directory,
                actor: actor, now: now)
            let detail: [String: String]
            switch edit {
            case .revise(let id, let text, let lead, let support, let due):
                try await draft.requireTask(id)
                try await draft.write(id, text: try Self.draftText(text), due: due)
                try await draft.setUnits(id, lead: lead, support: support)
                detail = ["edit": "revise", "task": id]
            case .add(let after, let text, let lead, let support, let due):
                var position = 0
                if let after { position = try await draft.position(of: after) + 1 }
                let id = try await draft.insert(
                    at: position, text: try Self.draftText(text), due: due, like: nil)
                try await draft.setUnits(id, lead: lead, support: support)
                detail = ["edit": "add", "task": id]
            case .delete(let id):
                let position = try await draft.position(of: id)
                try await db.raw("DELETE FROM search_index WHERE entity = 'task' AND entity_id = \(bind: id)")
                    .run()
                // A later notice's task that carried this one over no longer does (links to draft
                // tasks came from imports before carry-over kept to published notices).
                try await db.raw(
                    "UPDATE assignments SET carries_over_id = NULL WHERE carries_over_id = \(bind: id)"
                )
                .run()
                try await db.raw("DELETE FROM assignments WHERE id = \(bind: id)").run()
                try await draft.shift(after: position, by: -1)
                detail = ["edit": "delete", "task": id]
            case .split(let id, let first, let second):
                let position = try await draft.position(of: id)
                try await draft.write(id, text: try Self.draftText(first), due: nil, keepDue: true)
                let new = try await draft.insert(
                    at: position + 1, text: try Self.draftText(second), due: nil, like: id)
                detail = ["edit": "split", "task": id, "new": new]
            case .mergeWithNext(let id):
                let position = try await draft.position(of: id)
                guard
                    let next = try await db.raw(
                        "SELECT id FROM assignments WHERE document_id = \(bind: documentID) AND position = \(bind: position + 1)"
                    ).first()?.decode(column: "id", as: String.self)
                else {
                    throw StoreError.invalid(
                        "task \(id) is the notice's last; there is no next task to merge")
                }
                try await draft.merge(id, next)
                try await draft.shift(after: position + 1, by: -1)
                detail = ["edit": "merge", "task": id, "merged": next]
            }
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "document.edit_draft",
                entity: "document",
                entityID: documentID, detail: detail)
            return version
        }
    }
}

/// The statements of draft edits, on one transaction's connection.
private struct DraftTasks {
    let db: any SQLDatabase
    let documentID: String
    let organization: Organization
    let directory: UnitDirectory
    let actor: String
    let now: String

    func requireTask(_ id: String) async throws {
        _ = try await position(of: id)
    }

    func position(of id: String) async throws -> Int {
        guard
            let position = try await db.raw(
                "SELECT position FROM assignments WHERE id = \(bind: id) AND document_id = \(bind: documentID)"
            ).first()?.decode(column: "position", as: Int.self)
        else { throw StoreError.notFound("task \(id) of notice \(documentID)") }
        return position
    }

    /// Moves the tasks after `position` by `delta` places. In two steps: the positions are
    /// unique per notice, and a one-step update may collide with itself midway.
    func shift(after position: Int, by delta: Int) async throws {
        let far = 1_000_000
        try await db.raw(
            """
            UPDATE assignments SET position = position + \(bind: far) WHERE document_id = \(bind: documentID) AND position > \(bind: position)
            """
        ).run()
        try await db.raw(
            """
            UPDATE assignments SET position = position - \(bind: far - delta) WHERE document_id = \(bind: documentID) AND position >= \(bind: far)
            """
        ).run()
    }

    /// Writes a task's text (and its search words) and, unless `keepDue`, its deadline as the
    /// secretariat set it.
    func write(_ id: String, text: String, due: CalendarDate?, keepDue: Bool = false) async throws {
        if keepDue {
            try await db.raw(
                "UPDATE assignments SET text = \(bind: text), updated_at = \(bind: now) WHERE id = \(bind: id)"
            ).run()
        } else {
            try await db.raw(
                """
                UPDATE assignments SET text = \(bind: text), due_date = \(bind: due?.iso), due_nominal = \(bind: due?.iso),
                deadline = \(bind: due?.iso), due_source = \(bind: due == nil ? "none" : "due"),
                due_rule = \(bind: due == nil ? "" : "set when the notice was reviewed"), updated_at = \(bind: now)
                WHERE id = \(bind: id)
                """
            ).run()
        }
        try await db.raw(
            "UPDATE search_index SET folded = \(bind: VietnameseText.fold(text)) WHERE entity = 'task' AND entity_id = \(bind: id)"
        ).run()
    }

    /// Inserts a task at `position` (moving the later ones), with the units and deadline of
    /// `like` when given; returns its id.
    func insert(at position: Int, text: String, due: CalendarDate?, like: String?) async throws -> String {
        try await shift(after: position - 1, by: 1)
        let id = UUID().uuidString.lowercased()
        try await db.raw(
            """
            INSERT INTO assignments (id, organization_id, document_id, position, section, text, due_text, due_date,
            due_nominal, due_source, due_rule, deadline, state, urgent, urgency, assigned_on, version, created_at, updated_at)
            SELECT \(bind: id), \(bind: organization.id), \(bind: documentID), \(bind: position),
            COALESCE(s.section, ''), \(bind: text), s.due_text, COALESCE(s.due_date, \(bind: due?.iso)),
            COALESCE(s.due_nominal, \(bind: due?.iso)), COALESCE(s.due_source, \(bind: due == nil ? "none" : "due")),
            COALESCE(s.due_rule, ''), COALESCE(s.deadline, \(bind: due?.iso)), 'assigned', COALESCE(s.urgent, \(bind: false)),
            COALESCE(s.urgency, ''), d.issued, 1, \(bind: now), \(bind: now)
            FROM documents d LEFT JOIN assignments s ON s.id = \(bind: like ?? "")
            WHERE d.id = \(bind: documentID)
            """
        ).run()
        if let like {
            try await db.raw(
                """
                INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                SELECT \(bind: id), role, position, written_name, unit_id, matched_by FROM assignment_units
                WHERE assignment_id = \(bind: like)
                """
            ).run()
        }
        try await Store.index(db, organizationID: organization.id, entity: "task", id: id, text: text)
        try await Store.appendEvent(
            db, assignmentID: id, version: 1, kind: "created", actor: actor, role: .secretariat, unitID: nil,
            at: now,
            on: StoreClock.today(), from: nil, to: .assigned, newDate: due,
            body: "Thêm khi rà soát văn bản")
        return id
    }

    /// Replaces the units a task names with `lead` and `support` (directory ids), keeping the
    /// written names that await review.
    func setUnits(_ id: String, lead: [String], support: [String]) async throws {
        try await db.raw(
            "DELETE FROM assignment_units WHERE assignment_id = \(bind: id) AND unit_id IS NOT NULL"
        ).run()
        let pending = try await db.raw(
            "SELECT role, written_name, matched_by FROM assignment_units WHERE assignment_id = \(bind: id) ORDER BY role, position"
        ).all()
        try await db.raw("DELETE FROM assignment_units WHERE assignment_id = \(bind: id)").run()
        var rows: [(role: String, name: String, unit: String?, how: String)] = []
        // A unit once per task (migration 0010): the lead does not coordinate with itself.
        var named: Set<String> = []
        for (role, codes) in [("lead", lead), ("support", support)] {
            for code in codes where named.insert(code).inserted {
                rows.append((role, directory.unit(id: code)?.name ?? code, code, "corrected"))
            }
        }
        for row in pending {
            rows.append(
                (
                    try row.decode(column: "role", as: String.self),
                    try row.decode(column: "written_name", as: String.self),
                    nil, try row.decode(column: "matched_by", as: String.self)
                ))
        }
        var positions: [String: Int] = [:]
        for row in rows {
            let position = positions[row.role, default: 0]
            positions[row.role] = position + 1
            try await db.raw(
                """
                INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                VALUES (\(bind: id), \(bind: row.role), \(bind: position), \(bind: row.name),
                \(bind: row.unit.map { Store.unitRowID(organizationID: organization.id, code: $0) }), \(bind: row.how))
                """
            ).run()
        }
    }

    /// Makes `id` and `next` one task: the texts joined, the units of both, the deadline of the
    /// first (of the second when the first has none).
    func merge(_ id: String, _ next: String) async throws {
        let rows = try await db.raw(
            "SELECT id, text, due_date FROM assignments WHERE id IN (\(bind: id), \(bind: next))"
        ).all()
        var texts: [String: String] = [:]
        var dues: [String: String] = [:]
        for row in rows {
            let key = try row.decode(column: "id", as: String.self)
            texts[key] = try row.decode(column: "text", as: String.self)
            dues[key] = try row.decodeOptional(column: "due_date", as: String.self)
        }
        let text = [texts[id], texts[next]].compactMap { $0 }.joined(separator: " ")
        try await db.raw(
            "UPDATE assignments SET text = \(bind: text), updated_at = \(bind: now) WHERE id = \(bind: id)"
        ).run()
        if dues[id] == nil, dues[next] != nil {
            try await db.raw(
                """
                UPDATE assignments SET (due_text, due_date, due_nominal, due_source, due_rule, deadline) =
                (SELECT due_text, due_date, due_nominal, due_source, due_rule, deadline FROM assignments WHERE id = \(bind: next))
                WHERE id = \(bind: id)
                """
            ).run()
        }
        // The second task's units that the first does not name join it, after its own.
        let units = try await db.raw(
            """
            SELECT role, written_name, unit_id, matched_by FROM assignment_units WHERE assignment_id = \(bind: next)
            ORDER BY role, position
            """
        ).all()
        for unit in units {
            let role = try unit.decode(column: "role", as: String.self)
            let unitID = try unit.decodeOptional(column: "unit_id", as: String.self)
            let name = try unit.decode(column: "written_name", as: String.self)
            let existing =
                try await db.raw(
                    """
                    SELECT count(*) AS n FROM assignment_units WHERE assignment_id = \(bind: id)
                    AND (unit_id = \(bind: unitID ?? "") OR (unit_id IS NULL AND written_name = \(bind: name)))
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
            guard existing == 0 else { continue }
            let position =
                try await db.raw(
                    "SELECT COALESCE(max(position) + 1, 0) AS p FROM assignment_units WHERE assignment_id = \(bind: id) AND role = \(bind: role)"
                ).first()?.decode(column: "p", as: Int.self) ?? 0
            try await db.raw(
                """
                INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
                VALUES (\(bind: id), \(bind: role), \(bind: position), \(bind: name), \(bind: unitID),
                \(bind: try unit.decode(column: "matched_by", as: String.self)))
                """
            ).run()
        }
        try await db.raw(
            "UPDATE search_index SET folded = \(bind: VietnameseText.fold(text)) WHERE entity = 'task' AND entity_id = \(bind: id)"
        ).run()
        try await db.raw("DELETE FROM search_index WHERE entity = 'task' AND entity_id = \(bind: next)").run()
        // A task that carried the merged one over now carries over the task it became.
        try await db.raw(
            "UPDATE assignments SET carries_over_id = \(bind: id) WHERE carries_over_id = \(bind: next)"
        )
        .run()
        try await db.raw("DELETE FROM assignments WHERE id = \(bind: next)").run()
    }
}
