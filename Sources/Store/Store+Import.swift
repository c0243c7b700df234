import Crypto
import Deadlines
import Extraction
import Foundation
import SQLKit
import Tracking

/// A notice to import: its text as read, and the file it came from.
public struct NoticeInput: Sendable {
    /// The file's name ("TB-709-SKHCN.txt"), kept as the notice's source.
    public let sourceName: String
    public let text: String
    /// The file's bytes, kept beside the record; its SHA-256 recognises a second import.
    public let original: Data

    public init(sourceName: String, text: String, original: Data? = nil) {
        self.sourceName = sourceName
        self.text = text
        self.original = original ?? Data(text.utf8)
    }

    /// The SHA-256 of the original file, in hex.
    public var sha256: String { SHA256.hex(original) }
}

extension SHA256 {
    /// The digest of `data` in lower-case hex, as the record stores it.
    static func hex(_ data: Data) -> String {
        hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

/// What an import did.
public enum ImportOutcome: Sendable, Hashable {
    case imported(ImportedNotice)
    /// The same file (same SHA-256) is already in the organization's record: nothing changed.
    case alreadyImported(documentID: String, sourceName: String, status: String)
}

/// A notice the import stored.
public struct ImportedNotice: Sendable, Hashable, Codable {
    public let documentID: String
    public let symbol: String?
    public let tasks: Int
    public let published: Bool
    /// Unit names written in its tasks that match no unit, or several: they await review.
    public let pendingNames: [String]
    /// Tasks that continue an open task of an earlier notice.
    public let carriedOver: Int
    /// Tasks without a dated deadline (standing duties, spans after an event not yet dated, none).
    public let undated: Int
}

extension Store {
    /// How many of the organization's latest earlier notices are searched for the task a new one
    /// carries over. Briefings are monthly and an open task is repeated at the next ones; once
    /// linked, a chain reaches back through every month, so the window bounds the work of an
    /// import (a few hundred comparisons) without losing links the genre makes.
    public static let carryOverWindow = 6

    /// Parses `input`, resolves its units on the organization's directory and its deadlines on
    /// the working calendar, links the tasks it carries over, and stores it, all in one
    /// transaction. A file already imported changes nothing; a notice with no tasks is refused.
    public func importNotice(
        _ input: NoticeInput, into organization: Organization, publish: Bool, calendar: WorkingDays,
        actor: String,
        today: CalendarDate = StoreClock.today()
    ) async throws(StoreError) -> ImportOutcome {
        let sha = input.sha256
        if let found = try await read({ db in
            try await Self.document(db, organizationID: organization.id, sha256: sha)
        }) {
            return found
        }
        let extraction = NoticeParser.extract(text: input.text, source: input.sourceName)
        guard !extraction.tasks.isEmpty else { throw .emptyNotice(input.sourceName) }
        // A notice or plan names its kind in its heading, or at least gives a task to a unit or a
        // deadline: a text with none of these (a letter, a page of prose) is not one, whatever
        // lines the parser took for items.
        let namesSomething = extraction.tasks.contains {
            !$0.lead.isEmpty || !$0.support.isEmpty || $0.due != nil
        }
        guard extraction.document.kind != "khac" || namesSomething else {
            throw .notANotice(input.sourceName)
        }
        let now = StoreClock.timestamp(Date())
        return try await transaction { db in
            // Checked again inside the transaction: another process may have imported it meanwhile.
            if let found = try await Self.document(db, organizationID: organization.id, sha256: sha) {
                return found
            }
            let directory = try await Self.directory(db, organization: organization)
            let plan = Self.plan(
                extraction, directory: directory, organization: organization, calendar: calendar)
            // Read before this notice is stored, so that it takes no place in the window.
            let predecessors = CarryOver.Pool(
                try await Self.openTasksBefore(
                    db, organization: organization, issued: extraction.document.issuedDate))
            let documentID = UUID().uuidString.lowercased()
            try await Self.insertDocument(
                db, id: documentID, extraction: extraction, input: input, sha256: sha,
                organization: organization,
                publish: publish, now: now)
            var carried = 0
            for task in plan {
                let id = UUID().uuidString.lowercased()
                let leads = task.lead.compactMap { $0.unitID.map(Self.unitCode(rowID:)) ?? $0.writtenName }
                let link = predecessors.predecessor(of: (task.assignment.text, leads))
                try await Self.insertTask(
                    db, id: id, task: task, documentID: documentID, organization: organization,
                    assignedOn: extraction.document.issuedDate, carriesOver: link, now: now)
                try await Self.appendEvent(
                    db, assignmentID: id, version: 1, kind: "created", actor: actor, role: nil, unitID: nil,
                    at: now, on: today,
                    from: nil, to: .assigned, newDate: task.deadline.date,
                    body:
                        "Giao nhiệm vụ theo \(extraction.document.symbol.map { "văn bản số \($0)" } ?? input.sourceName)"
                )
                if let link {
                    carried += 1
                    let version =
                        try await db.raw("SELECT version FROM assignments WHERE id = \(bind: link.id)")
                        .first()?
                        .decode(column: "version", as: Int.self) ?? 1
                    try await Self.appendEvent(
                        db, assignmentID: link.id, version: version, kind: "carried_over", actor: actor,
                        role: nil, unitID: nil,
                        at: now, on: today, from: nil, to: nil, newDate: nil,
                        body:
                            "Tiếp tục tại \(extraction.document.symbol.map { "văn bản số \($0)" } ?? input.sourceName), mục \(task.assignment.section.isEmpty ? String(task.position + 1) : task.assignment.section)",
                        detail: ["successor": id, "score": String(format: "%.2f", link.score)])
                }
                try await Self.index(
                    db, organizationID: organization.id, entity: "task", id: id, text: task.assignment.text)
            }
            let documentText = [extraction.document.symbol, extraction.document.title, input.text].compactMap
            { $0 }.joined(separator: "\n")
            try await Self.index(
                db, organizationID: organization.id, entity: "document", id: documentID, text: documentText)
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "document.import",
                entity: "document", entityID: documentID,
                detail: [
                    "source": input.sourceName, "sha256": sha, "tasks": String(plan.count),
                    "status": publish ? "published" : "draft",
                ])
            let pending = plan.flatMap { $0.lead + $0.support }.filter {
                $0.unitID == nil && $0.matchedBy != "other_agency"
            }
            var seen = Set<String>()
            return .imported(
                ImportedNotice(
                    documentID: documentID, symbol: extraction.document.symbol, tasks: plan.count,
                    published: publish,
                    pendingNames: pending.map(\.writtenName).filter { seen.insert($0).inserted },
                    carriedOver: carried, undated: plan.filter { $0.deadline.date == nil }.count))
        }
    }

    /// A task of the notice ready to store: its units matched and its deadline resolved.
    struct PlannedTask: Sendable {
        let position: Int
        let assignment: Assignment
        /// `unitID` holds the unit's row id here.
        let lead: [TaskUnit]
        let support: [TaskUnit]
        let deadline: EffectiveDeadline
    }

    static func plan(
        _ extraction: NoticeExtraction, directory: UnitDirectory, organization: Organization,
        calendar: WorkingDays
    ) -> [PlannedTask] {
        let matcher = UnitMatcher(directory)
        let resolver = DeadlineResolver(calendar: calendar, rollOver: organization.rollOver)
        let document = extraction.document
        let period = document.period.flatMap { $0.start <= $0.end ? $0.start...$0.end : nil }
        /// The units `names` stand for, each once, leaving out `excluded` (directory ids).
        func units(_ names: [String], excluding excluded: Set<String> = []) -> [TaskUnit] {
            var out: [TaskUnit] = []
            var taken = excluded
            for name in names {
                let match = matcher.match(name)
                let how: String
                switch match {
                case .all: how = "all"
                case .units(_, let kind): how = kind.rawValue
                case .ambiguous: how = "ambiguous"
                case .otherAgency: how = "other_agency"
                case .unmatched: how = "unmatched"
                }
                let ids = match.unitIDs
                if ids.isEmpty {
                    out.append(TaskUnit(writtenName: name, unitID: nil, unitName: nil, matchedBy: how))
                }
                for id in ids where taken.insert(id).inserted {
                    out.append(
                        TaskUnit(
                            writtenName: name, unitID: unitRowID(organizationID: organization.id, code: id),
                            unitName: directory.unit(id: id)?.name, matchedBy: how))
                }
            }
            return out
        }
        return extraction.tasks.enumerated().map { position, task in
            let lead = units(task.lead)
            // "phối hợp với các phòng, đơn vị" ("*") means the other units: the lead unit does not
            // coordinate with itself.
            let leading = Set(lead.compactMap { $0.unitID.map(unitCode(rowID:)) })
            return PlannedTask(
                position: position, assignment: task, lead: lead,
                support: units(task.support, excluding: leading),
                deadline: resolver.resolve(
                    task.due, issued: document.issuedDate, reportDue: document.reportDue, period: period))
        }
    }

    static func document(_ db: any SQLDatabase, organizationID: String, sha256: String) async throws
        -> ImportOutcome?
    {
        guard
            let row = try await db.raw(
                "SELECT id, source_name, status FROM documents WHERE organization_id = \(bind: organizationID) AND sha256 = \(bind: sha256)"
            ).first()
        else { return nil }
        return .alreadyImported(
            documentID: try row.decode(column: "id", as: String.self),
            sourceName: try row.decode(column: "source_name", as: String.self),
            status: try row.decode(column: "status", as: String.self))
    }

    private static func insertDocument(
        _ db: any SQLDatabase, id: String, extraction: NoticeExtraction, input: NoticeInput, sha256: String,
        organization: Organization, publish: Bool, now: String
    ) async throws {
        let d = extraction.document
        let json = String(decoding: try JSONEncoder.sorted.encode(extraction), as: UTF8.self)
        let recipients = String(decoding: try JSONEncoder.sorted.encode(d.recipients), as: UTF8.self)
        let cited = String(decoding: try JSONEncoder.sorted.encode(d.references), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO documents (id, organization_id, sha256, source_name, kind, number, symbol, place, issued, title,
            meeting_date, meeting_chair, period_start, period_end, report_due, signer_name, signer_position, signer_authority,
            recipients, cited, extraction, source_text, original, original_name, status, imported_at, published_at, version)
            VALUES (\(bind: id), \(bind: organization.id), \(bind: sha256), \(bind: input.sourceName), \(bind: d.kind),
            \(bind: d.number), \(bind: d.symbol), \(bind: d.place), \(bind: d.issuedDate?.iso), \(bind: d.title),
            \(bind: d.meeting?.date?.iso), \(bind: d.meeting?.chair), \(bind: d.period?.start.iso), \(bind: d.period?.end.iso),
            \(bind: d.reportDue?.iso), \(bind: d.signer.name), \(bind: d.signer.position), \(bind: d.signer.authority),
            \(bind: recipients), \(bind: cited), \(bind: json), \(bind: input.text), \(bind: input.original),
            \(bind: input.sourceName), \(bind: publish ? "published" : "draft"), \(bind: now), \(bind: publish ? now : nil), 1)
            """
        ).run()
    }

    private static func insertTask(
        _ db: any SQLDatabase, id: String, task: PlannedTask, documentID: String, organization: Organization,
        assignedOn: CalendarDate?, carriesOver: CarryOver.Match?, now: String
    ) async throws {
        let a = task.assignment
        let due = try a.due.map { String(decoding: try JSONEncoder.sorted.encode($0), as: UTF8.self) }
        try await db.raw(
            """
            INSERT INTO assignments (id, organization_id, document_id, position, section, text, due, due_text, due_date,
            due_nominal, due_source, due_rule, deadline, state, urgent, urgency, assigned_on, carries_over_id, carry_over_score,
            version, created_at, updated_at)
            VALUES (\(bind: id), \(bind: organization.id), \(bind: documentID), \(bind: task.position), \(bind: a.section),
            \(bind: a.text), \(bind: due), \(bind: a.due?.text), \(bind: task.deadline.date?.iso), \(bind: task.deadline.nominal?.iso),
            \(bind: task.deadline.source.rawValue), \(bind: task.deadline.rule), \(bind: task.deadline.date?.iso), 'assigned',
            \(bind: !a.urgency.isEmpty), \(bind: a.urgency.joined(separator: ", ")), \(bind: assignedOn?.iso),
            \(bind: carriesOver?.id), \(bind: carriesOver?.score), 1, \(bind: now), \(bind: now))
            """
        ).run()
        // One statement for all of the task's units: PostgreSQL's trigger then rewrites the task's
        // `units_listed` once (migration 0009), not once per unit.
        var values: [SQLQueryString] = []
        for (role, units) in [("lead", task.lead), ("support", task.support)] {
            for (position, unit) in units.enumerated() {
                values.append(
                    """
                    (\(bind: id), \(bind: role), \(bind: position), \(bind: unit.writtenName), \(bind: unit.unitID),
                    \(bind: unit.matchedBy))
                    """)
            }
        }
        guard !values.isEmpty else { return }
        try await db.raw(
            """
            INSERT INTO assignment_units (assignment_id, role, position, written_name, unit_id, matched_by)
            VALUES \(values.joined(separator: ", "))
            """
        ).run()
    }

    /// The open tasks of the organization's latest published notices issued before `issued`
    /// (imported before it when either date is unknown), with their lead units, for carry-over.
    /// A draft's tasks are not followed up yet and its review may still delete or merge them.
    static func openTasksBefore(
        _ db: any SQLDatabase, organization: Organization, issued: CalendarDate?
    ) async throws -> [(id: String, text: String, leads: [String])] {
        let earlier: SQLQueryString = issued.map { "AND (issued IS NULL OR issued < \(bind: $0.iso))" } ?? ""
        let rows = try await db.raw(
            """
            SELECT a.id, a.text, au.unit_id, au.written_name FROM assignments a
            LEFT JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead'
            WHERE a.document_id IN (
                SELECT id FROM documents WHERE organization_id = \(bind: organization.id) AND status = 'published' \(earlier)
                ORDER BY CASE WHEN issued IS NULL THEN 1 ELSE 0 END, issued DESC, imported_at DESC LIMIT \(unsafeRaw: String(carryOverWindow)))
            AND a.state NOT IN ('done', 'stopped')
            ORDER BY COALESCE(a.assigned_on, '') DESC, a.document_id, a.position
            """
        ).all()
        var order: [String] = []
        var byID: [String: (text: String, leads: [String])] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            if byID[id] == nil {
                order.append(id)
                byID[id] = (try row.decode(column: "text", as: String.self), [])
            }
            if let unit = try row.decodeOptional(column: "unit_id", as: String.self) {
                byID[id]?.leads.append(unitCode(rowID: unit))
            } else if let written = try row.decodeOptional(column: "written_name", as: String.self) {
                byID[id]?.leads.append(written)
            }
        }
        return order.map { ($0, byID[$0]!.text, byID[$0]!.leads) }
    }

    /// Adds the folded text of a new task or notice to the search index. (Only new entities are
    /// indexed: the FTS5 table finds rows by its words, and deleting by an unindexed id would
    /// read the whole table; an edit of a task's text will replace its row by FTS5's rowid.)
    static func index(_ db: any SQLDatabase, organizationID: String, entity: String, id: String, text: String)
        async throws
    {
        try await db.raw(
            """
            INSERT INTO search_index (organization_id, entity, entity_id, folded)
            VALUES (\(bind: organizationID), \(bind: entity), \(bind: id), \(bind: VietnameseText.fold(text)))
            """
        ).run()
    }

    /// Appends a line to a task's history.
    @discardableResult
    static func appendEvent(
        _ db: any SQLDatabase, assignmentID: String, version: Int, kind: String, actor: String, role: Role?,
        unitID: String?,
        at: String, on: CalendarDate, from: AssignmentState?, to: AssignmentState?,
        oldDate: CalendarDate? = nil,
        newDate: CalendarDate?, body: String, detail: [String: String] = [:], detailJSON: String? = nil
    ) async throws -> String {
        let json = try detailJSON ?? String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
        let id = UUID().uuidString.lowercased()
        try await db.raw(
            """
            INSERT INTO assignment_events (id, assignment_id, version, kind, actor, author_role, unit_id, at, on_date,
            from_state, to_state, old_date, new_date, body, detail)
            VALUES (\(bind: id), \(bind: assignmentID), \(bind: version), \(bind: kind), \(bind: actor),
            \(bind: role?.rawValue), \(bind: unitID), \(bind: at), \(bind: on.iso), \(bind: from?.rawValue), \(bind: to?.rawValue),
            \(bind: oldDate?.iso), \(bind: newDate?.iso), \(bind: body), \(bind: json))
            """
        ).run()
        return id
    }
}
