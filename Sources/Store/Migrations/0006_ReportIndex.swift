/// 0006: the reports of a period by kind and day, for the secretariat's "reported since the last
/// meeting": without it, the dashboard read every event of the installation.
let reportIndex = Migration(id: "0006_report_index", summary: "task events by kind and day") { _ in
    ["CREATE INDEX assignment_events_kind_day ON assignment_events (kind, on_date)"]
}
