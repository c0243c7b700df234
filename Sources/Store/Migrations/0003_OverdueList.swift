/// 0003: indexes for a unit's overdue list, the query the follow-up lives on.
///
/// Measured on 100,000 tasks in SQLite, with random organizations, units and days (so that most
/// pages are not in the cache, as in a record that keeps years of finished tasks):
/// - `assignments_open_deadline` gains the task id. The list reads the organization's open tasks
///   due before the day from this index and keeps those the unit leads, which needs the id; before,
///   every one of them (about ten times the tasks kept) was first read from the table to get it.
///   The statement's p99 went from 7.0 to 3.6 ms. (PostgreSQL's planner still reads those tasks
///   from the table, through a bitmap scan of this index.)
/// - `documents_status` (id, status, symbol): the list joins each task to its notice for the
///   status and the symbol. A notice's row holds its whole source text and original file, so in
///   SQLite those two short columns, stored after them, sit on overflow pages that every lookup
///   read (12% of the list's time in a profile); the index answers the join without the row.
let overdueList = Migration(id: "0003_overdue_list", summary: "indexes for a unit's overdue list") { _ in
    [
        "DROP INDEX assignments_open_deadline",
        "CREATE INDEX assignments_open_deadline ON assignments (organization_id, state, deadline, id)",
        "CREATE INDEX documents_status ON documents (id, status, symbol)",
    ]
}
