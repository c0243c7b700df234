import Foundation

/// One line of the notice after the markup of Word-to-Markdown and PDF-to-text conversions is
/// removed: emphasis, heading marks, escapes, table pipes.
struct SourceLine: Sendable {
    /// 0-based line number in the input.
    let number: Int
    /// Leading spaces (tabs count as four), from PDF `-layout` text.
    let indent: Int
    /// The text, trimmed, markup removed.
    let text: String
    /// The cells of a table row ("| a | b |"), each with its own lines (`<br>` splits them).
    let cells: [[String]]?
    /// Whether the line was a Markdown heading ("## ...").
    let isHeading: Bool

    /// The columns when a run of three or more spaces splits the line; `nil` when the text is
    /// its only column (most lines: no array is made for them until `columns` is asked).
    let wideColumns: [String]?

    var isBlank: Bool { cells == nil && text.isEmpty }
    var isTableRow: Bool { cells != nil }

    /// The line split at runs of three or more spaces: the columns of a PDF `-layout` page
    /// ("Số: 134 /KH-UBND        Lào Cai, ngày 26 tháng 3 năm 2026").
    var columns: [String] {
        if let wideColumns { return wideColumns }
        return cells == nil && text.isEmpty ? [] : [text]
    }
}

enum SourceLines {
    /// Splits the notice into lines and removes markup. Table separator rows ("| --- |") and
    /// page-number lines of PDF text are dropped, with the blank lines around a page number.
    static func read(_ text: String) -> [SourceLine] {
        var source = text
        source.makeContiguousUTF8()
        // The whole reader works on the UTF-8 bytes: the text is NFC and every mark it looks for
        // is ASCII, so byte tests are exact, and building each line's text in one buffer costs
        // a fraction of appending scalars and `Character` walks.
        let lines = source.utf8.withContiguousStorageIfAvailable { buf in
            byteClasses.withUnsafeBufferPointer { classes in
                Reader(source: source, buf: buf, classes: classes).lines()
            }
        }!
        return dropPageNumbers(lines)
    }

    /// What `Reader.line` needs to know of a byte, as bits: one table lookup per byte instead
    /// of a chain of comparisons. Plain text bytes, the most, are 0, and so is the space: spaces
    /// are counted without a branch, so the words of a line do not break the scan's rhythm.
    enum ByteClass {
        /// Line feed, form feed: the line ends.
        static let end: UInt8 = 1
        /// Tab: a gap that folds and splits columns.
        static let tab: UInt8 = 2
        /// "*", "#", "\", "_", "<", and the lead byte of U+00A0: markup to strip.
        static let markup: UInt8 = 4
        /// Carriage return and the lead bytes of other white space (C2, E2, E3): spaces may
        /// need folding (`needsCollapse`).
        static let special: UInt8 = 8
    }

    /// The `ByteClass` bits of each byte value.
    static let byteClasses: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        t[0x0A] = ByteClass.end
        t[0x0C] = ByteClass.end
        t[0x09] = ByteClass.tab
        for b in [0x2A, 0x23, 0x5C, 0x5F, 0x3C] { t[b] = ByteClass.markup }  // * # \ _ <
        t[0xC2] = ByteClass.markup | ByteClass.special
        for b in [0x0D, 0xE2, 0xE3] { t[b] = ByteClass.special }
        return t
    }()

    /// The bytes of the notice and the string they belong to (lines that need no change are
    /// copied from it without decoding them again).
    struct Reader {
        let source: String
        let buf: UnsafeBufferPointer<UInt8>
        /// `SourceLines.byteClasses`.
        let classes: UnsafeBufferPointer<UInt8>

        /// The lines, split at line feeds and form feeds (page breaks of pdftotext).
        func lines() -> [SourceLine] {
            var out: [SourceLine] = []
            out.reserveCapacity(buf.count / 40)
            var number = 0
            var start = 0
            while start <= buf.count {
                if let line = line(from: start, number: number, end: &start) { out.append(line) }
                number += 1
                start += 1
            }
            return out
        }

        /// The line that starts at byte `lo`, `nil` for a table separator row; sets `end` to the
        /// line feed (or form feed, or end of text) that ends it.
        func line(from lo: Int, number: Int, end: inout Int) -> SourceLine? {
            let n = buf.count
            var i = lo
            // Leading spaces and tabs: the indentation (a tab counts as four).
            var indent = 0
            while i < n {
                let c = buf[i]
                if c == 0x20 { indent += 1 } else if c == 0x09 { indent += 4 } else { break }
                i += 1
            }
            // One pass to the end of the line: the markup and white space it holds, and whether
            // it has two spaces in a row (which fold to one) or three (which split columns, as a
            // tab does). Runs at its end count too: folding and splitting trim them anyway.
            let first = i
            var seen: UInt8 = 0
            var prev: UInt8 = 0
            var prev2: UInt8 = 0
            var pairs: UInt8 = 0
            var triples: UInt8 = 0
            while i < n {
                let b = buf[i]
                let c = classes[Int(b)]
                if c != 0 {
                    if c == ByteClass.end { break }
                    seen |= c
                }
                let space: UInt8 = b == 0x20 ? 1 : 0
                pairs |= prev & space
                triples |= prev2 & prev & space
                prev2 = prev
                prev = space
                i += 1
            }
            end = i
            // Blanks at the end, then other white space at both ends (U+00A0, U+1680 …).
            var last = i
            while last > first, buf[last - 1] == 0x20 || buf[last - 1] == 0x09 { last -= 1 }
            let (a, b) = trim(buf, first, last)
            if a < b, buf[a] == 0x7C {  // "|"
                return tableRow(a, b, number: number, indent: indent)
            }
            let markup = seen & ByteClass.markup != 0
            let clean: String
            let heading: Bool
            if markup {
                (clean, heading) = stripMarkup(buf, a, b)
            } else {
                // Without tabs, C2, E2, E3 or CR bytes, only two spaces in a row can need folding.
                let fold = pairs != 0 || seen & (ByteClass.tab | ByteClass.special) != 0
                clean = collapseSpaces(a, b, fold: fold)
                heading = false
            }
            var columns: [String]?
            if triples != 0 || seen & ByteClass.tab != 0 {
                columns = []
                for (s, e) in splitColumns(buf, lo, end) {
                    let column = markup ? stripMarkup(buf, s, e).text : collapseSpaces(s, e, fold: true)
                    if !column.isEmpty { columns!.append(column) }
                }
            }
            return SourceLine(
                number: number, indent: indent, text: clean, cells: nil, isHeading: heading, wideColumns: columns)
        }

        /// Bytes `lo..<hi` with white space folded (`SourceLines.collapseSpaces`); a copy of the
        /// source's bytes when there is nothing to fold (`fold` false tells that this is known).
        func collapseSpaces(_ lo: Int, _ hi: Int, fold: Bool) -> String {
            guard lo < hi else { return "" }
            guard fold, needsCollapse(UnsafeBufferPointer(rebasing: buf[lo..<hi])) else {
                let u = source.utf8
                return String(source[u.index(u.startIndex, offsetBy: lo)..<u.index(u.startIndex, offsetBy: hi)])
            }
            return SourceLines.collapseSpaces(buf, lo, hi)
        }

        /// A table row "| a | b<br>c |", trimmed bytes `a..<b` starting with "|"; `nil` for a
        /// separator row ("| --- | :-: |").
        func tableRow(_ a: Int, _ b: Int, number: Int, indent: Int) -> SourceLine? {
            let cells = tableCells(buf, a, b)
            let separator = cells.allSatisfy { (s, e) in
                (s..<e).allSatisfy { k in
                    let c = buf[k]
                    return c == 0x2D || c == 0x3A || c == 0x7C || c == 0x20  // - : | space
                }
            }
            if separator { return nil }
            var cellLines: [[String]] = []
            cellLines.reserveCapacity(cells.count)
            var flat = ""
            for (k, (s, e)) in cells.enumerated() {
                var lines: [String] = []
                for (ps, pe) in splitBreaks(buf, s, e) {
                    let t = stripMarkup(buf, ps, pe).text
                    if !t.isEmpty { lines.append(t) }
                }
                // The cells' lines joined by one space, cells too (an empty cell leaves two spaces).
                if k > 0 { flat += " " }
                for (j, line) in lines.enumerated() {
                    if j > 0 { flat += " " }
                    flat += line
                }
                cellLines.append(lines)
            }
            return SourceLine(
                number: number, indent: indent, text: flat, cells: cellLines, isHeading: false, wideColumns: nil)
        }
    }

    /// Removes lines that hold only a page number ("2", "- 2 -", "Trang 2") with the blank lines
    /// that follow them, so that text broken by a page joins again.
    static func dropPageNumbers(_ lines: [SourceLine]) -> [SourceLine] {
        // Most notices (Word text) have none: the lines are kept as they are, not copied.
        guard let firstPage = lines.firstIndex(where: { !$0.isTableRow && isPageNumber($0.text) }) else { return lines }
        var out: [SourceLine] = []
        out.reserveCapacity(lines.count)
        out.append(contentsOf: lines[..<firstPage])
        var i = firstPage
        while i < lines.count {
            let line = lines[i]
            if !line.isTableRow, isPageNumber(line.text) {
                // Drop blank lines on both sides.
                while let last = out.last, last.isBlank { out.removeLast() }
                // Footnotes at the foot of the page ("1 Nghị định số …") go with the page number.
                if let f = out.indices.reversed().prefix(8).last(where: { isFootnoteStart(out[$0].text) }),
                    out[f...].allSatisfy({ !$0.isTableRow && Label.parse(Substring($0.text)) == nil || isFootnoteStart($0.text) })
                {
                    out.removeSubrange(f...)
                    while let last = out.last, last.isBlank { out.removeLast() }
                }
                i += 1
                while i < lines.count, lines[i].isBlank { i += 1 }
                continue
            }
            out.append(line)
            i += 1
        }
        return out
    }

    /// "1 Nghị định số 34/2016/NĐ-CP …": a footnote's number, a space, then its text.
    static func isFootnoteStart(_ text: String) -> Bool {
        let u = Array(text.utf8.prefix(4))
        guard let d = u.first, d >= 0x31, d <= 0x39 else { return false }
        var k = 1
        if k < u.count, u[k] >= 0x30, u[k] <= 0x39 { k += 1 }
        guard k + 1 < u.count, u[k] == 0x20 else { return false }
        return u[k + 1] >= 0x41 && u[k + 1] <= 0x5A || u[k + 1] >= 0xC3
    }

    static func isPageNumber(_ text: String) -> Bool {
        guard text.utf8.count <= 12, let f = text.utf8.first, f < 0x80 else { return false }
        // ASCII text (no line feed, so no CR LF): each byte is a `Character`.
        let sure: Bool?? = text.utf8.withContiguousStorageIfAvailable { u in
            guard u.allSatisfy({ $0 < 0x80 }) else { return nil }
            var lo = 0
            var hi = u.count
            if hi >= 6, u[0] == 0x54, u[1] == 0x72, u[2] == 0x61, u[3] == 0x6E, u[4] == 0x67, u[5] == 0x20 { lo = 6 }  // "Trang "
            while lo < hi, u[lo] == 0x2D || u[lo] == 0x20 { lo += 1 }  // "-", " "
            while hi > lo, u[hi - 1] == 0x2D || u[hi - 1] == 0x20 { hi -= 1 }
            return hi > lo && hi - lo <= 3 && u[lo..<hi].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        }
        if let sure = sure ?? nil { return sure }
        var t = Substring(text)
        if t.hasPrefix("Trang ") { t = t.dropFirst(6) }
        t = t.drop(while: { $0 == "-" || $0 == " " })
        while let last = t.last, last == "-" || last == " " { t = t.dropLast() }
        return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isASCIIDigit)
    }

    /// The byte length of the white-space scalar starting at `i` (as `Tokens.classify` sees
    /// it), 0 when the scalar there is not white space.
    @inline(__always)
    static func spaceWidth(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ hi: Int) -> Int {
        let b = buf[i]
        if b < 0x80 { return b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D ? 1 : 0 }
        return VietnameseText.isSpace(buf, at: i, end: hi) ? (b == 0xC2 ? 2 : 3) : 0
    }

    /// Bytes `lo..<hi` without the white space at both ends.
    static func trim(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
        var lo = lo
        var hi = hi
        while lo < hi {
            let w = spaceWidth(buf, lo, hi)
            if w == 0 { break }
            lo += w
        }
        while hi > lo {
            // The start of the last scalar: step back over continuation bytes.
            var p = hi - 1
            while p > lo, buf[p] & 0xC0 == 0x80 { p -= 1 }
            guard spaceWidth(buf, p, hi) == hi - p else { break }
            hi = p
        }
        return (lo, hi)
    }

    /// Bytes `lo..<hi` with runs of white space folded to one space and the ends trimmed, as
    /// `VietnameseText.collapseSpaces` does, without an intermediate string.
    static func collapseSpaces(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> String {
        guard lo < hi else { return "" }
        return String(unsafeUninitializedCapacity: hi - lo) { out in
            collapseSpaces(UnsafeBufferPointer(rebasing: buf[lo..<hi]), into: out.baseAddress!)
        }
    }

    /// Whether `collapseSpaces` changes `src`: the same test as `VietnameseText.collapseSpaces`
    /// (which thus leaves a U+1680 between single spaces as it is).
    @inline(__always)
    static func needsCollapse(_ src: UnsafeBufferPointer<UInt8>) -> Bool {
        var prevSpace = true
        for b in src {
            let space = b == 0x20
            if b == 0x09 || b == 0x0A || b == 0x0D || b == 0xC2 || b == 0xE2 || b == 0xE3 || (space && prevSpace) {
                return true
            }
            prevSpace = space
        }
        return prevSpace
    }

    /// Copies `src` to `dst` folding white space (see `collapseSpaces`); returns the bytes
    /// written. `dst` may be `src` itself: it is written no faster than read.
    static func collapseSpaces(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutablePointer<UInt8>) -> Int {
        if !needsCollapse(src) {
            if dst != UnsafeMutablePointer(mutating: src.baseAddress!) { dst.update(from: src.baseAddress!, count: src.count) }
            return src.count
        }
        var n = 0
        var i = 0
        var pendingSpace = false
        var started = false
        while i < src.count {
            let w = spaceWidth(src, i, src.count)
            if w > 0 {
                pendingSpace = started
                i += w
                continue
            }
            if pendingSpace {
                dst[n] = 0x20
                n += 1
                pendingSpace = false
            }
            started = true
            // Continuation bytes are never white space: whole scalars are copied byte by byte.
            dst[n] = src[i]
            n += 1
            i += 1
        }
        return n
    }

    /// Splits a Markdown table row (trimmed bytes `a..<b`) into cells, each trimmed.
    static func tableCells(_ buf: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> [(Int, Int)] {
        // A "|" next to a non-ASCII scalar may belong to a larger `Character` (a combining mark
        // after it): there, split by `Character`s as the converters' text was read before.
        for k in a..<b where buf[k] == 0x7C {
            if k + 1 < b && buf[k + 1] >= 0x80 || k > a && buf[k - 1] >= 0x80 {
                let row = String(decoding: UnsafeBufferPointer(rebasing: buf[a..<b]), as: UTF8.self)
                return tableCells(row[...]).map { cell in
                    (a + row.utf8.distance(from: row.startIndex, to: cell.startIndex),
                     a + row.utf8.distance(from: row.startIndex, to: cell.endIndex))
                }
            }
        }
        var lo = a
        var hi = b
        if lo < hi, buf[lo] == 0x7C { lo += 1 }
        if lo < hi, buf[hi - 1] == 0x7C { hi -= 1 }
        var cells: [(Int, Int)] = []
        var start = lo
        for k in lo..<hi where buf[k] == 0x7C {
            cells.append(trim(buf, start, k))
            start = k + 1
        }
        cells.append(trim(buf, start, hi))
        return cells
    }

    /// Splits a Markdown table row into cells, by `Character`s.
    static func tableCells(_ row: Substring) -> [Substring] {
        var body = row
        if body.first == "|" { body = body.dropFirst() }
        if body.last == "|" { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map(trim)
    }

    static func trim(_ s: Substring) -> Substring {
        var lo = s.unicodeScalars.startIndex
        var hi = s.unicodeScalars.endIndex
        while lo < hi, Tokens.classify(s.unicodeScalars[lo].value) == .space { lo = s.unicodeScalars.index(after: lo) }
        while hi > lo {
            let p = s.unicodeScalars.index(before: hi)
            guard Tokens.classify(s.unicodeScalars[p].value) == .space else { break }
            hi = p
        }
        return s[lo..<hi]
    }

    /// The end of an HTML line break ("<br>", "<br/>", "<BR />") starting at `i` (the index
    /// after its ">"), or `nil`.
    @inline(__always)
    static func breakTag(_ p: UnsafePointer<UInt8>, _ i: Int, _ hi: Int) -> Int? {
        guard p[i] == 0x3C, i + 2 < hi, p[i + 1] | 0x20 == 0x62, p[i + 2] | 0x20 == 0x72 else { return nil }
        var close = i + 3
        while close < hi, p[close] != 0x3E, p[close] != 0x3C { close += 1 }
        guard close < hi, p[close] == 0x3E else { return nil }
        return close + 1
    }

    /// Splits bytes `lo..<hi` at the HTML line breaks that Markdown converters write inside
    /// table cells; the parts are trimmed.
    static func splitBreaks(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [(Int, Int)] {
        var parts: [(Int, Int)] = []
        var start = lo
        var i = lo
        while i < hi {
            if let next = breakTag(buf.baseAddress!, i, hi) {
                parts.append(trim(buf, start, i))
                i = next
                start = i
            } else {
                i += 1
            }
        }
        parts.append(trim(buf, start, hi))
        return parts
    }

    /// Splits a line (bytes `lo..<hi`) at runs of three or more spaces (a tab counts as four);
    /// the parts are trimmed, empty ones left out.
    static func splitColumns(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> [(Int, Int)] {
        var parts: [(Int, Int)] = []
        var start = lo
        var spaces = 0
        var spaceStart = lo
        for i in lo..<hi {
            let v = buf[i]
            if v == 0x20 || v == 0x09 {
                if spaces == 0 { spaceStart = i }
                spaces += v == 0x09 ? 4 : 1
            } else {
                if spaces >= 3 {
                    let part = trim(buf, start, spaceStart)
                    if part.0 < part.1 { parts.append(part) }
                    start = i
                }
                spaces = 0
            }
        }
        let part = trim(buf, start, hi)
        if part.0 < part.1 { parts.append(part) }
        return parts
    }

    /// Removes Markdown markup from bytes `lo..<hi`: heading marks, emphasis (`*`, `**`, `_`),
    /// backslash escapes and HTML breaks, then folds white space; returns the text and whether
    /// it was a Markdown heading. A leading "* " stays, as a bullet.
    static func stripMarkup(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (text: String, heading: Bool) {
        var (lo, hi) = trim(buf, lo, hi)
        var heading = false
        if lo < hi, buf[lo] == 0x23 {  // "#"
            (heading, lo, hi) = headingMark(buf, lo, hi)
        }
        guard lo < hi else { return ("", heading) }
        let text = String(unsafeUninitializedCapacity: hi - lo) { out in
            // Markup marks are ASCII and the bytes of other scalars are copied unchanged.
            let o = out.baseAddress!
            var n = 0
            var i = lo
            var angle = false
            // A leading "* " is a bullet, not emphasis.
            if buf[i] == 0x2A, i + 1 < hi, buf[i + 1] == 0x20 {
                o[0] = 0x2A
                o[1] = 0x20
                n = 2
                i += 2
            }
            var prev: UInt8 = 0x20
            while i < hi {
                let c = buf[i]
                // Letters, spaces and the bytes of other scalars (most) are no markup: copied.
                if c >= 0x60 || c < 0x2A {
                    o[n] = c
                    prev = c
                    n += 1
                    i += 1
                    continue
                }
                if c == 0x2A {  // "*"
                    i += 1
                    continue
                }
                if c == 0x5C, i + 1 < hi, buf[i + 1] < 0x80, !isASCIIAlphanumeric(buf[i + 1]) {  // "\" + punctuation
                    prev = buf[i + 1]
                    if prev == 0x3C { angle = true }
                    o[n] = prev
                    n += 1
                    i += 2
                    continue
                }
                if c == 0x5F, prev == 0x20 || i + 1 == hi || buf[i + 1] == 0x20 {  // "_" at a word's edge
                    i += 1
                    continue
                }
                if c == 0x3C { angle = true }
                o[n] = c
                prev = c
                n += 1
                i += 1
            }
            // Line breaks: the parts between them are trimmed and joined by one space.
            if angle {
                var r = 0
                var w = 0
                while true {
                    var t = r
                    var next: Int?
                    while t < n {
                        next = breakTag(UnsafePointer(o), t, n)
                        if next != nil { break }
                        t += 1
                    }
                    let (s, e) = trim(UnsafeBufferPointer(start: o, count: n), r, t)
                    for k in s..<e {
                        o[w] = o[k]
                        w += 1
                    }
                    guard let next else { break }
                    o[w] = 0x20
                    w += 1
                    r = next
                }
                n = w
            }
            return collapseSpaces(UnsafeBufferPointer(start: o, count: n), into: o)
        }
        return (text, heading)
    }

    /// "## Title": whether the trimmed bytes `lo..<hi` (starting with "#") are a Markdown
    /// heading, and the bytes of its text.
    static func headingMark(_ buf: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Bool, Int, Int) {
        var hashes = 0
        while lo + hashes < hi, buf[lo + hashes] == 0x23 { hashes += 1 }
        guard hashes <= 6 else { return (false, lo, hi) }
        let after = lo + hashes
        if after == hi { return (true, hi, hi) }
        if buf[after] < 0x80, buf[after] != 0x20 { return (false, lo, hi) }
        if buf[after] == 0x20, after + 1 == hi || buf[after + 1] < 0x80 {
            let (s, e) = trim(buf, after, hi)
            return (true, s, e)
        }
        // A mark or space joined to a combining mark: compare `Character`s, as written.
        let line = String(decoding: UnsafeBufferPointer(rebasing: buf[lo..<hi]), as: UTF8.self)
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " else { return (false, lo, hi) }
        let t = trim(rest)
        return (
            true, lo + line.utf8.distance(from: line.startIndex, to: t.startIndex),
            lo + line.utf8.distance(from: line.startIndex, to: t.endIndex)
        )
    }

    @inline(__always)
    static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A)
    }
}

/// Tests on the UTF-8 bytes of NFC text, for code that reads marks and labels by their bytes but
/// must cut the text exactly where `Character`s end.
enum UTF8Text {
    /// The scalar starting at byte `i` and its length in bytes.
    @inline(__always)
    static func scalar(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(u[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < u.count { return ((b0 & 0x1F) << 6 | UInt32(u[i + 1]) & 0x3F, 2) }
        if b0 < 0xF0, i + 2 < u.count {
            return ((b0 & 0x0F) << 12 | (UInt32(u[i + 1]) & 0x3F) << 6 | UInt32(u[i + 2]) & 0x3F, 3)
        }
        if i + 3 < u.count {
            return (
                (b0 & 0x07) << 18 | (UInt32(u[i + 1]) & 0x3F) << 12 | (UInt32(u[i + 2]) & 0x3F) << 6
                    | UInt32(u[i + 3]) & 0x3F, 4
            )
        }
        return (0xFFFD, 1)
    }

    /// Whether a `Character` surely ends at byte `i` (a scalar boundary): both scalars around it
    /// are of the scripts the genre uses (ASCII, Latin-1, Latin Extended, Vietnamese letters,
    /// general punctuation), which never join into one grapheme (checked over all pairs). A
    /// combining mark, joiner or other script makes it unsure: `false`.
    @inline(__always)
    static func isBoundary(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i > 0, i < u.count else { return true }
        let a = u[i - 1]
        let b = u[i]
        if a < 0x80 && b < 0x80 { return !(a == 0x0D && b == 0x0A) }
        if b >= 0x80 && !isSeparateScalar(u, i) { return false }
        if a >= 0x80 {
            var p = i - 1
            while p > 0, u[p] & 0xC0 == 0x80 { p -= 1 }
            if !isSeparateScalar(u, p) { return false }
        }
        return true
    }

    /// `isSeparate(scalar(u, i).0)`, from the lead byte for the common scalars: C2–CB start
    /// U+0080–U+02FF, and E1 with a second byte B8–BB starts U+1E00–U+1EFF.
    @inline(__always)
    static func isSeparateScalar(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b0 = u[i]
        if b0 >= 0xC2 && b0 <= 0xCB && i + 1 < u.count { return true }
        if b0 == 0xE1 && i + 2 < u.count { return (u[i + 1] & 0x3F) >> 2 == 0x0E }
        return isSeparate(scalar(u, i).0)
    }

    /// `body` on the bytes of `s` and of `p`; `nil` when either has no contiguous bytes or
    /// `body` is unsure.
    @inline(__always)
    static func withBytes<R>(
        _ s: some StringProtocol, _ p: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> R?
    ) -> R? {
        let r: R?? = s.utf8.withContiguousStorageIfAvailable { u in
            p.utf8.withContiguousStorageIfAvailable { q in body(u, q) } ?? nil
        }
        return r ?? nil
    }

    /// Whether bytes `u[at..<(at + q.count)]` are `q` (the caller checks they exist).
    @inline(__always)
    static func bytesEqual(_ u: UnsafeBufferPointer<UInt8>, _ at: Int, _ q: UnsafeBufferPointer<UInt8>) -> Bool {
        q.isEmpty || memcmp(u.baseAddress! + at, q.baseAddress!, q.count) == 0
    }

    /// Whether every scalar of `u` is surely a `Character` of its own (a boundary before each).
    static func isEveryScalarACharacter(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        (0..<u.count).allSatisfy { i in u[i] & 0xC0 == 0x80 || isBoundary(u, i) }
    }

    /// `s.hasPrefix(p)`: the bytes (both NFC, so byte equality is canonical equality), then a
    /// `Character` boundary after them, asked of the string itself when unsure.
    static func hasPrefix(_ s: some StringProtocol, _ p: String) -> Bool {
        withBytes(s, p) { u, q in
            guard q.count <= u.count, bytesEqual(u, 0, q) else { return false }
            return isBoundary(u, q.count) ? true : nil
        } ?? s.hasPrefix(p)
    }

    /// `s.hasSuffix(p)`, as `hasPrefix`.
    static func hasSuffix(_ s: some StringProtocol, _ p: String) -> Bool {
        withBytes(s, p) { u, q in
            guard q.count <= u.count, bytesEqual(u, u.count - q.count, q) else { return false }
            return isBoundary(u, u.count - q.count) ? true : nil
        } ?? s.hasSuffix(p)
    }

    /// Foundation's `s.range(of: p)` (the first match of whole `Character`s): a byte search,
    /// with Foundation asked when the first match is not surely cut at `Character` boundaries.
    static func range(of p: String, in s: Substring) -> Range<String.Index>? {
        // The offset of the first match and whether it is sure; `nil` for no match.
        let found: (Int, Bool)?? = withBytes(s, p) { u, q -> (Int, Bool)?? in
            guard let first = q.first else { return .some(nil) }
            let n = q.count
            var i = 0
            while i + n <= u.count {
                if u[i] == first, bytesEqual(u, i, q) { return .some((i, isBoundary(u, i) && isBoundary(u, i + n))) }
                i += 1
            }
            return .some(nil)
        }
        guard let found else { return s.range(of: p) }
        guard let (i, sure) = found else { return nil }
        guard sure else { return s.range(of: p) }
        let lower = s.utf8.index(s.startIndex, offsetBy: i)
        return lower..<s.utf8.index(lower, offsetBy: p.utf8.count)
    }

    /// Whether Foundation's `s.range(of: p)` finds `p`.
    static func contains(_ s: String, _ p: String) -> Bool { range(of: p, in: s[...]) != nil }

    /// `s.trimmingCharacters(in: .whitespaces)` without a copy: Foundation trims the scalars of
    /// category Zs, the tab and U+200B at both ends.
    static func trimmingWhitespaces(_ s: String) -> Substring {
        func width(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
            switch u[i] {
            case 0x20, 0x09: return 1
            case 0xC2: return i + 1 < u.count && u[i + 1] == 0xA0 ? 2 : 0
            case 0xE1: return i + 2 < u.count && u[i + 1] == 0x9A && u[i + 2] == 0x80 ? 3 : 0
            case 0xE2:
                guard i + 2 < u.count else { return 0 }
                let (b1, b2) = (u[i + 1], u[i + 2])
                return b1 == 0x80 && (b2 <= 0x8B || b2 == 0xAF) || b1 == 0x81 && b2 == 0x9F ? 3 : 0
            case 0xE3: return i + 2 < u.count && u[i + 1] == 0x80 && u[i + 2] == 0x80 ? 3 : 0
            default: return 0
            }
        }
        let range: (Int, Int)? = s.utf8.withContiguousStorageIfAvailable { u in
            var lo = 0
            var hi = u.count
            while lo < hi {
                let w = width(u, lo)
                if w == 0 { break }
                lo += w
            }
            while hi > lo {
                var p = hi - 1
                while p > lo, u[p] & 0xC0 == 0x80 { p -= 1 }
                guard width(u, p) == hi - p else { break }
                hi = p
            }
            return (lo, hi)
        }
        guard let (lo, hi) = range else { return Substring(s.trimmingCharacters(in: .whitespaces)) }
        let v = s.utf8
        return s[v.index(v.startIndex, offsetBy: lo)..<v.index(v.startIndex, offsetBy: hi)]
    }

    /// `s.split(separator: Character(c))` for an ASCII `c`, on the bytes when every `c` is surely
    /// a `Character` of its own.
    static func split(_ s: Substring, _ c: UInt8) -> [Substring] {
        let parts: [Substring]?? = s.utf8.withContiguousStorageIfAvailable { u -> [Substring]? in
            // One pass: the parts are cut as the separators are found (the whole is read again
            // by `Character`s if one is unsure).
            let v = s.utf8
            var parts: [Substring] = []
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == c {
                if i < u.count {
                    guard isBoundary(u, i), isBoundary(u, i + 1) else { return nil }
                }
                if i > start { parts.append(s[v.index(s.startIndex, offsetBy: start)..<v.index(s.startIndex, offsetBy: i)]) }
                start = i + 1
            }
            return parts
        }
        return (parts ?? nil) ?? s.split(separator: Character(Unicode.Scalar(c)))
    }

    /// Scalars that never join a neighbour into one `Character`.
    @inline(__always)
    static func isSeparate(_ v: UInt32) -> Bool {
        v < 0x300 || (v >= 0x1E00 && v <= 0x1EFF) || (v >= 0x2010 && v <= 0x2027)
    }
}
