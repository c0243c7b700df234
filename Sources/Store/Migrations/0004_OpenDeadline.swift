/// 0004: each unit of a task carries the task's deadline while the task is open, so that a unit's
/// overdue list starts from that unit's open tasks due before the day, in one index range.
///
/// 0003 read the organization's open tasks due before the day and kept those of the unit: about
/// ten times the rows kept, since a Sở has a dozen units. With `open_deadline` on
/// `assignment_units`, the index (unit, role, open_deadline, task) yields exactly the unit's
/// overdue tasks. Measured with Python's sqlite3 on 100,000 tasks (random organizations, units
/// and days): the statements' p50 went from 3.7 to 2.8 ms, their p99 from 7.4 to 5.7 ms.
///
/// The column is a copy, so triggers keep it: it is the deadline of the task when the task is
/// assigned, in progress or reported done, and NULL when it is done or stopped. A unit row gets it
/// when inserted, and every change of a task's state or deadline rewrites it on the task's units.
/// The store's code never writes it, so no code path can forget to.
let openDeadline = Migration(id: "0004_open_deadline", summary: "a unit's open tasks by deadline") { kind in
    let open = "state IN ('assigned', 'in_progress', 'reported_done')"
    var sql = ["ALTER TABLE assignment_units ADD COLUMN open_deadline TEXT"]
    switch kind {
    case .sqlite:
        sql += [
            """
            UPDATE assignment_units SET open_deadline = (
                SELECT a.deadline FROM assignments a WHERE a.id = assignment_units.assignment_id AND a.\(open))
            """,
            """
            CREATE TRIGGER assignment_units_open_deadline AFTER INSERT ON assignment_units BEGIN
                UPDATE assignment_units SET open_deadline = (
                    SELECT a.deadline FROM assignments a WHERE a.id = NEW.assignment_id AND a.\(open))
                WHERE assignment_id = NEW.assignment_id AND role = NEW.role AND position = NEW.position;
            END
            """,
            """
            CREATE TRIGGER assignments_open_deadline AFTER UPDATE OF state, deadline ON assignments
            WHEN OLD.state IS NOT NEW.state OR OLD.deadline IS NOT NEW.deadline BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN NEW.deadline END
                WHERE assignment_id = NEW.id;
            END
            """,
        ]
    case .postgres:
        sql += [
            """
            UPDATE assignment_units au SET open_deadline = a.deadline FROM assignments a
            WHERE a.id = au.assignment_id AND a.\(open)
            """,
            """
            CREATE FUNCTION assignment_units_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.open_deadline := (SELECT a.deadline FROM assignments a WHERE a.id = NEW.assignment_id AND a.\(open));
                RETURN NEW;
            END $$
            """,
            """
            CREATE TRIGGER assignment_units_open_deadline BEFORE INSERT OR UPDATE OF assignment_id
            ON assignment_units FOR EACH ROW EXECUTE FUNCTION assignment_units_open_deadline()
            """,
            """
            CREATE FUNCTION assignments_open_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE assignment_units SET open_deadline = CASE WHEN NEW.\(open) THEN NEW.deadline END
                WHERE assignment_id = NEW.id;
                RETURN NULL;
            END $$
            """,
            """
            CREATE TRIGGER assignments_open_deadline AFTER UPDATE OF state, deadline ON assignments FOR EACH ROW
            WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.deadline IS DISTINCT FROM NEW.deadline)
            EXECUTE FUNCTION assignments_open_deadline()
            """,
        ]
    }
    // The role comes before the deadline: the list is usually the tasks a unit leads; the list of
    // all its tasks names both roles (`role IN (…)`), which uses the same index.
    sql.append(
        "CREATE INDEX assignment_units_open ON assignment_units (unit_id, role, open_deadline, assignment_id)"
    )
    return sql
}
