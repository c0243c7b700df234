/// The migrations, in order. Append only: a shipped migration never changes.
enum Migrations {
    static let all: [Migration] = [initial]
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
private let initial = Migration(id: "0001_initial", summary: "organizations, units, people, documents, assignments, events, audit log") {
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
            kind TEXT NOT NULL \(d.oneOf("kind", ["leadership", "office", "department", "subDepartment", "center", "inspectorate", "other"])),
            parent_id TEXT REFERENCES units(id),
            active BOOLEAN NOT NULL DEFAULT TRUE,
            UNIQUE (organization_id, code)
        )
        """,
        """
        CREATE TABLE unit_names (
            unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
            name TEXT NOT NULL CHECK (length(name) > 0),
            folded TEXT NOT NULL,
            source TEXT NOT NULL \(d.oneOf("source", ["abbreviation", "alias"])),
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
            \(d.date("extended_to")),
            \(d.date("extension_requested_to")),
            extension_reason TEXT,
            state TEXT NOT NULL DEFAULT 'assigned' \(d.oneOf("state", ["assigned", "in_progress", "reported_done", "done", "stopped"])),
            urgent BOOLEAN NOT NULL DEFAULT FALSE,
            \(d.date("completed_on")),
            carries_over_id TEXT REFERENCES assignments(id),
            version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (document_id, position),
            CHECK (carries_over_id IS NULL OR carries_over_id <> id)
        )
        """,
        """
        CREATE TABLE assignment_units (
            assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
            role TEXT NOT NULL \(d.oneOf("role", ["lead", "support"])),
            position INTEGER NOT NULL CHECK (position >= 0),
            written_name TEXT NOT NULL CHECK (length(written_name) > 0),
            unit_id TEXT REFERENCES units(id),
            PRIMARY KEY (assignment_id, role, position)
        )
        """,
        """
        CREATE TABLE assignment_events (
            id TEXT PRIMARY KEY,
            assignment_id TEXT NOT NULL REFERENCES assignments(id) ON DELETE CASCADE,
            kind TEXT NOT NULL \(d.oneOf("kind", ["created", "progress", "status_change", "extension_requested", "extension_approved", "extension_denied", "comment", "carried_over"])),
            author_id TEXT REFERENCES people(id),
            author_role TEXT \(d.oneOf("author_role", ["lanh_dao", "van_phong", "truong_don_vi", "chuyen_vien"], nullable: true)),
            at TEXT NOT NULL,
            \(d.date("on_date")),
            from_state TEXT,
            to_state TEXT,
            \(d.date("old_date")),
            \(d.date("new_date")),
            body TEXT NOT NULL DEFAULT ''
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
        "CREATE INDEX assignments_open_due ON assignments (organization_id, state, due_date)",
        "CREATE INDEX assignments_carries_over ON assignments (carries_over_id)",
        "CREATE INDEX assignment_units_unit ON assignment_units (unit_id, role, assignment_id)",
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
