import Foundation
import Testing

@testable import Extraction

/// The one-pass line reader and the byte-level helpers of the structure and part parsers give
/// what the code they replace gives, on random text mixing Vietnamese, markup, table pipes,
/// white space of every kind, combining marks and joiners (deterministic seed).
@Suite struct StructureBytesTests {
    static let pieces: [String] = [
        "a", "b", "Đ", "đ", "ệ", "Ư", "ơ", "ẫ", "à", "X", "1", "9", "0", ".", ",", ":", ";", "(", ")", "-", "/", "–", "“", "”", "…",
        " ", " ", " ", "  ", "   ", "    ", "\t", "\n", "\n", "\r\n", "\r", "\u{0C}", "*", "**", "#", "## ", "\\", "\\*", "\\_", "_",
        "<", "<br>", "<br/>", "<BR />", ">", "|", "| ", " | ", "---", ":-:", "\u{A0}", "\u{85}", "\u{1680}", "\u{2003}", "\u{200B}",
        "\u{3000}", "\u{0301}", "\u{0323}", "\u{200D}", "😀", "Ж", "²",
    ]

    /// Deterministic pseudo-random strings (SplitMix64) built from `pool`, up to `maxLength` pieces.
    static func samples(_ count: Int, from pool: [String], maxLength: Int = 40, seed: UInt64 = 0x5EED_0002) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let length = random.next(below: maxLength)
            return (0..<length).map { _ in pool[random.next(below: pool.count)] }.joined()
        }
    }

    /// A line as the reader gives it, for comparison.
    struct Line: Equatable, CustomStringConvertible {
        var number: Int
        var indent: Int
        var text: [UInt8]
        var cells: [[[UInt8]]]?
        var isHeading: Bool
        var columns: [[UInt8]]

        init(number: Int, indent: Int, text: String, cells: [[String]]?, isHeading: Bool, columns: [String]) {
            self.number = number
            self.indent = indent
            self.text = Array(text.utf8)
            self.cells = cells?.map { $0.map { Array($0.utf8) } }
            self.isHeading = isHeading
            self.columns = columns.map { Array($0.utf8) }
        }

        init(_ line: SourceLine) {
            self.init(
                number: line.number, indent: line.indent, text: line.text, cells: line.cells, isHeading: line.isHeading,
                columns: line.columns)
        }

        var description: String {
            "\(number) indent \(indent) \(String(decoding: text, as: UTF8.self).debugDescription) heading \(isHeading) "
                + "columns \(columns.map { String(decoding: $0, as: UTF8.self) })"
        }
    }

    /// The reader before the one-pass scan: a pass for indentation, markup and gaps, a trim of
    /// the whole line, a `needsCollapse` pass, columns for every line.
    static func twoPassLines(_ text: String) -> [Line] {
        var source = text
        source.makeContiguousUTF8()
        return source.utf8.withContiguousStorageIfAvailable { buf in
            SourceLines.byteClasses.withUnsafeBufferPointer { classes in
                let reader = SourceLines.Reader(source: source, buf: buf, classes: classes)
                var out: [Line] = []
                var number = 0
                var start = 0
                while start <= buf.count {
                    if let line = twoPassLine(reader, from: start, number: number, end: &start) { out.append(line) }
                    number += 1
                    start += 1
                }
                return out
            }
        }!
    }

    static func twoPassLine(_ reader: SourceLines.Reader, from lo: Int, number: Int, end: inout Int) -> Line? {
        let buf = reader.buf
        func collapse(_ lo: Int, _ hi: Int) -> String {
            guard lo < hi else { return "" }
            guard SourceLines.needsCollapse(UnsafeBufferPointer(rebasing: buf[lo..<hi])) else {
                return String(decoding: UnsafeBufferPointer(rebasing: buf[lo..<hi]), as: UTF8.self)
            }
            return SourceLines.collapseSpaces(buf, lo, hi)
        }
        var indent = 0
        var markup = false
        var wideGap = false
        var run = 0
        var seenText = false
        var hi = lo
        scan: while hi < buf.count {
            switch buf[hi] {
            case 0x0A, 0x0C:
                break scan
            case 0x20:
                if seenText { run += 1 } else { indent += 1 }
                if run >= 3 { wideGap = true }
                hi += 1
                continue
            case 0x09:
                if seenText { run += 3 } else { indent += 4 }
                if run >= 3 { wideGap = true }
                hi += 1
                continue
            case 0x2A, 0x23, 0x5C, 0x5F, 0x3C, 0xC2:
                markup = true
            default:
                break
            }
            seenText = true
            run = 0
            hi += 1
        }
        end = hi
        let (a, b) = SourceLines.trim(buf, lo, hi)
        if a < b, buf[a] == 0x7C {
            return reader.tableRow(a, b, number: number, indent: indent).map { line in
                Line(number: number, indent: indent, text: line.text, cells: line.cells, isHeading: false, columns: [line.text])
            }
        }
        let clean: String
        let heading: Bool
        if markup {
            (clean, heading) = SourceLines.stripMarkup(buf, a, b)
        } else {
            clean = collapse(a, b)
            heading = false
        }
        var columns: [String] = []
        if wideGap {
            for (s, e) in SourceLines.splitColumns(buf, lo, hi) {
                let column = markup ? SourceLines.stripMarkup(buf, s, e).text : collapse(s, e)
                if !column.isEmpty { columns.append(column) }
            }
        } else if !clean.isEmpty {
            columns = [clean]
        }
        return Line(number: number, indent: indent, text: clean, cells: nil, isHeading: heading, columns: columns)
    }

    /// The lines before page numbers are dropped.
    static func onePassLines(_ text: String) -> [Line] {
        var source = text
        source.makeContiguousUTF8()
        return source.utf8.withContiguousStorageIfAvailable { buf in
            SourceLines.byteClasses.withUnsafeBufferPointer { classes in
                SourceLines.Reader(source: source, buf: buf, classes: classes).lines().map(Line.init)
            }
        }!
    }

    @Test func linesAgreeWithTwoPassReader() {
        // Markup-free samples too, where the copy and fold shortcuts run.
        let plain = Self.pieces.filter { !$0.contains(where: { "*#\\_<|".contains($0) }) && !$0.unicodeScalars.contains { $0.value == 0xA0 } }
        for s in Self.samples(6_000, from: Self.pieces) + Self.samples(6_000, from: plain, seed: 7) {
            let want = Self.twoPassLines(s)
            let got = Self.onePassLines(s)
            #expect(got == want, "\(s.debugDescription)")
        }
    }

    /// Reference candidates as found before: a flag for "the byte before is a word byte" kept
    /// at every byte.
    static func numberedWordsByFlag(_ text: String) -> [String] {
        func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
        }
        let u = Array(text.utf8)
        var out: [String] = []
        var i = 0
        var prevWord = false
        while i < u.count {
            let b = u[i]
            guard b >= 0x30 && b <= 0x39, !prevWord else {
                prevWord = isWordByte(b)
                i += 1
                continue
            }
            var j = i + 1
            var joined = false
            while j < u.count {
                if isWordByte(u[j]) {
                    j += 1
                    continue
                }
                if u[j] == 0x2F || u[j] == 0x2D || u[j] == 0x26, j + 1 < u.count, isWordByte(u[j + 1]) {
                    joined = true
                    j += 1
                    continue
                }
                break
            }
            if joined { out.append(String(decoding: u[i..<j], as: UTF8.self)) }
            prevWord = true
            i = j
        }
        return out
    }

    static let referencePieces: [String] = [
        "1", "2", "03", "2016", "/", "-", "&", " ", ".", ",", "Số ", "QĐ", "NĐ", "UBND", "KH", "a", "x", "Đ", "đ", "ệ", "Ư", "\u{0301}",
        "TW", "QH15", "(", ")", "İ", "ß", "Σ", "\n",
    ]

    @Test func numberedWordsAgreeWithFlagScan() {
        let sparse = Self.referencePieces + ["Ủy ban nhân dân tỉnh ", "kế hoạch ", "về việc ", "abcdefgh", "\u{7F}", "\u{80}", "ÿ"]
        let texts = Self.samples(6_000, from: Self.referencePieces, maxLength: 30, seed: 11)
            + Self.samples(3_000, from: sparse, maxLength: 30, seed: 14)
        for s in texts {
            #expect(ReferenceFinder.numberedWords(s).map(String.init) == Self.numberedWordsByFlag(s), "\(s.debugDescription)")
        }
    }

    @Test func lowercaseKeysAgreeWithLowercased() {
        for s in Self.samples(6_000, from: Self.referencePieces, maxLength: 12, seed: 12) + ["03/2016/QĐ-UBND", "57-NQ/TW"] {
            #expect(Array(ReferenceFinder.lowercaseKey(s).utf8) == Array(s.lowercased().utf8), "\(s.debugDescription)")
        }
    }

    @Test func pageNumbersAgreeWithCharacters() {
        func byCharacters(_ text: String) -> Bool {
            guard text.utf8.count <= 12, let f = text.utf8.first, f < 0x80 else { return false }
            var t = Substring(text)
            if t.hasPrefix("Trang ") { t = t.dropFirst(6) }
            t = t.drop(while: { $0 == "-" || $0 == " " })
            while let last = t.last, last == "-" || last == " " { t = t.dropLast() }
            return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isASCIIDigit)
        }
        let pool = ["Trang ", "Trang", "1", "2", "0", "12", "-", " - ", " ", "\r", "a", "\u{0301}", "\u{0663}", "²", "Đ"]
        for s in Self.samples(6_000, from: pool, maxLength: 6, seed: 13) {
            #expect(SourceLines.isPageNumber(s) == byCharacters(s), "\(s.debugDescription)")
        }
    }

    @Test func digitWordsAgreeWithBytes() {
        var random = SplitMix64(seed: 0x5EED_0003)
        for _ in 0..<100_000 {
            let state = random.next()
            // Bytes around the digits and 0x80 matter most: mix random and chosen ones.
            var x = state
            if state & 1 == 0 { x = x & 0x3F3F_3F3F_3F3F_3F3F | 0x2020_2020_2020_2020 }
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: x >> (8 * $0)) }
            #expect(ReferenceFinder.hasDigit(x) == bytes.contains { $0 >= 0x30 && $0 <= 0x39 }, "\(String(x, radix: 16))")
        }
    }

    static let closingPieces: [String] = [
        "Nguyễn", "Trần", "Lê", "Phạm", "Văn", "Thị", "An", "Hùng", "NGUYỄN", "nguyễn", "Bộ", "UBND", "GIÁM ĐỐC", " ", " ", " ", "  ",
        "1", "-", "- ", "+", "•", "• ", "(", ")", "(để báo cáo)", ".", ";", ",", ":", "Lưu", "VT", "\u{0301}", "\u{200D}", "\r\n", "Σ",
        "ǅ", "İ", "ß", "\u{A0}", "‰",
    ]

    @Test func personNamesAgreeWithCharacters() {
        func byCharacters(_ s: String) -> Bool {
            guard s.utf8.count <= 60 else { return false }
            let words = s.split(separator: " ")
            guard (2...5).contains(words.count) else { return false }
            guard Lexicon.surnames.contains(Word(words[0].lowercased())) else { return false }
            return words.allSatisfy { w in w.first?.isUppercase == true && w.allSatisfy(\.isLetter) }
        }
        let names = ["Nguyễn Văn An", "Trần Thị Hùng", "Lê An", "NGUYỄN VĂN AN", "Nguyễn Văn 1"]
        for s in Self.samples(8_000, from: Self.closingPieces, maxLength: 8, seed: 15) + names {
            #expect(ClosingParser.isPersonName(s) == byCharacters(s), "\(s.debugDescription)")
            #expect(
                ClosingParser.capitalLetters(s) == VietnameseText.isAllCaps(s.filter { $0.isLetter || $0 == " " }),
                "\(s.debugDescription)")
        }
    }

    @Test func recipientsAgreeWithCharacters() {
        func byCharacters(_ lines: [String]) -> [String] {
            var items: [String] = []
            for line in lines {
                let t = UTF8Text.trimmingWhitespaces(line)
                if t.isEmpty { continue }
                if UTF8Text.hasPrefix(t, "-") || UTF8Text.hasPrefix(t, "+") || UTF8Text.hasPrefix(t, "•") || items.isEmpty {
                    items.append(String(t))
                } else {
                    items[items.count - 1] += " " + t
                }
            }
            var out: [String] = []
            for item in items {
                var t = Substring(item)
                while let f = t.first, "-+• ".contains(f) { t = t.dropFirst() }
                for piece in t.split(separator: ";") {
                    var p = VietnameseText.collapseSpaces(piece)
                    while let l = p.last, l == "." || l == ";" || l == "," { p.removeLast() }
                    if !p.hasPrefix("Lưu"), p.hasSuffix(")"), let open = p.lastIndex(of: "(") {
                        p = VietnameseText.collapseSpaces(p[..<open])
                    }
                    while let l = p.last, l == "." || l == ";" || l == "," { p.removeLast() }
                    if !p.isEmpty && !p.hasSuffix(":") { out.append(p) }
                }
            }
            return out
        }
        let lines = Self.samples(12_000, from: Self.closingPieces, maxLength: 10, seed: 16)
        for k in stride(from: 0, to: lines.count, by: 3) {
            let group = Array(lines[k..<min(k + 3, lines.count)])
            #expect(ClosingParser.recipients(group).map { Array($0.utf8) } == byCharacters(group).map { Array($0.utf8) }, "\(group)")
        }
    }

    static let searchPieces: [String] = [
        "a", "b", "Đ", "ệ", "n", "g", "à", "y", " ", ",", ";", ":", "-", "Số", "SỐ", "ngày", ", ngày", "\u{0301}", "\u{0323}", "\u{200D}",
        "\r\n", "\r", "\n", "Σ", "😀", "🇻🇳", "한", "ᄀ", "ᅡ", "\u{A0}",
    ]

    @Test func prefixSuffixAndSearchAgreeWithStrings() {
        let patterns = ["", "a", "Số", "ngày", ", ngày", "-", ";", ":", "ệ", "a\u{0301}", "\u{0301}", " ", "n"]
        for s in Self.samples(4_000, from: Self.searchPieces, maxLength: 10, seed: 17) {
            for p in patterns {
                #expect(UTF8Text.hasPrefix(s, p) == s.hasPrefix(p), "\(s.debugDescription) \(p.debugDescription)")
                #expect(UTF8Text.hasSuffix(s, p) == s.hasSuffix(p), "\(s.debugDescription) \(p.debugDescription)")
                #expect(UTF8Text.range(of: p, in: s[...]) == s.range(of: p), "\(s.debugDescription) \(p.debugDescription)")
            }
            for c: UInt8 in [0x3B, 0x20, 0x2D] {
                #expect(
                    UTF8Text.split(s[...], c) == s.split(separator: Character(Unicode.Scalar(c))),
                    "\(s.debugDescription) \(c)")
            }
        }
    }

    @Test func labelsAgreeWithCharacters() {
        let pool = [
            "1", "2", "0", "12", "123", ".", "..", ")", "(", " ", "  ", "\t", "a", "đ", "f", "I", "V", "X", "II", "i", "iv", "-", "–", "•",
            "+", "*", ":", "/", "Nội dung", "Đ", "\u{0301}", "\u{0663}", "²", "\u{200D}",
        ]
        for s in Self.samples(20_000, from: pool, maxLength: 8, seed: 18) {
            let got = Label.parse(s[...])
            let want = Label.parseByCharacters(s[...])
            #expect(got?.0 == want?.0 && got?.1 == want?.1, "\(s.debugDescription)")
        }
    }

    @Test func boundariesAgreeWithScalarTest() {
        func byScalars(_ u: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
            guard i > 0, i < u.count else { return true }
            let a = u[i - 1]
            let b = u[i]
            if a < 0x80 && b < 0x80 { return !(a == 0x0D && b == 0x0A) }
            if b >= 0x80 && !UTF8Text.isSeparate(UTF8Text.scalar(u, i).0) { return false }
            if a >= 0x80 {
                var p = i - 1
                while p > 0, u[p] & 0xC0 == 0x80 { p -= 1 }
                if !UTF8Text.isSeparate(UTF8Text.scalar(u, p).0) { return false }
            }
            return true
        }
        for s in Self.samples(4_000, from: Self.pieces + Self.searchPieces + ["ḁ", "Ḁ", "ỹ", "ɏ", "ʯ", "˿", "̀", "ͯ", "ὀ"], seed: 19) {
            Array(s.utf8).withUnsafeBufferPointer { u in
                for i in 0...u.count {
                    #expect(UTF8Text.isBoundary(u, i) == byScalars(u, i), "\(s.debugDescription) \(i)")
                }
            }
        }
    }

    @Test func authorityLinesAgreeWithJoinedWords() {
        func byWords(_ line: String) -> (String, String?)? {
            guard let prefix = ClosingParser.authorityPrefixes.first(where: { line.hasPrefix($0) }) else { return nil }
            var head = prefix.trimmingCharacters(in: .whitespaces)
            if !head.hasSuffix(".") { head += "." }
            let body = VietnameseText.collapseSpaces(line.dropFirst(prefix.count))
            guard !body.isEmpty, body.first!.isUppercase else { return nil }
            let words = body.split(separator: " ")
            var capsEnd = 0
            while capsEnd < words.count, VietnameseText.isAllCaps(words[capsEnd]) || words[capsEnd] == "-" { capsEnd += 1 }
            let caps = words[0..<capsEnd].joined(separator: " ")
            let rest = words[capsEnd...].joined(separator: " ")
            for (pos, spaced) in zip(ClosingParser.positions, ClosingParser.spacedPositions)
            where caps.hasSuffix(spaced) && caps.count > pos.count + 1 {
                let auth = String(caps.dropLast(pos.count + 1))
                return (head + " " + auth, pos + (rest.isEmpty ? "" : " " + rest))
            }
            return (head + " " + caps, rest.isEmpty ? nil : rest)
        }
        let pool = [
            "KT.", "TM. ", "TL.", "T/M", "Q.", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "GIÁM ĐỐC", "SỞ", "UBND", " ", "  ", "-", "Lê", "Công", "Thành",
            "\u{0301}", "\u{A0}", "\t", "a",
        ]
        for s in Self.samples(8_000, from: pool, maxLength: 8, seed: 20) {
            let got = ClosingParser.authorityLine(s)
            let want = byWords(s)
            #expect(got?.0 == want?.0 && got?.1 == want?.1, "\(s.debugDescription)")
            let words = s.split(separator: " ")
            var capsEnd = 0
            while capsEnd < words.count, VietnameseText.isAllCaps(words[capsEnd]) || words[capsEnd] == "-" { capsEnd += 1 }
            let caps = words[0..<capsEnd].joined(separator: " ")
            let rest = words[capsEnd...].joined(separator: " ")
            let (title, name) = ClosingParser.splitTitleAndName(s, position: "X")
            #expect(title == (caps.isEmpty ? "X" : caps), "\(s.debugDescription)")
            #expect(name == (ClosingParser.isPersonName(rest) ? rest : nil), "\(s.debugDescription)")
        }
    }

    @Test func recipientCellsAgreeWithCharacters() {
        func byCharacters(_ cell: [String]) -> [String] {
            var out: [String] = []
            for var part in cell {
                if let r = part.range(of: "Nơi nhận") {
                    part = String(part[r.upperBound...].drop(while: { $0 == ":" || $0 == " " }))
                }
                if part.isEmpty { continue }
                var pieces: [String] = []
                var current = ""
                let chars = Array(part)
                var i = 0
                while i < chars.count {
                    if chars[i] == "-", i + 1 < chars.count, chars[i + 1] == " ",
                        current.trimmingCharacters(in: .whitespaces).isEmpty
                            || current.trimmingCharacters(in: .whitespaces).hasSuffix(";")
                    {
                        if !current.trimmingCharacters(in: .whitespaces).isEmpty { pieces.append(current) }
                        current = "- "
                        i += 2
                        continue
                    }
                    current.append(chars[i])
                    i += 1
                }
                if !current.trimmingCharacters(in: .whitespaces).isEmpty { pieces.append(current) }
                out.append(contentsOf: pieces)
            }
            return out
        }
        let pool = Self.closingPieces + ["Nơi nhận", ":", "- ", "; - ", ";", " -", "\u{2003}", "\u{200B}"]
        let parts = Self.samples(9_000, from: pool, maxLength: 10, seed: 21)
        for k in stride(from: 0, to: parts.count, by: 3) {
            let cell = Array(parts[k..<min(k + 3, parts.count)])
            #expect(ClosingParser.splitRecipientCell(cell) == byCharacters(cell), "\(cell)")
        }
    }
}
