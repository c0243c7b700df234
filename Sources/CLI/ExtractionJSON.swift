import Extraction
import Foundation

/// The JSON form of `dondoc.extraction/1` that DonDoc writes, in one place for every command.
///
/// Keys come in the model's order (the corpus README's order, in which `NoticeExtraction`
/// encodes them), non-ASCII text and slashes are written as is ("709/SKHCN-VP", "Nghệ An"), and
/// the pretty layout is the gold files' own, so `diff` between a parse and its gold file shows
/// only what differs.
enum ExtractionJSON {
    /// `extraction` as UTF-8 JSON with a trailing newline: pretty-printed, or on one line when
    /// `compact`.
    static func encode(_ extraction: NoticeExtraction, compact: Bool = false) throws -> Data {
        try OrderedJSONEncoder(compact: compact).encodeLine(extraction)
    }

    /// An extraction read back from JSON (a gold file or an earlier `parse --out`).
    static func decode(_ data: Data) throws -> NoticeExtraction {
        try JSONDecoder().decode(NoticeExtraction.self, from: data)
    }
}
