/// The migrations, in order. Append only: a released migration never changes. (0001 was
/// reshaped once, with the repositories, before any release.)
enum Migrations {
    static let all: [Migration] = [
        initial, search, overdueList, openDeadline, accounts, reportIndex, openTasks, attachmentIndex, listedUnits,
        unitLists,
    ]
}

/// SQL fragments that differ between the dialects.
private struct Dialect {
    let kind: StoreDialect

    /// A column holding a calendar date as `YYYY-MM-DD` text: one code path binds dates as text in
    /// both databases (a PostgreSQL `DATE` would refuse a text bind), and the check keeps the text
    /// a date's shape so that it sorts and compares as dates do.
    func date(_ column: String, nullable: Bool = true) -> String {
        let shape =
            kind == .sqlite
            ? "\(column) GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
            : "\(column) ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'"
        return "\(column) TEXT\(nullable ? "" : " NOT NULL") CHECK (\(nullable ? "\(column) IS NULL OR " : "")\(shape))"
    }

    /// Bytes: BLOB in SQLite, BYTEA in PostgreSQL.
    var bytes: String { kind == .sqlite ? "BLOB" : "BYTEA" }

    /// `column IN (…)` as a check.
    func oneOf(_ column: String, _ values: [String], nullable: Bool = false) -> String {
        let list = values.map { "'\($0)'" }.joined(separator: ", ")
        return "CHECK (\(nullable ? "\(column) IS NULL OR " : "")\(column) IN (\(list)))"
    }
}

/// 0001: organizations, their units and people, documents, assignments (the tasks of a notice)
/// with their units and events, attachments, and the append-only audit log.
let initial = Migration(id: "0001_initial", summary: "organizations, units, people, documents, assignments, events, audit log") {
    kind in
    let d = Dialect(kind: kind)
    var sql = [
        """
        CREATE TABLE organizations (
            id TEXT PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
            name TEXT NOT NULL CHECK (length(name) > 0),
            roll_over BOOLEAN NOT NULL DEFAULT TRUE,
            created_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE units (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
            code TEXT NOT NULL CHECK (length(code) > 0),
            name TEXT NOT NULL CHECK (length(name) > 0),
            short_name TEXT,
            kind TEXT NOT NULL \(d.oneOf("kind", ["leadership", "office", "department", "sub-department", "center", "inspectorate", "mass-organization", "other"])),
            parent_id TEXT REFERENCES units(id),
            active BOOLEAN NOT NULL DEFAULT TRUE,
            position INTEGER NOT NULL DEFAULT 0,
            UNIQUE (organization_id, code)
        )
        """,
        """
        CREATE TABLE unit_names (
            unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            folded TEXT NOT NULL,
            source TEXT NOT NULL \(d.oneOf("source", ["abbreviation", "alias", "learned"])),
            position INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (unit_id, folded)
        )
        """,
        """
        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
            unit_id TEXT REFERENCES units(id),
            full_name TEXT NOT NULL CHECK (length(full_name) > 0),
            email TEXT,
            role TEXT NOT NULL \(d.oneOf("role", ["lanh_dao", "van_phong", "truong_don_vi", "chuyen_vien"])),
            active BOOLEAN NOT NULL DEFAULT TRUE,
            UNIQUE (organization_id, email)
        )
        """,
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            source_name TEXT NOT NULL,
            kind TEXT,
            number TEXT,
            symbol TEXT,
            place TEXT,
            \(d.date("issued")),
            title TEXT,
            \(d.date("meeting_date")),
            meeting_chair TEXT,
            \(d.date("period_start")),
            \(d.date("period_end")),
            \(d.date("report_due")),
            signer_name TEXT,
            signer_position TEXT,
            signer_authority TEXT,
            recipients TEXT NOT NULL DEFAULT '[]',
            cited TEXT NOT NULL DEFAULT '[]',
            extraction TEXT NOT NULL,
            source_text TEXT NOT NULL,
            original \(d.bytes),
            original_name TEXT,
            status TEXT NOT NULL DEFAULT 'draft' \(d.oneOf("status", ["draft", "published"])),
            imported_at TEXT NOT NULL,
            published_at TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            UNIQUE (organization_id, sha256),
            CHECK (period_start IS NULL OR period_end IS NULL OR period_start <= period_end)
        )
        """,
        """
        CREATE TABLE assignments (
            id TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            section TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL CHECK (length(text) > 0),
            due TEXT,
            due_text TEXT,
            \(d.date("due_date")),
            \(d.date("due_nominal")),
            due_source TEXT NOT NULL DEFAULT 'none' \(d.oneOf("due_source", ["due", "report_due", "period_end", "none"])),
            due_rule TEXT NOT NULL DEFAULT '',
            \(d.date("deadline")),
            extensions TEXT NOT NULL DEFAULT '[]',
            \(d.date("extension_requested_to")),
            extension_reason TEXT,
            \(d.date("extension_requested_on")),
            extension_unit_id TEXT,
            state TEXT NOT NULL DEFAULT 'assigned' \(d.oneOf("state", ["assigned", "in_progress", "reported_done", "done", "stopped"])),
            urgent BOOLEAN NOT NULL DEFAULT FALSE,
            urgency TEXT NOT NULL DEFAULT '',
            \(d.date("assigned_on")),
            \(d.date("reported_done_on")),
            \(d.date("completed_on")),
            carries_over_id TEXT REFERENCES assignments(id),
            carry_over_score REAL,
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, position),
            CHECK (carries_over_id IS NULL OR carries_over_id <> id),
            CHECK (completed_on IS NULL OR state IN ('done', 'stopped')),
            CHECK ((extension_requested_to IS NULL) = (extension_reason IS NULL))
        )
        """,
        """
        CREATE TABLE assignment_units (
            assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
            role TEXT NOT NULL \(d.oneOf("role", ["lead", "support"])),
            position INTEGER NOT NULL CHECK (position >= 0),
            written_name TEXT NOT NULL CHECK (length(written_name) > 0),
            unit_id TEXT REFERENCES units(id),
            matched_by TEXT NOT NULL \(d.oneOf("matched_by", ["exact", "alias", "abbreviation", "partial", "group", "all", "corrected", "ambiguous", "other_agency", "unmatched"])),
            PRIMARY KEY (assignment_id, role, position),
            CHECK ((unit_id IS NULL) = (matched_by IN ('ambiguous', 'other_agency', 'unmatched')))
        )
        """,
        """
        CREATE TABLE assignment_events (
            id TEXT PRIMARY KEY,
            assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            kind TEXT NOT NULL \(d.oneOf("kind", ["created", "carried_over", "started", "progress", "reported_done", "confirmed", "returned", "stopped", "reopened", "extension_requested", "extension_approved", "extension_denied", "comment"])),
            author_id TEXT REFERENCES people(id),
            actor TEXT NOT NULL,
            author_role TEXT \(d.oneOf("author_role", ["lanh_dao", "van_phong", "truong_don_vi", "chuyen_vien"], nullable: true)),
            unit_id TEXT,
            at TEXT NOT NULL,
            \(d.date("on_date", nullable: false)),
            from_state TEXT,
            to_state TEXT,
            \(d.date("old_date")),
            \(d.date("new_date")),
            body TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '{}'
        )
        """,
        """
        CREATE TABLE attachments (
            id TEXT PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES assignment_events(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL CHECK (length(file_name) > 0),
            content_type TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            data \(d.bytes) NOT NULL
        )
        """,
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            organization_id TEXT REFERENCES organizations(id),
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '{}'
        )
        """,
        "CREATE INDEX units_organization ON units (organization_id, active)",
        "CREATE INDEX unit_names_folded ON unit_names (folded)",
        "CREATE INDEX documents_organization ON documents (organization_id, issued)",
        "CREATE INDEX assignments_document ON assignments (document_id, position)",
        "CREATE INDEX assignments_open_deadline ON assignments (organization_id, state, deadline)",
        "CREATE INDEX assignments_assigned ON assignments (organization_id, assigned_on)",
        "CREATE INDEX assignments_carries_over ON assignments (carries_over_id)",
        "CREATE INDEX assignment_units_unit ON assignment_units (unit_id, role, assignment_id)",
        "CREATE INDEX assignment_units_review ON assignment_units (matched_by)",
        "CREATE INDEX assignment_events_assignment ON assignment_events (assignment_id, at)",
        "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at)",
    ]
    // The audit log is append-only in the schema itself, not only in Swift.
    switch kind {
    case .sqlite:
        sql += [
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
        ]
    case .postgres:
        sql += [
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
            """,
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        ]
    }
    return sql
}
