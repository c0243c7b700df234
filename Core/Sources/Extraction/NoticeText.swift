import Foundation

/// The boundary where the bytes of a notice become the text the parser reads.
///
/// Accepts UTF-8 only (with or without a byte-order mark) and hands the parser NFC text with LF
/// line ends, so nothing further in has to think about encodings, CRLF or decomposed Vietnamese.
/// Everything else is refused with a `NoticeTextError` that names what the input looks like
/// (UTF-16, a PDF, a DOCX, a legacy Vietnamese 8-bit encoding, binary data, …).
///
/// Every pass over the bytes is linear and uses the C library or the standard library's
/// validator for the long runs, so a 10 MB notice decodes in a fraction of a second even in a
/// debug build.
public enum NoticeText {
    /// The largest input `read` accepts by default: 16 MiB, far above any real notice (the
    /// corpus's longest is under 100 KB) and small enough to refuse a mistaken file quickly.
    public static let defaultMaxBytes = 16 * 1024 * 1024

    /// Decodes the bytes of a notice: UTF-8 with or without a BOM (the BOM is dropped), CRLF and
    /// lone CR line ends turned into LF, and the text normalised to NFC.
    ///
    /// Empty input gives `""`. Input that is not UTF-8 text throws the error that names what it
    /// looks like.
    public static func decode(_ data: Data) throws(NoticeTextError) -> String {
        if data.isEmpty { return "" }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(NoticeTextError) -> String in try decode(bytes: raw) }
        }
        return try result.get()
    }

    /// Reads and decodes the notice at `url` (a file URL).
    ///
    /// Refuses a missing path, a directory, an unreadable file, and a file larger than
    /// `maxBytes` (checked from the file's size before anything is read). An empty file gives `""`.
    public static func read(contentsOf url: URL, maxBytes: Int = 16 * 1024 * 1024) throws(NoticeTextError)
        -> String
    {
        let path = url.relativePath
        let fullPath = url.path(percentEncoded: false)
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: fullPath, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw .isDirectory(path: path) }
        // A regular file's size is known before reading: refuse a large one without reading a
        // byte. Pipes and devices (`/dev/stdin`) report no useful size; the bounded read below
        // stops them at the limit instead.
        if let attributes = try? files.attributesOfItem(atPath: fullPath),
            attributes[.type] as? FileAttributeType == .typeRegular,
            let size = (attributes[.size] as? NSNumber)?.intValue, size > maxBytes
        {
            throw .tooLarge(path: path, bytes: size, limit: maxBytes)
        }
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            let reason =
                files.isReadableFile(atPath: fullPath) ? "the system refused to open it" : "permission denied"
            throw .unreadable(path: path, reason: reason)
        }
        defer { try? handle.close() }
        return try read(from: handle, name: path, maxBytes: maxBytes)
    }

    /// Reads `handle` to its end (at most `maxBytes`) and decodes it; for standard input and
    /// pipes. `name` is what errors call the input ("stdin").
    public static func read(from handle: FileHandle, name: String, maxBytes: Int = 16 * 1024 * 1024)
        throws(NoticeTextError) -> String
    {
        var data = Data()
        while data.count <= maxBytes {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: min(1 << 20, maxBytes + 1 - data.count))
            } catch {
                throw .unreadable(path: name, reason: "read error")
            }
            guard let chunk, !chunk.isEmpty else { break }
            data.append(chunk)
        }
        if data.count > maxBytes { throw .tooLarge(path: name, bytes: nil, limit: maxBytes) }
        return try decode(data)
    }

    // MARK: - The pipeline

    private static func decode(bytes all: UnsafeRawBufferPointer) throws(NoticeTextError) -> String {
        if let wide = NoticeSniffer.unicodeByteOrderMark(all) { throw wide }
        let bomLength = NoticeSniffer.hasUTF8ByteOrderMark(all) ? 3 : 0
        let body = UnsafeRawBufferPointer(rebasing: all[bomLength...])
        if body.isEmpty { return "" }
        if let document = NoticeSniffer.documentFormat(body) { throw document }
        if let nul = firstOffset(of: 0, in: body) {
            if let wide = NoticeSniffer.wideUnicodeWithoutByteOrderMark(body) { throw wide }
            throw .binary(nulOffset: bomLength + nul, controlBytes: 0, sampledBytes: 0)
        }
        let (controls, sampled) = NoticeSniffer.controlBytes(body)
        // Text has at most a stray form feed or escape; more than 2% control bytes is data.
        if controls * 50 > sampled {
            throw .binary(nulOffset: nil, controlBytes: controls, sampledBytes: sampled)
        }
        let validated: String?
        if firstOffset(of: 0x0D, in: body) == nil {
            validated = String(validating: body, as: UTF8.self)
        } else {
            // CR (0x0D) never occurs inside a multi-byte UTF-8 sequence, so line ends can be
            // rewritten on the bytes before validation.
            validated = unixLineEnds(body).withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        }
        guard let text = validated else {
            throw NoticeSniffer.whyNotUTF8(body, offsetBase: bomLength)
        }
        return nfc(text)
    }

    /// The offset of the first `byte` in `bytes` (memchr: the C library's vectorised search).
    static func firstOffset(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from start: Int = 0) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// The bytes with CRLF and lone CR replaced by LF, copied a line at a time.
    private static func unixLineEnds(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var start = 0
        while let cr = firstOffset(of: 0x0D, in: bytes, from: start) {
            out.append(contentsOf: bytes[start..<cr])
            out.append(0x0A)
            start = cr + 1
            if start < bytes.count, bytes[start] == 0x0A { start += 1 }
        }
        out.append(contentsOf: bytes[start...])
        return out
    }

    // MARK: - NFC

    /// `text` in Unicode Normalization Form C.
    ///
    /// Foundation's `precomposedStringWithCanonicalMapping` is quadratic in the length of what it
    /// is given on Linux (measured with swift-foundation in Swift 6.3: 1 MB of decomposed
    /// Vietnamese took 2.4 s, 10 MB about six minutes). So the text is cut into pieces of about
    /// 2 KB, each ending just before an ASCII byte, and only the pieces that may not be NFC
    /// already are normalised. Cutting before an ASCII character is safe: ASCII characters are
    /// starters (combining class 0) that are never the second element of a canonical
    /// composition, so nothing on one side of the cut composes or reorders with the other side.
    static func nfc(_ text: String) -> String {
        var text = text
        let pieces = text.withUTF8 { bytes in piecesNeedingNFC(bytes) }
        if pieces.isEmpty { return text }
        return text.withUTF8 { bytes in
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + bytes.count / 8)
            var copied = 0
            for piece in pieces {
                out.append(contentsOf: bytes[copied..<piece.lowerBound])
                let original = String(decoding: bytes[piece], as: UTF8.self)
                out.append(contentsOf: original.precomposedStringWithCanonicalMapping.utf8)
                copied = piece.upperBound
            }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The byte ranges (cut before ASCII bytes, about 2 KB long) that hold a scalar outside the
    /// ranges known to be NFC-stable.
    ///
    /// The quick check is conservative (a piece it passes is certainly NFC; a piece it flags is
    /// just normalised): ASCII; U+0080–U+02FF (Latin-1, Latin Extended-A/B, IPA, spacing modifier
    /// letters: precomposed letters and symbols, all NFC_Quick_Check=Yes); U+1E00–U+1EFF (Latin
    /// Extended Additional, where most precomposed Vietnamese letters live); and U+2010–U+2027
    /// (dashes, quotation marks, bullet, ellipsis). Combining marks (U+0300…) and everything else
    /// flag their piece.
    private static func piecesNeedingNFC(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let pieceLength = 2048
        var pieces: [Range<Int>] = []
        var pieceStart = 0
        var flagged = false
        var i = 0
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b < 0x80 {
                if i - pieceStart >= pieceLength {
                    if flagged { pieces.append(pieceStart..<i) }
                    pieceStart = i
                    flagged = false
                }
                i += 1
                continue
            }
            if flagged {
                i += 1
                continue
            }
            switch b {
            case 0xC2...0xCB:  // U+0080–U+02FF
                i += 2
            case 0xE1 where i + 1 < count && (0xB8...0xBB).contains(bytes[i + 1]):  // U+1E00–U+1EFF
                i += 3
            case 0xE2 where i + 2 < count && bytes[i + 1] == 0x80 && (0x90...0xA7).contains(bytes[i + 2]):
                i += 3  // U+2010–U+2027
            default:
                flagged = true
                i += 1
            }
        }
        if flagged { pieces.append(pieceStart..<count) }
        return pieces
    }
}
