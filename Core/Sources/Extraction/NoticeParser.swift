import Deadlines

/// Reads the text of a notice and extracts its header and tasks.
///
/// The entry point of the extraction pipeline: text (already decoded and NFC-normalised by
/// `NoticeText`) → blocks → structure → `NoticeExtraction`.
public enum NoticeParser {
    /// Extracts `dondoc.extraction/1` from the text of one notice. Never fails: a text with no
    /// structure gives an extraction with empty fields.
    public static func extract(text: String, source: String) -> NoticeExtraction {
        // Placeholder until the structure parser lands.
        NoticeExtraction(source: source)
    }
}
