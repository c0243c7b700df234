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

    var isBlank: Bool { cells == nil && text.isEmpty }
    var isTableRow: Bool { cells != nil }

    /// The line split at runs of three or more spaces: the columns of a PDF `-layout` page
    /// ("Số: 134 /KH-UBND        Lào Cai, ngày 26 tháng 3 năm 2026").
    let columns: [String]
}

enum SourceLines {
    /// Splits the notice into lines and removes markup. Table separator rows ("| --- |") and
    /// page-number lines of PDF text are dropped, with the blank lines around a page number.
    static func read(_ text: String) -> [SourceLine] {
        var out: [SourceLine] = []
        var number = 0
        for raw in splitLines(text) {
            defer { number += 1 }
            var indent = 0
            var markup = false
            var wideGap = false
            var run = 0
            var seenText = false
            for b in raw.utf8 {
                switch b {
                case 0x20:
                    if seenText { run += 1 } else { indent += 1 }
                    if run >= 3 { wideGap = true }
                    continue
                case 0x09:
                    if seenText { run += 3 } else { indent += 4 }
                    if run >= 3 { wideGap = true }
                    continue
                case 0x2A, 0x23, 0x5C, 0x5F, 0x3C, 0xC2:  // * # \ _ < NBSP
                    markup = true
                default:
                    break
                }
                seenText = true
                run = 0
            }
            let trimmed = trim(raw)
            if trimmed.utf8.first == 0x7C {  // "|"
                let cells = tableCells(trimmed)
                if cells.allSatisfy({ $0.allSatisfy { c in "-:| ".contains(c) } }) { continue }
                let cellLines = cells.map { cell in
                    splitBreaks(cell).map { stripMarkup($0).text }.filter { !$0.isEmpty }
                }
                let flat = cellLines.map { $0.joined(separator: " ") }.joined(separator: " ")
                out.append(
                    SourceLine(
                        number: number, indent: indent, text: flat, cells: cellLines, isHeading: false,
                        columns: [flat]))
                continue
            }
            let clean: String
            let heading: Bool
            if markup {
                (clean, heading) = stripMarkup(trimmed)
            } else {
                clean = VietnameseText.collapseSpaces(trimmed)
                heading = false
            }
            let columns: [String]
            if wideGap {
                columns = splitColumns(raw).map { markup ? stripMarkup($0).text : VietnameseText.collapseSpaces($0) }
                    .filter { !$0.isEmpty }
            } else {
                columns = clean.isEmpty ? [] : [clean]
            }
            out.append(
                SourceLine(
                    number: number, indent: indent, text: clean, cells: nil, isHeading: heading,
                    columns: columns))
        }
        return dropPageNumbers(out)
    }

    /// Removes lines that hold only a page number ("2", "- 2 -", "Trang 2") with the blank lines
    /// that follow them, so that text broken by a page joins again.
    static func dropPageNumbers(_ lines: [SourceLine]) -> [SourceLine] {
        var out: [SourceLine] = []
        out.reserveCapacity(lines.count)
        var i = 0
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

    /// Splits at line feeds, on bytes (a `Character` split costs more than the whole parse).
    static func splitLines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            if u[i] == 0x0A || u[i] == 0x0C {  // line feed, form feed (page break of pdftotext)
                out.append(text[start..<i])
                start = u.index(after: i)
            }
            i = u.index(after: i)
        }
        out.append(text[start..<u.endIndex])
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
        var t = Substring(text)
        if t.hasPrefix("Trang ") { t = t.dropFirst(6) }
        t = t.drop(while: { $0 == "-" || $0 == " " })
        while let last = t.last, last == "-" || last == " " { t = t.dropLast() }
        return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isASCIIDigit)
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

    /// Splits a Markdown table row into cells.
    static func tableCells(_ row: Substring) -> [Substring] {
        var body = row
        if body.first == "|" { body = body.dropFirst() }
        if body.last == "|" { body = body.dropLast() }
        return body.split(separator: "|", omittingEmptySubsequences: false).map(trim)
    }

    /// Splits at HTML line breaks that Markdown converters write inside table cells.
    static func splitBreaks(_ cell: Substring) -> [Substring] {
        // One pass over the bytes: "<br>", "<br/>", "<BR />" (a Foundation search per break
        // re-reads the rest of the line each time, quadratic on long lines).
        var parts: [Substring] = []
        let u = cell.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i < u.endIndex {
            guard u[i] == 0x3C else {
                i = u.index(after: i)
                continue
            }
            let b = u.index(after: i)
            guard b < u.endIndex, u[b] | 0x20 == 0x62 else {
                i = b
                continue
            }
            let r = u.index(after: b)
            guard r < u.endIndex, u[r] | 0x20 == 0x72 else {
                i = b
                continue
            }
            var close = u.index(after: r)
            while close < u.endIndex, u[close] != 0x3E, u[close] != 0x3C { close = u.index(after: close) }
            guard close < u.endIndex, u[close] == 0x3E else {
                i = r
                continue
            }
            parts.append(cell[start..<i])
            i = u.index(after: close)
            start = i
        }
        parts.append(cell[start..<u.endIndex])
        return parts.map(trim)
    }

    /// Splits a line at runs of three or more spaces.
    static func splitColumns(_ line: Substring) -> [Substring] {
        var parts: [Substring] = []
        let u = line.unicodeScalars
        var start = u.startIndex
        var i = u.startIndex
        var spaces = 0
        var spaceStart = u.startIndex
        while i < u.endIndex {
            let v = u[i].value
            if v == 0x20 || v == 0x09 {
                if spaces == 0 { spaceStart = i }
                spaces += v == 0x09 ? 4 : 1
            } else {
                if spaces >= 3 {
                    parts.append(line[start..<spaceStart])
                    start = i
                }
                spaces = 0
            }
            i = u.index(after: i)
        }
        parts.append(line[start..<line.endIndex])
        return parts.map(trim).filter { !$0.isEmpty }
    }

    /// Removes Markdown markup: heading marks, emphasis (`*`, `**`, `_`), backslash escapes and
    /// HTML breaks; returns the text and whether it was a Markdown heading. A leading "* " stays,
    /// as a bullet.
    static func stripMarkup(_ s: Substring) -> (text: String, heading: Bool) {
        var t = s
        var heading = false
        if t.utf8.first == 0x23 {  // "#"
            let hashes = t.utf8.prefix(while: { $0 == 0x23 }).count
            let after = t.dropFirst(hashes)
            if hashes <= 6, after.isEmpty || after.first == " " {
                heading = true
                t = trim(after)
            }
        }
        var out = String.UnicodeScalarView()
        let u = t.unicodeScalars
        var i = u.startIndex
        // A leading "* " is a bullet, not emphasis.
        if u.first == "*", u.dropFirst().first == " " {
            out.append("*")
            out.append(" ")
            i = u.index(i, offsetBy: 2)
        }
        var prev: Unicode.Scalar = " "
        while i < u.endIndex {
            let c = u[i]
            let n = u.index(after: i)
            if c == "*" {
                i = n
                continue
            }
            if c == "\\", n < u.endIndex, u[n].value < 0x80, !(u[n].properties.isAlphabetic || u[n].properties.numericType != nil) {
                out.append(u[n])
                prev = u[n]
                i = u.index(after: n)
                continue
            }
            if c == "_", prev == " " || n == u.endIndex || u[n] == " " {
                i = n
                continue
            }
            out.append(c)
            prev = c
            i = n
        }
        var text = String(out)
        if text.utf8.contains(0x3C) {  // "<"
            text = splitBreaks(Substring(text)).joined(separator: " ")
        }
        return (VietnameseText.collapseSpaces(text), heading)
    }
}
