import Foundation

/// Why a file or a byte buffer was refused as the text of a notice.
///
/// Each case carries what was found, and `description` is one English sentence that says what
/// was found and what to do. Cases that concern the file system carry the path as given (`path`);
/// cases that concern the content do not, so the caller names the input.
public enum NoticeTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing exists at the path (a broken symbolic link counts as nothing).
    case fileNotFound(path: String)
    /// The path names a directory.
    case isDirectory(path: String)
    /// The file exists but could not be opened or read; `reason` says what the system answered.
    case unreadable(path: String, reason: String)
    /// The file is larger than the limit. `bytes` is `nil` when the input was a stream that was
    /// not read to its end (all that is known is that it passed the limit).
    case tooLarge(path: String, bytes: Int?, limit: Int)
    /// UTF-16 text, found by its byte-order mark or by the NUL bytes of its ASCII characters.
    case utf16(bigEndian: Bool, byteOrderMark: Bool)
    /// UTF-32 text, found by its byte-order mark or by its runs of NUL bytes.
    case utf32(bigEndian: Bool, byteOrderMark: Bool)
    /// A PDF document ("%PDF-"); `version` is the header's version ("1.7") when readable.
    case pdf(version: String?)
    /// A ZIP archive ("PK\u{3}\u{4}"); `format` names what the archive's entries show it to be:
    /// "DOCX", "XLSX", "PPTX", "ODT", "ODS", "EPUB", or "ZIP" for a plain archive.
    case zipArchive(format: String)
    /// A Microsoft Office 97–2003 compound file (.doc, .xls).
    case legacyOfficeDocument
    /// A Rich Text Format document ("{\rtf").
    case rtf
    /// Binary data: a NUL byte (at `nulOffset`), or more than 2% control bytes
    /// (`controlBytes` of the first `sampledBytes`).
    case binary(nulOffset: Int?, controlBytes: Int, sampledBytes: Int)
    /// Not UTF-8, and shaped like a legacy 8-bit Vietnamese encoding; `guess` is `nil` when the
    /// bytes do not say which one.
    case legacyEncoding(guess: LegacyEncoding?)
    /// Mostly valid UTF-8 with an invalid byte sequence at `offset` (0-based) on `line` (1-based):
    /// a damaged file, or one pasted together from files in different encodings.
    case invalidUTF8(offset: Int, line: Int)

    /// The path of the file the error concerns, for the file-system cases; `nil` for the cases
    /// about content, which the caller names.
    public var path: String? {
        switch self {
        case .fileNotFound(let path), .isDirectory(let path), .unreadable(let path, _),
            .tooLarge(let path, _, _):
            path
        default:
            nil
        }
    }

    /// Whether the input itself is missing or cannot be read (as opposed to refused for what it
    /// holds). Command-line tools map this to exit code 66 and the rest to 65.
    public var isMissingInput: Bool {
        switch self {
        case .fileNotFound, .isDirectory, .unreadable: true
        default: false
        }
    }

    public var description: String {
        let convert = "convert it to UTF-8 plain text (.txt) and parse that file"
        switch self {
        case .fileNotFound(let path):
            return "There is no file at '\(path)'. Check the path and the file name."
        case .isDirectory(let path):
            return "'\(path)' is a directory, not a file. Pass the notice text files inside it."
        case .unreadable(let path, let reason):
            return "'\(path)' cannot be read (\(reason)). Check that you have permission to read it."
        case .tooLarge(let path, let bytes, let limit):
            let (size, max) = Self.megabytes(bytes, limit)
            let found = bytes == nil ? "is larger than the \(max) limit" : "is \(size), over the \(max) limit"
            return "'\(path)' \(found) for one notice. "
                + "Check that it is the text of a single notice; split a longer document before parsing."
        case .utf16(let bigEndian, let byteOrderMark):
            return Self.wideUnicodeDescription("UTF-16", bigEndian: bigEndian, byteOrderMark: byteOrderMark)
        case .utf32(let bigEndian, let byteOrderMark):
            return Self.wideUnicodeDescription("UTF-32", bigEndian: bigEndian, byteOrderMark: byteOrderMark)
        case .pdf(let version):
            let what = version.map { "a PDF document (PDF \($0))" } ?? "a PDF document"
            return "The input is \(what), not text. PDF input arrives in a later version; for now "
                + "convert it to text (for example `pdftotext -layout FILE.pdf`) and parse the .txt file."
        case .zipArchive(let format):
            if format == "ZIP" {
                return "The input is a ZIP archive, not text. DOCX input arrives in a later version; for now "
                    + "unpack the archive, or convert the document in it to UTF-8 plain text (.txt), and parse "
                    + "the text file."
            }
            return
                "The input is a \(format) document (a ZIP archive), not text. DOCX input arrives in a later "
                + "version; for now \(convert)."
        case .legacyOfficeDocument:
            return "The input is a Microsoft Office 97–2003 document (.doc or .xls), not text. "
                + "Save it as UTF-8 plain text (.txt) and parse that file."
        case .rtf:
            return "The input is an RTF document, not plain text. Save it as UTF-8 plain text (.txt) "
                + "and parse that file."
        case .binary(let nulOffset, let controlBytes, let sampledBytes):
            let found: String
            if let nulOffset {
                found = "it has a NUL byte at offset \(nulOffset)"
            } else {
                let share = String(
                    format: "%.1f%%", Double(controlBytes) * 100 / Double(max(sampledBytes, 1)))
                found = "\(share) of its first \(sampledBytes) bytes are control characters"
            }
            return "The input is binary data, not text: \(found). Check that this is the notice's "
                + "text file; documents must be converted to UTF-8 plain text first."
        case .legacyEncoding(let guess):
            guard let guess else {
                return "The text is not UTF-8: it looks like a legacy 8-bit encoding (TCVN3, VNI or "
                    + "Windows-1258). Convert it to Unicode UTF-8 (for example with UniKey's converter, "
                    + "choosing the source encoding) and parse the converted file."
            }
            return "The text is not UTF-8: it looks like \(guess.name), a legacy 8-bit Vietnamese "
                + "encoding. Convert it to Unicode UTF-8 (\(guess.conversionHint)) and parse the "
                + "converted file."
        case .invalidUTF8(let offset, let line):
            return "The text is UTF-8 but has an invalid byte sequence at byte offset \(offset) "
                + "(line \(line)): the file may be damaged or pasted together from files in different "
                + "encodings. Fix that line or re-save the file as UTF-8, then try again."
        }
    }

    private static func wideUnicodeDescription(_ name: String, bigEndian: Bool, byteOrderMark: Bool) -> String
    {
        let order = bigEndian ? "big-endian" : "little-endian"
        let foundBy = byteOrderMark ? "by its byte-order mark" : "by its pattern of NUL bytes"
        return "The text is \(name) (\(order), recognised \(foundBy)), not UTF-8. Save it as UTF-8 "
            + "(for example `iconv -f \(name) -t UTF-8 FILE > FILE-utf8.txt`) and parse that file."
    }

    /// Both sizes in MB with one decimal; with the exact byte counts too when one decimal would
    /// print the same figure for both ("16.0 MB is over the 16.0 MB limit" would say nothing).
    private static func megabytes(_ bytes: Int?, _ limit: Int) -> (String, String) {
        func mb(_ n: Int) -> String { String(format: "%.1f MB", Double(n) / 1_048_576) }
        guard let bytes else { return ("", mb(limit)) }
        if mb(bytes) == mb(limit) {
            return ("\(mb(bytes)) (\(bytes) bytes)", "\(mb(limit)) (\(limit) bytes)")
        }
        return (mb(bytes), mb(limit))
    }
}

/// The 8-bit encodings Vietnamese documents were typed in before Unicode, which still turn up in
/// old files and in text exported from old templates.
public enum LegacyEncoding: String, Sendable, Equatable, CaseIterable {
    /// TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime): precomposed letters in single bytes.
    case tcvn3
    /// VNI-Windows (VNI-Times fonts): ASCII base letters followed by mark bytes.
    case vni
    /// Microsoft's code page 1258: Latin-1 letters plus combining tone marks.
    case windows1258

    /// The encoding's usual name.
    public var name: String {
        switch self {
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI"
        case .windows1258: "Windows-1258"
        }
    }

    /// How to convert it, with a tool a Vietnamese office has (UniKey) or a standard one (iconv;
    /// glibc's iconv knows TCVN5712-1 and CP1258 but not VNI).
    var conversionHint: String {
        switch self {
        case .tcvn3: "for example with UniKey's converter from TCVN3 (ABC), or `iconv -f TCVN5712-1 -t UTF-8`"
        case .vni: "for example with UniKey's converter from VNI Windows"
        case .windows1258:
            "for example `iconv -f CP1258 -t UTF-8`, or UniKey's converter from Windows CP 1258"
        }
    }
}
