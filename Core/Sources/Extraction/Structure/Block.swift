/// A paragraph, a labelled heading or item, or a table row: the unit the outline is built from.
struct Block: Sendable {
    /// The label that opens the block, if any.
    var label: Label?
    /// The block's text without its label, lines joined by one space.
    var text: String
    /// The source line numbers the block spans.
    var firstLine: Int
    var lastLine: Int
    /// Leading spaces of the first line (PDF layout text).
    var indent: Int
    /// Whether the block was a Markdown heading or written in bold as a whole.
    var isHeading: Bool
    /// The cells of a table row.
    var cells: [[String]]?
}

enum BlockBuilder {
    /// Groups lines into blocks. Word-converted text has one paragraph per line; PDF `-layout`
    /// text wraps paragraphs over several lines and marks a new paragraph by indentation.
    /// Lines are joined when they continue the previous one: a line that starts in lower case, a
    /// wrapped line in layout text, a word hyphenated across lines.
    static func blocks(_ lines: ArraySlice<SourceLine>) -> [Block] {
        let layout = isLayoutText(lines)
        var blocks: [Block] = []
        var current: Block?
        var currentStartIndent = 0
        var blankSince = false

        func flush() {
            if let c = current.take() { blocks.append(c) }
        }

        for line in lines {
            if line.isTableRow {
                flush()
                blocks.append(
                    Block(
                        label: nil, text: line.text, firstLine: line.number, lastLine: line.number,
                        indent: line.indent, isHeading: false, cells: line.cells))
                blankSince = false
                continue
            }
            if line.isBlank {
                blankSince = true
                continue
            }
            let parsed = Label.parse(Substring(line.text))
            let joins =
                current != nil
                && continues(
                    current!, startIndent: currentStartIndent, line: line, labelled: parsed != nil,
                    afterBlank: blankSince, layout: layout)
            if joins {
                // Appended in place: the block's text is not copied for each line.
                join(&current!.text, line.text)
                current!.lastLine = line.number
                blankSince = false
                continue
            }
            flush()
            if let (label, rest) = parsed {
                current = Block(
                    label: label, text: String(rest), firstLine: line.number, lastLine: line.number,
                    indent: line.indent, isHeading: line.isHeading, cells: nil)
            } else {
                current = Block(
                    label: nil, text: line.text, firstLine: line.number, lastLine: line.number,
                    indent: line.indent, isHeading: line.isHeading, cells: nil)
            }
            currentStartIndent = line.indent
            blankSince = false
        }
        flush()
        return blocks
    }

    /// Whether most lines carry the indentation of `pdftotext -layout`.
    static func isLayoutText(_ lines: ArraySlice<SourceLine>) -> Bool {
        var indented = 0
        var total = 0
        for line in lines where !line.isBlank && !line.isTableRow {
            total += 1
            if line.indent >= 3 { indented += 1 }
        }
        return total >= 5 && indented * 10 >= total * 3
    }

    /// Whether `line` continues the paragraph of `block`.
    static func continues(
        _ block: Block, startIndent: Int, line: SourceLine, labelled: Bool, afterBlank: Bool, layout: Bool
    ) -> Bool {
        guard block.cells == nil else { return false }
        let prev = block.text
        // The tests read the last byte of the block and the first scalar of the line: the
        // `Character`s they stand for, without building them.
        let prevEnd = prev.utf8.last ?? 0x2E
        // ".;:!?": a sentence ends there.
        let ended = prevEnd == 0x2E || prevEnd == 0x3B || prevEnd == 0x3A || prevEnd == 0x21 || prevEnd == 0x3F
        if endsWithHyphen(prev), line.text.unicodeScalars.first!.properties.isAlphabetic { return true }
        if layout {
            if afterBlank { return !labelled && !ended && startsLowercase(line.text) }
            // A wrapped line starts at the left margin; paragraphs and items are indented.
            if line.indent < 3 && startIndent >= 4 { return true }
            if labelled { return false }
            return !ended && startsLowercase(line.text)
        }
        if labelled { return false }
        if ended { return false }
        if startsLowercase(line.text) { return true }
        // "... danh mục nhiệm vụ\n\nKH&CN năm 2023.": an acronym continuing a long sentence.
        let firstWord = line.text.prefix(while: { !$0.isWhitespace })
        guard VietnameseText.isAllCaps(firstWord), firstWord.count >= 2, !VietnameseText.isAllCaps(line.text) else {
            return false
        }
        let prevWords = prev.split(separator: " ")
        return prevWords.count >= 8 && prevWords.last!.first?.isLowercase == true
    }

    /// Joins a line to the text of its paragraph: a word hyphenated at the line end ("NĐ-" +
    /// "CP") joins without a space.
    static func join(_ a: inout String, _ b: String) {
        let f = b.unicodeScalars.first
        if endsWithHyphen(a), let f, f.properties.isAlphabetic || f.properties.numericType != nil {
            a += b
        } else {
            a += " "
            a += b
        }
    }

    /// `s.hasSuffix("-") && !s.hasSuffix(" -")`, on the last bytes where they are sure to be
    /// whole `Character`s.
    static func endsWithHyphen(_ s: String) -> Bool {
        let sure: Bool?? = s.utf8.withContiguousStorageIfAvailable { u in
            let n = u.count
            guard n > 0, u[n - 1] == 0x2D else { return false }
            guard UTF8Text.isBoundary(u, n - 1), n < 2 || UTF8Text.isBoundary(u, n - 2) else { return nil }
            return !(n >= 2 && u[n - 2] == 0x20)
        }
        return (sure ?? nil) ?? (s.hasSuffix("-") && !s.hasSuffix(" -"))
    }

    /// `s.first!.isLowercase`, from the first scalar when it is the whole first `Character`.
    static func startsLowercase(_ s: String) -> Bool {
        let sure: Bool?? = s.utf8.withContiguousStorageIfAvailable { u in
            let (v, w) = UTF8Text.scalar(u, 0)
            guard UTF8Text.isBoundary(u, w) else { return nil }
            if v < 0x80 { return v >= 0x61 && v <= 0x7A }
            let p = Unicode.Scalar(v)!.properties
            if p.isLowercase { return true }
            // An uncased letter is not lower case; a cased one (a capital) may still equal its
            // own lower case: ask the `Character`.
            return p.isCased ? nil : false
        }
        return (sure ?? nil) ?? s.first!.isLowercase
    }
}
