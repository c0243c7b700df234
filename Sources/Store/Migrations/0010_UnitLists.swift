/// 0010: a unit's tasks in deadline order, from an index, whatever their state.
///
/// A unit's list read every task of the unit that its filter kept, then sorted them all for a page
/// of 50: 3,000 tasks for a Văn phòng's list of every state after ten years, 400 for its open
/// tasks. `assignment_units.sort_deadline` is the task's deadline, or `Store.openEnd` when it has
/// none, for every state (`open_deadline`, migration 0007, is the same while the task is open and
/// NULL otherwise). Two indexes lead with the unit and that key, so a page is read in order and
/// the reading stops after it, the rest of the order (day assigned, notice, position) sorting only
/// the tasks of one deadline. Measured with Debian's `sqlite3` on the web benchmark's record
/// (100,000 tasks), a Văn phòng's first page: every state 39 → 1 ms, open tasks 9 → 1 ms, overdue
/// 2 → 1 ms.
///
/// A unit is named once on a task, so that a list driven by the unit's rows gives each task once:
/// an import left out a lead from the units it coordinates with, but a generated record did not,
/// and a name resolved later (`learnAlias`) could point a second row at a unit already there. The
/// rows of a unit after its first on a task (the lead's row first, then by position) go, and a
/// unique index keeps it so.
///
/// The indexes (unit, role, open_deadline, task) of migration 0004 and (unit, role, task) of 0001
/// served only the unit lists and go (what else finds a unit's rows, a renamed unit's trigger and
/// the directory's foreign key, uses the new index that leads with the unit): at 1,000,000 tasks
/// on PostgreSQL the table and its indexes measured 2.34 GiB with them, against 1.70 before.
let unitLists = Migration(
    id: "0010_unit_lists", summary: "a unit's tasks of every state in deadline order, a unit once per task"
) {
    kind in
    let open = "state IN ('assigned', 'in_progress', 'reported_done')"
    let end = "'\(Store.openEnd)'"
    var sql = ["ALTER TABLE assignment_units ADD COLUMN sort_deadline TEXT NOT NULL DEFAULT \(end)"]
    switch kind {
    case .sqlite:
        // The two triggers of migration 0007, writing both keys in one statement.
        sql += [
            "DROP TRIGGER assignment_units_open_deadline",
            "DROP TRIGGER assignments_open_deadline",
            """
            CREATE TRIGGER assignment_units_open_deadline AFTER INSERT ON assignment_units BEGIN
                UPDATE assignment_units SET (open_deadline, sort_deadline) = (
                    SELECT CASE WHEN a.\(open) THEN COALESCE(a.deadline, \(end)) END, COALESCE(a.deadline, \(end))
                    FROM assignments a WHERE a.id = NEW.assignment_id)
                WHERE assignment_id = NEW.assignment_id AND role = NEW.role AND position = NEW.position;
            END
            """,
            """
            CREATE TRIGGER assignments_open_deadline AFTER UPDATE OF state, deadline ON assignments
            WHEN OLD.state IS NOT NEW.state OR OLD.deadline IS NOT NEW.deadline BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN COALESCE(NEW.deadline, \(end)) END,
                    sort_deadline = COALESCE(NEW.deadline, \(end))
                WHERE assignment_id = NEW.id;
            END
            """,
            """
            UPDATE assignment_units SET sort_deadline = (SELECT a.deadline FROM assignments a WHERE a.id = assignment_units.assignment_id)
            WHERE assignment_id IN (SELECT id FROM assignments WHERE deadline IS NOT NULL)
            """,
        ]
    case .postgres:
        // The functions of migration 0007 (their triggers stay), writing both keys.
        sql += [
            """
            CREATE OR REPLACE FUNCTION assignment_units_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT CASE WHEN a.\(open) THEN COALESCE(a.deadline, \(end)) END, COALESCE(a.deadline, \(end))
                INTO NEW.open_deadline, NEW.sort_deadline FROM assignments a WHERE a.id = NEW.assignment_id;
                RETURN NEW;
            END $$
            """,
            """
            CREATE OR REPLACE FUNCTION assignments_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN COALESCE(NEW.deadline, \(end)) END,
                    sort_deadline = COALESCE(NEW.deadline, \(end))
                WHERE assignment_id = NEW.id;
                RETURN NULL;
            END $$
            """,
            """
            UPDATE assignment_units au SET sort_deadline = a.deadline FROM assignments a
            WHERE a.id = au.assignment_id AND a.deadline IS NOT NULL
            """,
        ]
    }
    return sql + [
        """
        DELETE FROM assignment_units WHERE unit_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM assignment_units first WHERE first.assignment_id = assignment_units.assignment_id
            AND first.unit_id = assignment_units.unit_id
            AND (first.role < assignment_units.role
                OR (first.role = assignment_units.role AND first.position < assignment_units.position)))
        """,
        "CREATE UNIQUE INDEX assignment_units_once ON assignment_units (assignment_id, unit_id)",
        "DROP INDEX assignment_units_open",
        "DROP INDEX assignment_units_unit",
        "CREATE INDEX assignment_units_by_deadline ON assignment_units (unit_id, sort_deadline, assignment_id, role)",
        """
        CREATE INDEX assignment_units_open_by_deadline ON assignment_units (unit_id, open_deadline, assignment_id, role)
        WHERE open_deadline IS NOT NULL
        """,
    ]
}
