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
            if let c = current { blocks.append(c) }
            current = nil
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
            if var c = current,
                continues(
                    c, startIndent: currentStartIndent, line: line, labelled: parsed != nil,
                    afterBlank: blankSince, layout: layout)
            {
                c.text = join(c.text, line.text)
                c.lastLine = line.number
                current = c
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

    static func continues(
        _ block: Block, startIndent: Int, line: SourceLine, labelled: Bool, afterBlank: Bool, layout: Bool
    ) -> Bool {
        guard block.cells == nil else { return false }
        let prev = block.text
        let first = line.text.first!
        let prevEnd: Character = prev.unicodeScalars.last.map { Character($0) } ?? "."
        if prev.hasSuffix("-"), !prev.hasSuffix(" -"), first.isLetter { return true }
        if layout {
            if afterBlank { return first.isLowercase && !labelled && !".;:!?".contains(prevEnd) }
            // A wrapped line starts at the left margin; paragraphs and items are indented.
            if line.indent < 3 && startIndent >= 4 { return true }
            if labelled { return false }
            return first.isLowercase && !".;:!?".contains(prevEnd)
        }
        if labelled { return false }
        if ".;:!?".contains(prevEnd) { return false }
        if first.isLowercase { return true }
        // "... danh mục nhiệm vụ\n\nKH&CN năm 2023.": an acronym continuing a long sentence.
        let firstWord = line.text.prefix(while: { !$0.isWhitespace })
        let prevWords = prev.split(separator: " ")
        if VietnameseText.isAllCaps(firstWord), firstWord.count >= 2, prevWords.count >= 8,
            let lastWord = prevWords.last, lastWord.first?.isLowercase == true,
            !VietnameseText.isAllCaps(line.text)
        {
            return true
        }
        return false
    }

    /// Joins two lines of one paragraph: a word hyphenated at the line end ("NĐ-" + "CP") joins
    /// without a space.
    static func join(_ a: String, _ b: String) -> String {
        if a.hasSuffix("-"), !a.hasSuffix(" -"), let f = b.first, f.isLetter || f.isNumber {
            return a + b
        }
        return a + " " + b
    }
}
