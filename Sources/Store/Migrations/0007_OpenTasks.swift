/// 0007: `assignment_units.open_deadline` marks every open task, also one without a deadline.
///
/// 0004 made it the deadline of an open task and NULL otherwise, so an open task with no deadline
/// ("thường xuyên") looked closed to it, and a list of a unit's open tasks had to read every task
/// the unit ever had (ten years: about 6,000 for a department of a Sở) to keep its few hundred
/// open ones. An open task without a deadline now holds `openEnd` ("9999-12-31"), after every
/// day: the overdue lists (`open_deadline < day`) read the same rows as before, and
/// `open_deadline IS NOT NULL` is exactly "open", a range of the index (unit, role,
/// open_deadline, task).
let openTasks = Migration(id: "0007_open_tasks", summary: "open tasks without a deadline in the open index") {
    kind in
    let open = "state IN ('assigned', 'in_progress', 'reported_done')"
    let end = "'\(Store.openEnd)'"
    switch kind {
    case .sqlite:
        return [
            "DROP TRIGGER assignment_units_open_deadline",
            "DROP TRIGGER assignments_open_deadline",
            """
            CREATE TRIGGER assignment_units_open_deadline AFTER INSERT ON assignment_units BEGIN
                UPDATE assignment_units SET open_deadline = (
                    SELECT COALESCE(a.deadline, \(end)) FROM assignments a WHERE a.id = NEW.assignment_id AND a.\(open))
                WHERE assignment_id = NEW.assignment_id AND role = NEW.role AND position = NEW.position;
            END
            """,
            """
            CREATE TRIGGER assignments_open_deadline AFTER UPDATE OF state, deadline ON assignments
            WHEN OLD.state IS NOT NEW.state OR OLD.deadline IS NOT NEW.deadline BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN COALESCE(NEW.deadline, \(end)) END
                WHERE assignment_id = NEW.id;
            END
            """,
            """
            UPDATE assignment_units SET open_deadline = \(end) WHERE open_deadline IS NULL AND assignment_id IN (
                SELECT id FROM assignments WHERE deadline IS NULL AND \(open))
            """,
        ]
    case .postgres:
        return [
            """
            CREATE OR REPLACE FUNCTION assignment_units_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.open_deadline := (
                    SELECT COALESCE(a.deadline, \(end)) FROM assignments a WHERE a.id = NEW.assignment_id AND a.\(open));
                RETURN NEW;
            END $$
            """,
            """
            CREATE OR REPLACE FUNCTION assignments_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN COALESCE(NEW.deadline, \(end)) END
                WHERE assignment_id = NEW.id;
                RETURN NULL;
            END $$
            """,
            """
            UPDATE assignment_units au SET open_deadline = \(end) FROM assignments a
            WHERE a.id = au.assignment_id AND au.open_deadline IS NULL AND a.deadline IS NULL AND a.\(open)
            """,
        ]
    }
}
