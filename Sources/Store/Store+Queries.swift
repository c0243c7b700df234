import Deadlines
import Extraction
import Foundation
import SQLKit
import Tracking

/// Reading the record: notices, tasks by unit, state, period, notice, overdue day and words, a
/// task's history, and the national 4-way counts of a period.
extension Store {
    /// The organization's notices, the latest issued first: those whose text holds `text`, in
    /// `status` ("draft", "published"), or the one with `id`, when given.
    public func documents(
        in organization: Organization, text: String? = nil, status: String? = nil, id: String? = nil
    ) async throws(StoreError) -> [DocumentSummary] {
        let words = try text.map(Self.searchWords)
        let dialect = self.dialect
        return try await read { db in
            var matching: SQLQueryString =
                if let words {
                    "AND d.id IN (\(Self.searchSubquery(words, entity: "document", dialect: dialect)))"
                } else { "" }
            if let status { matching = "\(matching) AND d.status = \(bind: status)" }
            if let id { matching = "\(matching) AND d.id = \(bind: id)" }
            return try await db.raw(
                """
                SELECT d.id, d.source_name, d.kind, d.number, d.symbol, d.issued, d.title, d.status, d.imported_at, d.version,
                (SELECT count(*) FROM assignments a WHERE a.document_id = d.id) AS tasks,
                (SELECT count(*) FROM assignment_units au JOIN assignments a ON a.id = au.assignment_id
                 WHERE a.document_id = d.id AND au.matched_by IN ('ambiguous', 'unmatched')) AS pending
                FROM documents d WHERE d.organization_id = \(bind: organization.id) \(matching)
                ORDER BY CASE WHEN d.issued IS NULL THEN 1 ELSE 0 END, d.issued DESC, d.imported_at DESC
                """
            ).all().map { row in
                DocumentSummary(
                    id: try row.decode(column: "id", as: String.self),
                    sourceName: try row.decode(column: "source_name", as: String.self),
                    kind: try row.decodeOptional(column: "kind", as: String.self),
                    number: try row.decodeOptional(column: "number", as: String.self),
                    symbol: try row.decodeOptional(column: "symbol", as: String.self),
                    issued: try Store.date(row, "issued"),
                    title: try row.decodeOptional(column: "title", as: String.self),
                    status: try row.decode(column: "status", as: String.self),
                    tasks: try row.decode(column: "tasks", as: Int.self),
                    unmatchedNames: try row.decode(column: "pending", as: Int.self),
                    importedAt: try row.decode(column: "imported_at", as: String.self),
                    version: try row.decode(column: "version", as: Int.self))
            }
        }
    }

    /// One task, or nil.
    public func task(id: String) async throws(StoreError) -> TaskRecord? {
        try await read { db in
            try await self.tasks(db, where: "a.id = \(bind: id)", order: "a.id", limit: 1).first
        }
    }

    /// The organization's tasks that `query` selects, the earliest deadline first (tasks
    /// without one last).
    public func tasks(in organization: Organization, _ query: TaskQuery = TaskQuery())
        async throws(StoreError) -> [TaskRecord]
    {
        var conditions: [SQLQueryString] = ["a.organization_id = \(bind: organization.id)"]
        if !query.includeDrafts { conditions.append("d.status = 'published'") }
        if !query.states.isEmpty {
            conditions.append("a.state IN (\(binds: query.states.map(\.rawValue).sorted()))")
        }
        if let document = query.documentID { conditions.append("a.document_id = \(bind: document)") }
        if let period = query.assignedIn {
            conditions.append(
                "a.assigned_on BETWEEN \(bind: period.lowerBound.iso) AND \(bind: period.upperBound.iso)")
        }
        if let day = query.overdueOn {
            conditions.append(
                "a.state IN ('assigned', 'in_progress', 'reported_done') AND a.deadline < \(bind: day.iso)")
        }
        if let day = query.dueFrom { conditions.append("a.deadline >= \(bind: day.iso)") }
        if query.pendingExtension { conditions.append("a.extension_requested_to IS NOT NULL") }
        var from = Self.taskSource
        var order: SQLQueryString =
            "CASE WHEN a.deadline IS NULL THEN 1 ELSE 0 END, a.deadline, COALESCE(a.assigned_on, ''), d.id, a.position"
        if let unit = query.unitID {
            let rowID = Self.unitRowID(organizationID: organization.id, code: unit)
            let roles: [String] = query.leadOnly ? ["lead"] : ["lead", "support"]
            // A unit's tasks are read from its rows of `assignment_units` in deadline order
            // (migration 0010), so a page stops reading after its tasks, however long the unit's
            // past: open tasks (the lists' default) and overdue ones by `open_deadline`, set
            // exactly while a task is open, the others by `sort_deadline`. Both are the task's
            // deadline with the tasks without one last, the order of the lists without a unit.
            let open =
                query.overdueOn != nil || (!query.states.isEmpty && query.states.allSatisfy { !$0.isClosed })
            let key: SQLQueryString = open ? "au.open_deadline" : "au.sort_deadline"
            var range: SQLQueryString = open ? " AND au.open_deadline IS NOT NULL" : ""
            if let day = query.overdueOn { range = "\(range) AND au.open_deadline < \(bind: day.iso)" }
            from =
                "assignment_units au JOIN assignments a ON a.id = au.assignment_id JOIN documents d ON d.id = a.document_id"
            order = "\(key), COALESCE(a.assigned_on, ''), d.id, a.position"
            // One row per task: a unit is named once on a task (migration 0010).
            conditions.insert("au.unit_id = \(bind: rowID) AND au.role IN (\(binds: roles))\(range)", at: 0)
        }
        if let text = query.text {
            let words = try Self.searchWords(text)
            conditions.append("a.id IN (\(Self.searchSubquery(words, entity: "task", dialect: dialect)))")
        }
        let condition = conditions.joined(separator: " AND ")
        let (source, sort) = (from, order)
        let limit = max(0, query.limit)
        let offset = max(0, query.offset)
        return try await read { db in
            try await self.tasks(
                db, from: source, where: condition, order: sort, limit: limit, offset: offset)
        }
    }

    /// The columns of a listed task, in the order `taskRecord` reads them.
    private static let taskColumns = [
        "a.id", "a.document_id", "d.symbol", "a.position", "a.section", "a.text", "a.due_text", "a.due_date",
        "a.due_source", "a.due_rule", "a.deadline", "a.extensions", "a.extension_requested_to", "a.state",
        "a.urgent", "a.assigned_on", "a.reported_done_on", "a.completed_on", "a.carries_over_id", "a.version",
        "a.units_listed",
    ]

    /// Where a listed task `a` and its notice `d` come from.
    private static let taskSource: SQLQueryString = "assignments a JOIN documents d ON d.id = a.document_id"

    /// The result's column names (SQLite reads its rows by name).
    private static let taskColumnNames = taskColumns.map(resultName)
    private static func resultName(_ column: String) -> String { String(column.split(separator: ".").last!) }

    /// The tasks that `condition` keeps, with their units, in `order`: one statement, the units
    /// coming with each task (`units_listed`, migration 0009). `from` names the task `a` and its
    /// notice `d`.
    func tasks(
        _ db: any SQLDatabase,
        from: SQLQueryString = taskSource,
        where condition: SQLQueryString, order: SQLQueryString, limit: Int, offset: Int = 0
    ) async throws -> [TaskRecord] {
        let rows = try await self.rows(
            db,
            """
            SELECT \(unsafeRaw: Self.taskColumns.joined(separator: ", "))
            FROM \(from)
            WHERE \(condition) ORDER BY \(order) LIMIT \(unsafeRaw: String(limit)) OFFSET \(unsafeRaw: String(offset))
            """, columns: Self.taskColumnNames)
        return try rows.map { row in
            let id = try row.string(0)
            let units = try Self.listedUnits(try row.string(20))
            let date = { (column: Int) throws -> CalendarDate? in
                try row.optionalString(column).flatMap(CalendarDate.init(iso:))
            }
            return TaskRecord(
                id: id, documentID: try row.string(1), documentSymbol: try row.optionalString(2),
                position: try row.int(3), section: try row.string(4), text: try row.string(5),
                lead: units.lead, support: units.support,
                dueText: try row.optionalString(6), dueDate: try date(7), dueSource: try row.string(8),
                dueRule: try row.string(9), deadline: try date(10),
                extensions: try Self.extensions(try row.string(11)),
                pendingExtension: try date(12),
                state: AssignmentState(rawValue: try row.string(13)) ?? .assigned,
                urgent: try row.bool(14), assignedOn: try date(15), reportedDoneOn: try date(16),
                completedOn: try date(17), carriesOverID: try row.optionalString(18), version: try row.int(19)
            )
        }
    }

    /// A task's units from `assignments.units_listed` (migration 0009): records split by U+001E,
    /// fields by U+001F (role, position, written name, unit row id, how matched, directory name),
    /// the leads and the supporting units each in their written order.
    ///
    /// Read by UTF-8 byte: splitting a `String` walks grapheme clusters, and the generic split of
    /// its UTF-8 view was a quarter of the client's time for a list when tried.
    static func listedUnits(_ text: String) throws(StoreError) -> (lead: [TaskUnit], support: [TaskUnit]) {
        if text.isEmpty { return ([], []) }
        var lead: [(Int, TaskUnit)] = []
        var support: [(Int, TaskUnit)] = []
        var malformed = false
        var text = text
        text.withUTF8 { bytes in
            // Each field of the current record as a range of byte offsets; strings are made only
            // for the fields a `TaskUnit` keeps (a list of 50 tasks has about 300 units).
            var fields: [Range<Int>] = []
            fields.reserveCapacity(6)
            var fieldStart = 0
            func string(_ range: Range<Int>) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            for index in 0...bytes.count {
                let byte = index == bytes.count ? 0x1E : bytes[index]
                guard byte == 0x1E || byte == 0x1F else { continue }
                fields.append(fieldStart..<index)
                fieldStart = index + 1
                guard byte == 0x1E else { continue }
                defer { fields.removeAll(keepingCapacity: true) }
                guard fields.count == 6, !fields[1].isEmpty, fields[1].count <= 9 else {
                    malformed = true
                    continue
                }
                var position = 0
                for offset in fields[1] {
                    let digit = Int(bytes[offset]) - 0x30
                    guard (0...9).contains(digit) else {
                        malformed = true
                        break
                    }
                    position = position * 10 + digit
                }
                var unitID: String?
                if !fields[3].isEmpty {
                    // The code after the organization's id ("…:van-phong"), as `unitCode(rowID:)`.
                    let colon = fields[3].first { bytes[$0] == UInt8(ascii: ":") }
                    unitID = string(colon.map { ($0 + 1)..<fields[3].upperBound } ?? fields[3])
                }
                let unit = TaskUnit(
                    writtenName: string(fields[2]), unitID: unitID,
                    unitName: fields[5].isEmpty ? nil : string(fields[5]), matchedBy: string(fields[4]))
                switch string(fields[0]) {
                case "lead": lead.append((position, unit))
                case "support": support.append((position, unit))
                default: malformed = true
                }
            }
        }
        if malformed { throw .invalid("a task's listed units are malformed") }
        // PostgreSQL's trigger writes them in order, SQLite's in no particular order (see
        // migration 0009): the written order is the positions'.
        return (lead.sorted { $0.0 < $1.0 }.map(\.1), support.sorted { $0.0 < $1.0 }.map(\.1))
    }

    /// A task's history, oldest first.
    public func events(ofTask taskID: String) async throws(StoreError) -> [TaskEventRecord] {
        try await read { db in try await Self.events(db, taskID: taskID).map(\.event) }
    }

    /// A task's history, oldest first, with the full name of each event's author when the author
    /// is a person of the record, and how many files each event has attached.
    static func events(_ db: any SQLDatabase, taskID: String) async throws -> [(
        event: TaskEventRecord, actorName: String?, files: Int
    )] {
        try await db.raw(
            """
            SELECT e.id, e.version, e.kind, e.actor, e.author_role, e.unit_id, e.at, e.on_date, e.from_state,
            e.to_state, e.body, p.full_name, (SELECT count(*) FROM attachments f WHERE f.event_id = e.id) AS files
            FROM assignment_events e LEFT JOIN people p ON p.id = e.actor
            WHERE e.assignment_id = \(bind: taskID) ORDER BY e.at, e.version, e.kind
            """
        ).all().map { row in
            (
                TaskEventRecord(
                    id: try row.decode(column: "id", as: String.self),
                    version: try row.decode(column: "version", as: Int.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    role: try row.decodeOptional(column: "author_role", as: String.self).flatMap(
                        Role.init(rawValue:)),
                    unitID: try row.decodeOptional(column: "unit_id", as: String.self),
                    at: try row.decode(column: "at", as: String.self),
                    on: try Store.date(row, "on_date") ?? CalendarDate(dayNumber: 0),
                    fromState: try row.decodeOptional(column: "from_state", as: String.self).flatMap(
                        AssignmentState.init(rawValue:)),
                    toState: try row.decodeOptional(column: "to_state", as: String.self).flatMap(
                        AssignmentState.init(rawValue:)),
                    body: try row.decode(column: "body", as: String.self)),
                try row.decodeOptional(column: "full_name", as: String.self),
                try row.decode(column: "files", as: Int.self)
            )
        }
    }

    /// The national 4-way counts of the period, per lead unit, as of `cutOff` (at most the
    /// period's last day; its last day when nil).
    ///
    /// The tasks of a period are those of published notices issued by its end that were still
    /// to do when it began: neither completed before it nor stopped. A task counts under each of
    /// its lead units; one whose lead awaits review counts under no unit (`unitID` nil). The
    /// statuses are `TaskStanding`'s: completion counts once the secretariat confirmed it,
    /// on the day the unit reported; the deadline is the one in force (the last extension).
    public func counts(
        in organization: Organization, period: ClosedRange<CalendarDate>, asOf: CalendarDate? = nil
    ) async throws(StoreError) -> PeriodCounts {
        let cutOff = min(asOf ?? period.upperBound, period.upperBound)
        let c = cutOff.iso
        let status: SQLQueryString = """
            CASE WHEN a.state = 'done' AND a.completed_on <= \(bind: c) THEN
                CASE WHEN a.deadline IS NULL OR a.completed_on <= a.deadline THEN 'done_on_time' ELSE 'done_late' END
            WHEN a.deadline IS NULL OR \(bind: c) <= a.deadline THEN 'within_deadline' ELSE 'overdue' END
            """
        let filter: SQLQueryString = """
            a.organization_id = \(bind: organization.id) AND d.status = 'published' AND a.state <> 'stopped'
            AND a.assigned_on <= \(bind: period.upperBound.iso)
            AND NOT (a.state = 'done' AND a.completed_on < \(bind: period.lowerBound.iso))
            """
        return try await read { db in
            // The status is computed once in a subquery: grouping by the expression itself would
            // repeat its parameters, which PostgreSQL does not see as the same expression.
            let byUnit = try await db.raw(
                """
                SELECT unit_id, status, count(DISTINCT id) AS n FROM (
                    SELECT a.id, au.unit_id, \(status) AS status
                    FROM assignments a JOIN documents d ON d.id = a.document_id
                    LEFT JOIN assignment_units au ON au.assignment_id = a.id AND au.role = 'lead' AND au.unit_id IS NOT NULL
                    WHERE \(filter)
                ) t GROUP BY unit_id, status
                """
            ).all()
            let totals = try await db.raw(
                """
                SELECT status, count(*) AS n FROM (
                    SELECT \(status) AS status FROM assignments a JOIN documents d ON d.id = a.document_id WHERE \(filter)
                ) t GROUP BY status
                """
            ).all()
            let names = try await db.raw(
                "SELECT id, name, position FROM units WHERE organization_id = \(bind: organization.id) ORDER BY position, code"
            ).all()
            var order: [String] = []
            var nameOf: [String: String] = [:]
            for row in names {
                let id = try row.decode(column: "id", as: String.self)
                order.append(id)
                nameOf[id] = try row.decode(column: "name", as: String.self)
            }
            var counts: [String: UnitCounts] = [:]
            let pendingKey = ""
            for row in byUnit {
                let unit = try row.decodeOptional(column: "unit_id", as: String.self)
                guard let status = NationalStatus(rawValue: try row.decode(column: "status", as: String.self))
                else { continue }
                let key = unit ?? pendingKey
                counts[
                    key,
                    default: UnitCounts(
                        unitID: unit.map(Store.unitCode(rowID:)),
                        unitName: unit.flatMap { nameOf[$0] } ?? "(chưa xác định đơn vị)")][status] +=
                    try row.decode(column: "n", as: Int.self)
            }
            var total = UnitCounts(unitID: nil, unitName: "Tổng số")
            for row in totals {
                guard let status = NationalStatus(rawValue: try row.decode(column: "status", as: String.self))
                else { continue }
                total[status] += try row.decode(column: "n", as: Int.self)
            }
            let units = order.compactMap { counts[$0] } + (counts[pendingKey].map { [$0] } ?? [])
            return PeriodCounts(
                organization: organization.slug, period: period, cutOff: cutOff, units: units, total: total)
        }
    }

    /// The words of a search, folded: each must begin a word of the text.
    static func searchWords(_ text: String) throws(StoreError) -> [String] {
        let words = VietnameseText.fold(text).split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.map(
            String.init)
        guard !words.isEmpty else { throw .invalid("the search \"\(text)\" has no words to look for") }
        return words
    }

    /// The ids of the tasks or notices whose folded text has every word (as a word's beginning).
    static func searchSubquery(_ words: [String], entity: String, dialect: StoreDialect) -> SQLQueryString {
        switch dialect {
        case .sqlite:
            // FTS5: "word"* is a prefix query; words side by side must all match.
            let match = words.map { "\"\($0)\"*" }.joined(separator: " ")
            return
                "SELECT entity_id FROM search_index WHERE search_index MATCH \(bind: match) AND entity = \(bind: entity)"
        case .postgres:
            let match = words.map { "\($0):*" }.joined(separator: " & ")
            return """
                SELECT entity_id FROM search_index WHERE entity = \(bind: entity)
                AND to_tsvector('simple', folded) @@ to_tsquery('simple', \(bind: match))
                """
        }
    }
}

/// A report a unit made on a task: progress or completion.
public struct ReportLine: Sendable, Hashable, Codable {
    public let taskID: String
    public let taskText: String
    /// "progress" or "reported_done".
    public let kind: String
    public let body: String
    public let actor: String
    /// The instant, UTC, ISO 8601.
    public let at: String
    public let on: CalendarDate
}

extension Store {
    /// The day of the organization's last meeting: the meeting date (else the issue date) of
    /// its latest published notice; nil before any.
    public func lastMeeting(in organization: Organization) async throws(StoreError) -> CalendarDate? {
        try await read { db in
            try await db.raw(
                """
                SELECT max(COALESCE(meeting_date, issued)) AS day FROM documents
                WHERE organization_id = \(bind: organization.id) AND status = 'published'
                """
            ).first()?.decodeOptional(column: "day", as: String.self).flatMap(CalendarDate.init(iso:))
        }
    }

    /// The progress and completion reports made on the organization's tasks since `day`, the
    /// latest first.
    public func reports(in organization: Organization, since day: CalendarDate, limit: Int = 50)
        async throws(StoreError) -> [ReportLine]
    {
        try await read { db in
            try await db.raw(
                """
                SELECT e.assignment_id, a.text, e.kind, e.body, e.actor, e.at, e.on_date
                FROM assignment_events e JOIN assignments a ON a.id = e.assignment_id
                WHERE e.kind IN ('progress', 'reported_done') AND e.on_date >= \(bind: day.iso)
                AND a.organization_id = \(bind: organization.id)
                ORDER BY e.at DESC LIMIT \(bind: max(0, limit))
                """
            ).all().map { row in
                ReportLine(
                    taskID: try row.decode(column: "assignment_id", as: String.self),
                    taskText: try row.decode(column: "text", as: String.self),
                    kind: try row.decode(column: "kind", as: String.self),
                    body: try row.decode(column: "body", as: String.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    at: try row.decode(column: "at", as: String.self),
                    on: try Store.date(row, "on_date") ?? day)
            }
        }
    }
}
