/// 0009: each task carries its units as a list shows them (`assignments.units_listed`).
///
/// A list read its tasks, then their units with a second statement (about six unit rows per task,
/// joined to the directory for the names). On PostgreSQL at 1,000,000 tasks that statement was
/// half the server's time for a unit's overdue list, and its rows a third of the client's. The
/// units of a task are written rarely (import, review, a corrected match, a renamed unit) and read
/// at every list, so the schema now keeps them with the task: triggers rewrite `units_listed`
/// whenever one of its inputs changes, for every writer, in the writer's transaction.
///
/// The text is one record per unit, records separated by U+001E, fields by U+001F: role,
/// position, written name, unit row id (empty while unmatched), how it was matched, the unit's
/// directory name (empty when none). Those two control characters are removed from the names
/// (`Store.listedUnits` reads them back), so no name can break the format.
let listedUnits = Migration(id: "0009_listed_units", summary: "task units kept on the task for lists") {
    kind in
    // One unit's record: `chr` is the dialect's function for a character by its code.
    func record(_ chr: String) -> String {
        let clean = { (column: String) in "replace(replace(\(column), \(chr)(30), ''), \(chr)(31), '')" }
        return """
            au.role || \(chr)(31) || au.position || \(chr)(31) || \(clean("au.written_name")) || \(chr)(31)
            || COALESCE(au.unit_id, '') || \(chr)(31) || au.matched_by || \(chr)(31) || COALESCE(\(clean("u.name")), '')
            """
    }
    let units = "FROM assignment_units au LEFT JOIN units u ON u.id = au.unit_id"
    switch kind {
    case .sqlite:
        // SQLite has row triggers only. The records are concatenated in no particular order
        // (`group_concat … ORDER BY` needs SQLite 3.44, and a schema using it cannot be opened by
        // an older `sqlite3`, such as Debian 12's 3.40): `Store.listedUnits` orders them.
        let listed = { (task: String) in
            "(SELECT COALESCE(group_concat(\(record("char")), char(30)), '') \(units) WHERE au.assignment_id = \(task))"
        }
        return [
            "ALTER TABLE assignments ADD COLUMN units_listed TEXT NOT NULL DEFAULT ''",
            """
            CREATE TRIGGER assignment_units_listed_insert AFTER INSERT ON assignment_units BEGIN
                UPDATE assignments SET units_listed = \(listed("NEW.assignment_id")) WHERE id = NEW.assignment_id;
            END
            """,
            """
            CREATE TRIGGER assignment_units_listed_delete AFTER DELETE ON assignment_units BEGIN
                UPDATE assignments SET units_listed = \(listed("OLD.assignment_id")) WHERE id = OLD.assignment_id;
            END
            """,
            // Not on `open_deadline`, which the workflow's triggers rewrite at every state change.
            """
            CREATE TRIGGER assignment_units_listed_update
            AFTER UPDATE OF assignment_id, role, position, written_name, unit_id, matched_by ON assignment_units BEGIN
                UPDATE assignments SET units_listed = \(listed("OLD.assignment_id")) WHERE id = OLD.assignment_id;
                UPDATE assignments SET units_listed = \(listed("NEW.assignment_id"))
                WHERE id = NEW.assignment_id AND NEW.assignment_id IS NOT OLD.assignment_id;
            END
            """,
            """
            CREATE TRIGGER units_listed_name AFTER UPDATE OF name ON units WHEN OLD.name IS NOT NEW.name BEGIN
                UPDATE assignments SET units_listed = \(listed("assignments.id"))
                WHERE id IN (SELECT assignment_id FROM assignment_units WHERE unit_id = NEW.id);
            END
            """,
            "UPDATE assignments SET units_listed = \(listed("assignments.id"))",
        ]
    case .postgres:
        // One function computes the text; inserts and deletes refresh each task a statement
        // touched once (statement triggers with transition tables: the bulk path inserts
        // thousands of unit rows a statement), updates of the listed columns per row.
        let aggregate = "string_agg(\(record("chr")), chr(30) ORDER BY au.role, au.position)"
        // A trigger function that rewrites the text of the tasks `tasks` (an SQL condition on
        // `id`) names.
        let refresh = { (name: String, tasks: String) in
            """
            CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE assignments SET units_listed = assignment_units_listed(id) WHERE \(tasks);
                RETURN NULL;
            END $$
            """
        }
        return [
            "ALTER TABLE assignments ADD COLUMN units_listed text NOT NULL DEFAULT ''",
            """
            CREATE FUNCTION assignment_units_listed(task text) RETURNS text LANGUAGE sql STABLE AS $$
                SELECT COALESCE(\(aggregate), '') \(units) WHERE au.assignment_id = task
            $$
            """,
            refresh("assignment_units_listed_added", "id IN (SELECT DISTINCT assignment_id FROM added)"),
            refresh("assignment_units_listed_removed", "id IN (SELECT DISTINCT assignment_id FROM removed)"),
            refresh("assignment_units_listed_changed", "id IN (OLD.assignment_id, NEW.assignment_id)"),
            refresh(
                "units_listed_name",
                "id IN (SELECT assignment_id FROM assignment_units WHERE unit_id = NEW.id)"),
            """
            CREATE TRIGGER assignment_units_listed_insert AFTER INSERT ON assignment_units
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION assignment_units_listed_added()
            """,
            """
            CREATE TRIGGER assignment_units_listed_delete AFTER DELETE ON assignment_units
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION assignment_units_listed_removed()
            """,
            """
            CREATE TRIGGER assignment_units_listed_update
            AFTER UPDATE OF assignment_id, role, position, written_name, unit_id, matched_by ON assignment_units
            FOR EACH ROW EXECUTE FUNCTION assignment_units_listed_changed()
            """,
            """
            CREATE TRIGGER units_listed_name AFTER UPDATE OF name ON units
            FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION units_listed_name()
            """,
            // Every task at once, grouped, rather than the function once per task.
            """
            UPDATE assignments a SET units_listed = s.listed FROM (
                SELECT au.assignment_id, \(aggregate) AS listed \(units) GROUP BY au.assignment_id
            ) s WHERE s.assignment_id = a.id
            """,
        ]
    }
}
