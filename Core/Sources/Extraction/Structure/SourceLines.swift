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
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { number += 1 }
            var indent = 0
            for ch in raw {
                if ch == " " || ch == "\u{00A0}" {
                    indent += 1
                } else if ch == "\t" {
                    indent += 4
                } else {
                    break
                }
            }
            let trimmed = trim(raw)
            if trimmed.first == "|" {
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
            let (clean, heading) = stripMarkup(trimmed)
            let columns = splitColumns(raw).map { stripMarkup($0).text }.filter { !$0.isEmpty }
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
                i += 1
                while i < lines.count, lines[i].isBlank { i += 1 }
                continue
            }
            out.append(line)
            i += 1
        }
        return out
    }

    static func isPageNumber(_ text: String) -> Bool {
        var t = Substring(text)
        if t.hasPrefix("Trang ") { t = t.dropFirst(6) }
        t = t.drop(while: { $0 == "-" || $0 == " " })
        while let last = t.last, last == "-" || last == " " { t = t.dropLast() }
        return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isASCIIDigit)
    }

    static func trim(_ s: Substring) -> Substring {
        var t = s
        while let f = t.first, f.isWhitespace { t = t.dropFirst() }
        while let l = t.last, l.isWhitespace { t = t.dropLast() }
        return t
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
        var parts: [Substring] = []
        var rest = cell
        while let r = rest.range(of: "<br", options: .caseInsensitive) {
            parts.append(rest[..<r.lowerBound])
            guard let close = rest[r.upperBound...].firstIndex(of: ">") else {
                rest = rest[r.upperBound...]
                break
            }
            rest = rest[rest.index(after: close)...]
        }
        parts.append(rest)
        return parts.map(trim)
    }

    /// Splits a line at runs of three or more spaces.
    static func splitColumns(_ line: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = line.startIndex
        var i = line.startIndex
        var spaces = 0
        var spaceStart = line.startIndex
        while i < line.endIndex {
            if line[i] == " " || line[i] == "\t" {
                if spaces == 0 { spaceStart = i }
                spaces += line[i] == "\t" ? 4 : 1
            } else {
                if spaces >= 3 {
                    parts.append(line[start..<spaceStart])
                    start = i
                }
                spaces = 0
            }
            i = line.index(after: i)
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
        if t.first == "#" {
            let hashes = t.prefix(while: { $0 == "#" })
            let after = t.dropFirst(hashes.count)
            if hashes.count <= 6, after.isEmpty || after.first == " " {
                heading = true
                t = trim(after)
            }
        }
        var out = ""
        out.reserveCapacity(t.utf8.count)
        var i = t.startIndex
        // A leading "* " or "*\t" is a bullet, not emphasis.
        if t.first == "*", t.dropFirst().first == " " {
            out.append("* ")
            i = t.index(i, offsetBy: 2)
        }
        while i < t.endIndex {
            let ch = t[i]
            if ch == "*" {
                i = t.index(after: i)
                continue
            }
            if ch == "\\", t.index(after: i) < t.endIndex, t[t.index(after: i)].isPunctuation || t[t.index(after: i)].isSymbol {
                i = t.index(after: i)
                out.append(t[i])
                i = t.index(after: i)
                continue
            }
            if ch == "_", (i == t.startIndex || t[t.index(before: i)] == " " || t.index(after: i) == t.endIndex
                || t[t.index(after: i)] == " ")
            {
                i = t.index(after: i)
                continue
            }
            out.append(ch)
            i = t.index(after: i)
        }
        if out.contains("<") {
            out = splitBreaks(Substring(out)).joined(separator: " ")
        }
        return (VietnameseText.collapseSpaces(out), heading)
    }
}
