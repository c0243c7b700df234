import Deadlines
import Extraction
import Foundation
import SQLKit
import Tracking

/// A unit named in a task stored in bulk: as the notice wrote it, and what the directory matched.
public struct BulkUnit: Sendable, Hashable {
    public var writtenName: String
    /// The unit's directory id ("van-phong"); nil when the name stays for review.
    public var code: String?
    /// How the name was matched (`UnitMatchKind` raw values, "all"), or why not ("ambiguous",
    /// "other_agency", "unmatched"): the values `assignment_units.matched_by` allows.
    public var matchedBy: String

    public init(writtenName: String, code: String?, matchedBy: String) {
        self.writtenName = writtenName
        self.code = code
        self.matchedBy = matchedBy
    }
}

/// Where a task stands after its follow-up: the fields the workflow would have set on the way.
public struct BulkProgress: Sendable, Hashable {
    public var state: AssignmentState
    /// One more than the changes made to the task since it was assigned.
    public var version: Int
    /// The deadlines granted, in order; the last is the deadline in force.
    public var extensions: [CalendarDate]
    public var pendingExtension: ExtensionRequest?
    public var reportedDoneOn: CalendarDate?
    /// Set for a task that is done (the day the unit reported it, as the workflow confirms it).
    public var completedOn: CalendarDate?
    /// The day of the last change.
    public var updatedOn: CalendarDate

    public init(
        state: AssignmentState, version: Int, extensions: [CalendarDate] = [],
        pendingExtension: ExtensionRequest? = nil,
        reportedDoneOn: CalendarDate? = nil, completedOn: CalendarDate? = nil, updatedOn: CalendarDate
    ) {
        self.state = state
        self.version = version
        self.extensions = extensions
        self.pendingExtension = pendingExtension
        self.reportedDoneOn = reportedDoneOn
        self.completedOn = completedOn
        self.updatedOn = updatedOn
    }
}

/// A task of a notice stored in bulk: what the notice says, how its units and deadline were
/// resolved, and where it stands.
public struct BulkTask: Sendable {
    /// The task's row id, chosen by the caller so that a later task can name it as the one it
    /// carries over.
    public var id: String
    /// The task as written (section, text, units as written, `due`, urgency words).
    public var assignment: Assignment
    public var lead: [BulkUnit]
    public var support: [BulkUnit]
    /// The deadline the notice set, resolved on the working calendar.
    public var deadline: EffectiveDeadline
    public var progress: BulkProgress
    /// The earlier task of the same organization this one continues, and the similarity that
    /// linked them.
    public var carriesOverID: String?
    public var carryOverScore: Double?

    public init(
        id: String, assignment: Assignment, lead: [BulkUnit], support: [BulkUnit],
        deadline: EffectiveDeadline,
        progress: BulkProgress, carriesOverID: String? = nil, carryOverScore: Double? = nil
    ) {
        self.id = id
        self.assignment = assignment
        self.lead = lead
        self.support = support
        self.deadline = deadline
        self.progress = progress
        self.carriesOverID = carriesOverID
        self.carryOverScore = carryOverScore
    }
}

/// A published notice stored in bulk with its tasks: the rows an import would have written,
/// without parsing the text again.
public struct BulkNotice: Sendable {
    public var sourceName: String
    /// The notice's text, kept as the source text and, as bytes, as the original file.
    public var text: String
    public var header: NoticeHeader
    public var tasks: [BulkTask]

    public init(sourceName: String, text: String, header: NoticeHeader, tasks: [BulkTask]) {
        self.sourceName = sourceName
        self.text = text
        self.header = header
        self.tasks = tasks
    }
}

/// The rows a bulk insert wrote, per table.
public struct BulkRowCounts: Sendable, Hashable, Codable {
    public var documents = 0
    public var assignments = 0
    public var assignmentUnits = 0
    public var searchIndex = 0
    public var events = 0

    public init() {}

    public var total: Int { documents + assignments + assignmentUnits + searchIndex + events }

    public static func + (a: BulkRowCounts, b: BulkRowCounts) -> BulkRowCounts {
        var sum = a
        sum.documents += b.documents
        sum.assignments += b.assignments
        sum.assignmentUnits += b.assignmentUnits
        sum.searchIndex += b.searchIndex
        sum.events += b.events
        return sum
    }
}

/// The space a table takes, its indexes and out-of-line values included where the database says.
public struct StorageFigure: Sendable, Hashable, Codable {
    public let name: String
    public let bytes: Int64
}

/// Writing generated records fast, for demonstrations and benchmarks (`dondoc demo-data`).
///
/// The import path stores one notice per transaction with one statement per row, which is right
/// for a secretariat's uploads and far too slow for a million tasks. Here the rows go in as
/// multi-row INSERTs inside one transaction per call, each statement with as many rows as the
/// dialect's limit on bound parameters allows. The rows are those the import writes (the same
/// columns, unit row ids, folded search text, a "created" event per task), so that the queries
/// read them as they read imported ones. What the bulk path does not write: the events between
/// "created" and the state a task is given (its version says how many changes there were), the
/// "carried_over" event on the task a new one continues, and an audit line per notice (one per
/// call instead).
extension Store {
    /// Bound parameters one statement may carry: PostgreSQL counts them in 16 bits (65,535);
    /// SQLite's default limit since 3.32 is 32,766 (the bundled build allows more, a system
    /// library may not).
    var bindLimit: Int { dialect == .postgres ? 65_535 : 32_766 }

    /// The notices in the record, every organization's.
    public func documentCount() async throws(StoreError) -> Int {
        try await read { db in
            try await db.raw("SELECT count(*) AS n FROM documents").first()?.decode(column: "n", as: Int.self)
                ?? 0
        }
    }

    /// The tasks in the record, every organization's.
    public func taskCount() async throws(StoreError) -> Int {
        try await read { db in
            try await db.raw("SELECT count(*) AS n FROM assignments").first()?.decode(
                column: "n", as: Int.self) ?? 0
        }
    }

    /// Stores `notices` as published notices of `organization`, with their tasks, task units,
    /// search index rows and one "created" event per task, in one transaction: all of them or
    /// none. A notice whose SHA-256 the organization already has makes the whole call fail (the
    /// unique constraint), as the caller generates new ones.
    public func insertBulk(
        _ notices: [BulkNotice], into organization: Organization, actor: String
    ) async throws(StoreError) -> BulkRowCounts {
        let rows = try Self.bulkRows(notices, organization: organization, actor: actor)
        let limit = bindLimit
        return try await transaction { db in
            // Parents first: the foreign keys are checked at the end of each statement.
            try await Self.insertRows(
                db, into: "documents", Self.documentColumns, rows.documents, bindLimit: limit, maxRows: 50)
            try await Self.insertRows(
                db, into: "assignments", Self.assignmentColumns, rows.assignments, bindLimit: limit)
            try await Self.insertRows(
                db, into: "assignment_units", Self.unitColumns, rows.units, bindLimit: limit)
            try await Self.insertRows(
                db, into: "assignment_events", Self.eventColumns, rows.events, bindLimit: limit)
            // Notices' search rows hold their whole text: fewer to a statement.
            try await Self.insertRows(
                db, into: "search_index", Self.searchColumns, rows.documentSearch, bindLimit: limit,
                maxRows: 50)
            try await Self.insertRows(
                db, into: "search_index", Self.searchColumns, rows.taskSearch, bindLimit: limit)
            try await Self.audit(
                db, organizationID: organization.id, actor: actor, action: "demo.bulk_insert",
                entity: "organization",
                entityID: organization.id,
                detail: ["documents": String(rows.documents.count), "tasks": String(rows.assignments.count)])
            var counts = BulkRowCounts()
            counts.documents = rows.documents.count
            counts.assignments = rows.assignments.count
            counts.assignmentUnits = rows.units.count
            counts.searchIndex = rows.documentSearch.count + rows.taskSearch.count
            counts.events = rows.events.count
            return counts
        }
    }

    /// Gives stored tasks the state of `progress` (what years of follow-up would have left), in
    /// one transaction; the deadline in force becomes the last extension when there is one.
    /// Used to age tasks that were imported through the real path, which leaves them assigned.
    public func setProgress(_ updates: [(taskID: String, progress: BulkProgress)]) async throws(StoreError) {
        try await transaction { db in
            for (id, p) in updates {
                let extensions = String(decoding: try JSONEncoder.sorted.encode(p.extensions), as: UTF8.self)
                try await db.raw(
                    """
                    UPDATE assignments SET state = \(bind: p.state.rawValue), version = \(bind: p.version),
                    extensions = \(bind: extensions), deadline = COALESCE(\(bind: p.extensions.last?.iso), deadline),
                    extension_requested_to = \(bind: p.pendingExtension?.to.iso), extension_reason = \(bind: p.pendingExtension?.reason),
                    extension_requested_on = \(bind: p.pendingExtension?.requestedOn.iso),
                    extension_unit_id = \(bind: p.pendingExtension?.unitID),
                    reported_done_on = \(bind: p.reportedDoneOn?.iso), completed_on = \(bind: p.completedOn?.iso),
                    updated_at = \(bind: Self.timestamp(p.updatedOn))
                    WHERE id = \(bind: id)
                    """
                ).run()
            }
        }
    }

    /// Leaves a database that has just grown by bulk inserts as its own upkeep would, before its
    /// queries are timed: the planner's statistics refreshed, and the pages written where readers
    /// find them. On SQLite, `ANALYZE`, then a checkpoint that moves the write-ahead log into the
    /// file and syncs it: the hundreds of MiB just written otherwise go on being flushed to disk
    /// under the timed queries (a unit's overdue list measured p99 13 ms right after the fill,
    /// 7 ms once the writes had landed). On PostgreSQL, `VACUUM (ANALYZE)`, as autovacuum does after
    /// a bulk load: it also marks the pages all-visible, which index-only scans need.
    public func analyze() async throws(StoreError) {
        try await write { [dialect] db in
            switch dialect {
            case .sqlite:
                try await db.raw("ANALYZE").run()
                _ = try await db.raw("PRAGMA wal_checkpoint(TRUNCATE)").all()
            case .postgres:
                try await db.raw("VACUUM (ANALYZE)").run()
            }
        }
    }

    /// The space the record takes: on SQLite the database file (its pages) and the write-ahead
    /// log; on PostgreSQL `pg_total_relation_size` of each table of the schema in use (indexes
    /// and TOAST included), largest first.
    public func storageFigures() async throws(StoreError) -> [StorageFigure] {
        let location = self.location
        switch dialect {
        case .sqlite:
            return try await read { db in
                let pages =
                    try await db.raw("PRAGMA page_count").first()?.decode(
                        column: "page_count", as: Int64.self) ?? 0
                let size =
                    try await db.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int64.self)
                    ?? 0
                var figures = [StorageFigure(name: "database file", bytes: pages * size)]
                if case .sqlite(let path) = location,
                    let wal = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size]
                        as? NSNumber
                {
                    figures.append(StorageFigure(name: "write-ahead log", bytes: wal.int64Value))
                }
                return figures
            }
        case .postgres:
            return try await read { db in
                try await db.raw(
                    """
                    SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY bytes DESC, name
                    """
                ).all().map { row in
                    StorageFigure(
                        name: try row.decode(column: "name", as: String.self),
                        bytes: try row.decode(column: "bytes", as: Int64.self))
                }
            }
        }
    }

    // MARK: - Rows

    static let documentColumns = [
        "id", "organization_id", "sha256", "source_name", "kind", "number", "symbol", "place", "issued",
        "title", "meeting_date",
        "meeting_chair", "period_start", "period_end", "report_due", "signer_name", "signer_position",
        "signer_authority",
        "recipients", "cited", "extraction", "source_text", "original", "original_name", "status",
        "imported_at",
        "published_at", "version",
    ]
    static let assignmentColumns = [
        "id", "organization_id", "document_id", "position", "section", "text", "due", "due_text", "due_date",
        "due_nominal",
        "due_source", "due_rule", "deadline", "extensions", "extension_requested_to", "extension_reason",
        "extension_requested_on", "extension_unit_id", "state", "urgent", "urgency", "assigned_on",
        "reported_done_on",
        "completed_on", "carries_over_id", "carry_over_score", "version", "created_at", "updated_at",
    ]
    static let unitColumns = ["assignment_id", "role", "position", "written_name", "unit_id", "matched_by"]
    static let eventColumns = [
        "id", "assignment_id", "version", "kind", "actor", "author_role", "unit_id", "at", "on_date",
        "from_state", "to_state",
        "old_date", "new_date", "body", "detail",
    ]
    static let searchColumns = ["organization_id", "entity", "entity_id", "folded"]

    typealias Row = [any Encodable & Sendable]

    struct BulkRows {
        var documents: [Row] = []
        var assignments: [Row] = []
        var units: [Row] = []
        var events: [Row] = []
        var documentSearch: [Row] = []
        var taskSearch: [Row] = []
    }

    /// The rows of `notices`, column for column as `importNotice` writes them.
    static func bulkRows(_ notices: [BulkNotice], organization: Organization, actor: String)
        throws(StoreError) -> BulkRows
    {
        var rows = BulkRows()
        let encoder = JSONEncoder.sorted
        func json(_ value: some Encodable) throws(StoreError) -> String {
            do {
                return String(decoding: try encoder.encode(value), as: UTF8.self)
            } catch {
                throw .invalid("a generated value does not encode as JSON: \(error)")
            }
        }
        for notice in notices {
            let d = notice.header
            let documentID = UUID().uuidString.lowercased()
            let issued = d.issuedDate
            let importedAt = issued.map { timestamp($0) } ?? StoreClock.timestamp(Date())
            let original = Data(notice.text.utf8)
            let input = NoticeInput(sourceName: notice.sourceName, text: notice.text, original: original)
            let extraction = NoticeExtraction(
                source: notice.sourceName, document: d, tasks: notice.tasks.map(\.assignment))
            let documentRow: Row = [
                documentID, organization.id, input.sha256, notice.sourceName, d.kind, d.number, d.symbol,
                d.place,
                issued?.iso, d.title, d.meeting?.date?.iso, d.meeting?.chair, d.period?.start.iso,
                d.period?.end.iso,
                d.reportDue?.iso, d.signer.name, d.signer.position, d.signer.authority,
                try json(d.recipients),
                try json(d.references), try json(extraction), notice.text, original, notice.sourceName,
                "published",
                importedAt, importedAt, 1,
            ]
            rows.documents.append(documentRow)
            let documentText = [d.symbol, d.title, notice.text].compactMap { $0 }.joined(separator: "\n")
            rows.documentSearch.append([
                organization.id, "document", documentID, VietnameseText.fold(documentText),
            ])
            let body = "Giao nhiệm vụ theo \(d.symbol.map { "văn bản số \($0)" } ?? notice.sourceName)"
            for (position, task) in notice.tasks.enumerated() {
                let a = task.assignment
                let p = task.progress
                guard p.completedOn == nil || p.state == .done || p.state == .stopped else {
                    throw .invalid("task \(task.id) has a completion day but is \(p.state.rawValue)")
                }
                let createdAt = issued.map { timestamp($0) } ?? importedAt
                let due: String? = if let d = a.due { try json(d) } else { nil }
                let assignmentRow: Row = [
                    task.id, organization.id, documentID, position, a.section, a.text, due,
                    a.due?.text, task.deadline.date?.iso, task.deadline.nominal?.iso,
                    task.deadline.source.rawValue,
                    task.deadline.rule, (p.extensions.last ?? task.deadline.date)?.iso,
                    try json(p.extensions),
                    p.pendingExtension?.to.iso, p.pendingExtension?.reason,
                    p.pendingExtension?.requestedOn.iso,
                    p.pendingExtension?.unitID, p.state.rawValue, !a.urgency.isEmpty,
                    a.urgency.joined(separator: ", "),
                    issued?.iso, p.reportedDoneOn?.iso, p.completedOn?.iso, task.carriesOverID,
                    task.carryOverScore, p.version,
                    createdAt, timestamp(p.updatedOn),
                ]
                rows.assignments.append(assignmentRow)
                // As an import does (`plan`): a task's lead does not coordinate with itself, and a
                // unit is named once per role.
                let leads = Set(task.lead.compactMap(\.code))
                var seen: [String: Set<String>] = [:]
                for (role, units) in [("lead", task.lead), ("support", task.support)] {
                    let kept = units.filter { unit in
                        guard let code = unit.code else { return true }
                        return (role == "lead" || !leads.contains(code))
                            && seen[role, default: []].insert(code).inserted
                    }
                    for (unitPosition, unit) in kept.enumerated() {
                        let rowID = unit.code.map { unitRowID(organizationID: organization.id, code: $0) }
                        rows.units.append([
                            task.id, role, unitPosition, unit.writtenName, rowID, unit.matchedBy,
                        ])
                    }
                }
                let eventRow: Row = [
                    UUID().uuidString.lowercased(), task.id, 1, "created", actor, String?.none, String?.none,
                    createdAt,
                    (issued ?? StoreClock.today()).iso, String?.none, AssignmentState.assigned.rawValue,
                    String?.none,
                    task.deadline.date?.iso, body, "{}",
                ]
                rows.events.append(eventRow)
                rows.taskSearch.append([organization.id, "task", task.id, VietnameseText.fold(a.text)])
            }
        }
        return rows
    }

    /// 09:00 in Việt Nam on `day`, as the record writes instants: the hour a secretariat works.
    static func timestamp(_ day: CalendarDate) -> String { "\(day.iso)T02:00:00.000Z" }

    /// Inserts `rows` into `table`, as many to a statement as `bindLimit` (and `maxRows`) allow.
    static func insertRows(
        _ db: any SQLDatabase, into table: String, _ columns: [String], _ rows: [Row], bindLimit: Int,
        maxRows: Int = .max
    ) async throws {
        let perStatement = max(1, min(maxRows, bindLimit / columns.count))
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + perStatement)
            var sql = SQLQueryString(head)
            for i in start..<end {
                precondition(
                    rows[i].count == columns.count,
                    "a row of \(table) has \(rows[i].count) values for \(columns.count) columns")
                sql.appendLiteral(i == start ? "(" : ", (")
                sql.appendInterpolation(binds: rows[i])
                sql.appendLiteral(")")
            }
            try await db.raw(sql).run()
            start = end
        }
    }
}
