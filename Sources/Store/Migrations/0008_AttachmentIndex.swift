/// 0008: an attached file is found by its event.
///
/// `attachments.event_id` had no index: the files of a task's history (each task page asks for
/// them) were found by reading every attachment row, a cost that grows with every file anyone
/// ever attached.
let attachmentIndex = Migration(id: "0008_attachment_index", summary: "attachments by event") { _ in
    ["CREATE INDEX attachments_event ON attachments (event_id)"]
}
