import Foundation

/// Recognises what a byte buffer is when it is not UTF-8 text, so that `NoticeText` can refuse
/// it with a sentence that names it: a byte-order mark of another Unicode form, a document format
/// by its signature, binary data, or a legacy Vietnamese 8-bit encoding by the shape of its bytes.
enum NoticeSniffer {
    /// The bytes of the sample windows the heuristics look at. Enough for thousands of words of
    /// evidence, and it keeps the refusal of a large file fast.
    static let sampleLength = 1 << 20

    // MARK: - Signatures

    static func hasUTF8ByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// UTF-32 and UTF-16 byte-order marks (UTF-32 LE first: its mark begins with UTF-16 LE's).
    static func unicodeByteOrderMark(_ b: UnsafeRawBufferPointer) -> NoticeTextError? {
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xFE, b[2] == 0, b[3] == 0 {
            return .utf32(bigEndian: false, byteOrderMark: true)
        }
        if b.count >= 4, b[0] == 0, b[1] == 0, b[2] == 0xFE, b[3] == 0xFF {
            return .utf32(bigEndian: true, byteOrderMark: true)
        }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return .utf16(bigEndian: false, byteOrderMark: true) }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return .utf16(bigEndian: true, byteOrderMark: true) }
        return nil
    }

    /// Documents people hand over instead of their text, by their leading signature.
    static func documentFormat(_ bytes: UnsafeRawBufferPointer) -> NoticeTextError? {
        func starts(with signature: [UInt8]) -> Bool {
            bytes.count >= signature.count && zip(bytes, signature).allSatisfy { $0 == $1 }
        }
        if starts(with: Array("%PDF-".utf8)) {
            // "%PDF-1.7": the version is the digits and dots that follow.
            let version = bytes.dropFirst(5).prefix(8).prefix { $0 == 0x2E || (0x30...0x39).contains($0) }
            return .pdf(version: version.isEmpty ? nil : String(decoding: version, as: UTF8.self))
        }
        // A local file header, or the end record of an empty archive.
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) || starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .zipArchive(format: zipFormat(bytes))
        }
        if starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOfficeDocument }
        if starts(with: Array("{\\rtf".utf8)) { return .rtf }
        return nil
    }

    /// What a ZIP archive holds, from the entry names in its first and last 64 KB (local headers
    /// at the start, the central directory at the end): Office Open XML keeps its parts under
    /// `word/`, `xl/`, `ppt/`; OpenDocument and EPUB store a `mimetype` entry first.
    private static func zipFormat(_ bytes: UnsafeRawBufferPointer) -> String {
        let window = 1 << 16
        var sample = Data(bytes.prefix(window))
        if bytes.count > window { sample.append(contentsOf: bytes.suffix(window)) }
        let formats: [(String, String)] = [
            ("word/", "DOCX"), ("xl/", "XLSX"), ("ppt/", "PPTX"),
            ("application/vnd.oasis.opendocument.text", "ODT"),
            ("application/vnd.oasis.opendocument.spreadsheet", "ODS"),
            ("application/epub+zip", "EPUB"),
        ]
        for (marker, format) in formats where sample.range(of: Data(marker.utf8)) != nil {
            return format
        }
        return "ZIP"
    }

    // MARK: - Binary data and other Unicode forms

    /// UTF-32 or UTF-16 without a byte-order mark, from where the NUL bytes fall.
    ///
    /// Text in these forms is mostly characters below U+0100 (ASCII letters, spaces and digits
    /// make up most even of Vietnamese text), whose high bytes are NUL: UTF-16 LE has NULs at odd
    /// offsets and almost none at even ones, UTF-32 LE has NULs at offsets 2 and 3 of every four.
    /// Binary data has NULs at both parities alike, so it matches neither.
    static func wideUnicodeWithoutByteOrderMark(_ bytes: UnsafeRawBufferPointer) -> NoticeTextError? {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(1 << 16))
        var zeros = [0, 0, 0, 0]
        for (offset, byte) in sample.enumerated() where byte == 0 { zeros[offset & 3] += 1 }
        let quads = sample.count / 4
        if quads > 0 {
            // NUL at ≥ 90% of the places a form needs them, and at ≤ 10% of the places it does not.
            let most = { (zeros: Int) in zeros * 10 >= quads * 9 }
            let few = { (zeros: Int) in zeros * 10 <= quads }
            if most(zeros[2]), most(zeros[3]), few(zeros[0]), isText(sample, width: 4, bigEndian: false) {
                return .utf32(bigEndian: false, byteOrderMark: false)
            }
            if most(zeros[0]), most(zeros[1]), few(zeros[3]), isText(sample, width: 4, bigEndian: true) {
                return .utf32(bigEndian: true, byteOrderMark: false)
            }
        }
        let pairs = sample.count / 2
        guard pairs > 0 else { return nil }
        let even = zeros[0] + zeros[2]
        let odd = zeros[1] + zeros[3]
        if odd * 10 >= pairs * 3, even * 20 <= pairs, isText(sample, width: 2, bigEndian: false) {
            return .utf16(bigEndian: false, byteOrderMark: false)
        }
        if even * 10 >= pairs * 3, odd * 20 <= pairs, isText(sample, width: 2, bigEndian: true) {
            return .utf16(bigEndian: true, byteOrderMark: false)
        }
        return nil
    }

    /// Whether `sample` read as `width`-byte code units is text: at most 10% control characters
    /// (other than tab, LF, CR, FF) and no values beyond Unicode. Keeps short binary that happens
    /// to have NULs in the right places ("00 01 02 FF") from passing for UTF-16 or UTF-32.
    private static func isText(_ sample: UnsafeRawBufferPointer, width: Int, bigEndian: Bool) -> Bool {
        let units = sample.count / width
        var controls = 0
        for index in 0..<units {
            var value: UInt32 = 0
            for k in 0..<width {
                let byte = UInt32(sample[index * width + (bigEndian ? k : width - 1 - k)])
                value = value << 8 | byte
            }
            if value > 0x10FFFF { return false }
            if value < 0x20, value != 0x09, value != 0x0A, value != 0x0C, value != 0x0D { controls += 1 }
        }
        return controls * 10 <= units
    }

    /// The control bytes in the first `sampleLength` bytes, and the sample's length. Tab, LF,
    /// VT, FF and CR are text (pdftotext writes FF between pages; Word writes VT for a manual
    /// line break).
    static func controlBytes(_ bytes: UnsafeRawBufferPointer) -> (controls: Int, sampled: Int) {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(sampleLength))
        var controls = 0
        for byte in sample where (byte < 0x20 && !(0x09...0x0D).contains(byte)) || byte == 0x7F {
            controls += 1
        }
        return (controls, sample.count)
    }

    // MARK: - Not UTF-8

    /// Why bytes that failed UTF-8 validation are not UTF-8: a damaged UTF-8 file, or a legacy
    /// 8-bit encoding. Runs only on refusal, so it may take a second pass over the bytes.
    ///
    /// A file with at least three valid multi-byte sequences and twice as many as invalid bytes
    /// is UTF-8 with a flaw, and the first flaw's offset and line are reported. Legacy encodings
    /// form a valid sequence only by chance: it takes a byte in C2–DF (a toned or upper-case
    /// letter, or a Windows-1258 tone mark) followed by one in 80–BF, i.e. two marked letters in
    /// a row, which Vietnamese spelling does not produce.
    static func whyNotUTF8(_ bytes: UnsafeRawBufferPointer, offsetBase: Int) -> NoticeTextError {
        let scan = scanUTF8(bytes)
        if let first = scan.firstInvalid, scan.validMultiByte >= 3, scan.invalid * 2 <= scan.validMultiByte {
            var lines = 1
            var from = 0
            while let lf = NoticeText.firstOffset(of: 0x0A, in: bytes, from: from), lf < first {
                lines += 1
                from = lf + 1
            }
            return .invalidUTF8(offset: offsetBase + first, line: lines)
        }
        return .legacyEncoding(guess: guessLegacyEncoding(bytes))
    }

    /// Counts valid multi-byte UTF-8 sequences and invalid bytes (RFC 3629's well-formed table:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    private static func scanUTF8(_ bytes: UnsafeRawBufferPointer)
        -> (validMultiByte: Int, invalid: Int, firstInvalid: Int?)
    {
        var valid = 0
        var invalid = 0
        var firstInvalid: Int?
        var i = 0
        let count = bytes.count
        while i < count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                second = 0xA0...0xBF
            case 0xED:
                length = 3
                second = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0:
                length = 4
                second = 0x90...0xBF
            case 0xF4:
                length = 4
                second = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: length = 0
            }
            var ok = length > 0 && i + length <= count && second.contains(bytes[i + 1])
            if ok {
                for k in 2..<max(length, 2) where !(0x80...0xBF).contains(bytes[i + k]) { ok = false }
            }
            if ok {
                valid += 1
                i += length
            } else {
                invalid += 1
                if firstInvalid == nil { firstInvalid = i }
                i += 1
            }
        }
        return (valid, invalid, firstInvalid)
    }

    /// Which legacy Vietnamese encoding the bytes look like, or `nil` when the evidence is thin
    /// or mixed.
    ///
    /// The three encodings write the same words with different byte shapes, so each gets points
    /// only for shapes the other two (nearly) never produce:
    ///
    /// - TCVN3 (TCVN 5712:1993 VN3, the "ABC" .VnTime fonts) has one byte per precomposed
    ///   lower-case letter, from 0xA1 up. Its most frequent letters sit in 0xA1–0xBE, where
    ///   neither other encoding has a Vietnamese letter: Ă Â Ê Ô Ơ Ư Đ (0xA1–0xA7), ă â ê ô ơ ư đ
    ///   (0xA8–0xAE), à ả ã á ạ (0xB5–0xB9), ằ ẳ ẵ ắ (0xBB–0xBE). Upper-case text reuses the
    ///   lower-case codes with an upper-case font, so the distribution is lower-case heavy.
    ///   One point per byte in those ranges.
    /// - VNI (VNI-Windows) writes a plain ASCII vowel followed by one mark byte from 0xC0–0xFC
    ///   (tone marks F9 ´, F8 `, FB ?, F5 ~, EF . after a/e/o/u/y; circumflex series E0–E5 after
    ///   a/e/o; breve series after a; upper-case marks 0x20 lower), and ơ ư as F4 F6 followed by
    ///   a tone byte. One point per such pair, leaving out the pairs the others also produce:
    ///   o+E0/E1/E3 (Windows-1258 "oà", "oá", "oă" as in hoà, toán, hoặc), u+E2 (Windows-1258
    ///   "uâ" in luận), u+F5 (Windows-1258 "uơ"), u+FA–FE (TCVN3 "uỳ…uỵ" as in thuỷ, quý),
    ///   y+F5/D5 (TCVN3 "yế" as in quyết), and a mark whose case differs from its base's.
    /// - Windows-1258 has precomposed letters only for the Latin-1 ones and adds the other tones
    ///   as combining bytes after the vowel: CC grave, EC acute, D2 hook, DE tilde, F2 dot below.
    ///   One point per combining byte after a vowel (ASCII, or Windows-1258's â ê ô ơ ư ă),
    ///   except D2 after i/u/y, which in TCVN3 is "ề" in iề, uề, yề (điều, nhiều).
    ///
    /// A guess needs at least two points and three times the runner-up's; otherwise the message
    /// names all three.
    static func guessLegacyEncoding(_ bytes: UnsafeRawBufferPointer) -> LegacyEncoding? {
        let sample = UnsafeRawBufferPointer(rebasing: bytes.prefix(sampleLength))
        var tcvn3 = 0
        var vni = 0
        var windows1258 = 0
        var previous: UInt8 = 0x20
        for byte in sample {
            defer { previous = byte }
            guard byte >= 0x80 else { continue }
            switch byte {
            case 0xA1...0xAE, 0xB5...0xB9, 0xBB...0xBE: tcvn3 += 1
            default: break
            }
            if isVNIMark(byte, after: previous) { vni += 1 }
            if isWindows1258Mark(byte, after: previous) { windows1258 += 1 }
        }
        let scores: [(LegacyEncoding, Int)] = [(.tcvn3, tcvn3), (.vni, vni), (.windows1258, windows1258)]
        let ranked = scores.sorted { $0.1 > $1.1 }
        guard ranked[0].1 >= 2, ranked[0].1 >= 3 * ranked[1].1 else { return nil }
        return ranked[0].0
    }

    /// A VNI mark byte after the letter it modifies (see `guessLegacyEncoding`).
    private static func isVNIMark(_ byte: UInt8, after previous: UInt8) -> Bool {
        // VNI writes upper-case letters as an upper-case base and an upper-case mark, 0x20 below
        // the lower-case one; fold both to lower case, and take a mark only in the base's case.
        let letter: UInt8
        let mark: UInt8
        switch previous {
        case 0x41...0x5A, 0xD4, 0xD6:  // A–Z, Ơ, Ư
            guard (0xC0...0xDF).contains(byte) else { return false }
            letter = previous + 0x20
            mark = byte + 0x20
        default:
            guard byte >= 0xE0 else { return false }
            letter = previous
            mark = byte
        }
        let tone = mark == 0xF9 || mark == 0xF8 || mark == 0xFB || mark == 0xF5 || mark == 0xEF
        switch letter {
        case UInt8(ascii: "a"):
            // Tones, the circumflex series (â ấ ầ ẩ ẫ ậ: E0–E5) and the breve series (ă ắ ằ ẳ ẵ ặ).
            switch mark {
            case 0xE0...0xE5, 0xE8...0xEB, 0xFA, 0xFC: return true
            default: return tone
            }
        case UInt8(ascii: "e"):
            return tone || (0xE0...0xE5).contains(mark)
        case UInt8(ascii: "o"):
            return tone || mark == 0xE2 || mark == 0xE4 || mark == 0xE5
        case UInt8(ascii: "u"):
            return mark == 0xF9 || mark == 0xF8 || mark == 0xEF
        case UInt8(ascii: "y"):
            // Not ỹ (F5): TCVN3 writes "yế" (quyết, tuyến) as y + D5, which is VNI's upper-case ~.
            return tone && mark != 0xF5
        case 0xF4, 0xF6:  // ơ, ư
            return tone
        default:
            return false
        }
    }

    /// A Windows-1258 combining tone byte after a vowel (see `guessLegacyEncoding`).
    private static func isWindows1258Mark(_ byte: UInt8, after previous: UInt8) -> Bool {
        switch byte {
        case 0xCC, 0xEC, 0xD2, 0xDE, 0xF2: break
        default: return false
        }
        let lower = (0x41...0x5A).contains(previous) ? previous + 0x20 : previous
        switch lower {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "o"):
            return true
        case UInt8(ascii: "i"), UInt8(ascii: "u"), UInt8(ascii: "y"):
            return byte != 0xD2
        // â ê ô ơ ư ă and their upper-case forms.
        case 0xE2, 0xEA, 0xF4, 0xF5, 0xFD, 0xE3, 0xC2, 0xCA, 0xD4, 0xD5, 0xDD, 0xC3:
            return true
        default:
            return false
        }
    }
}
