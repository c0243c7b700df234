import Foundation

/// The end of a notice: "Nơi nhận" (recipients) and the signature block (authority, title, name),
/// side by side in PDF layout text and tables, one after the other in Word text.
enum ClosingParser {
    struct Result {
        var recipients: [String] = []
        var signer = Signer()
    }

    /// Authority prefixes of the signature block (Nghị định 30/2020, Điều 12).
    static let authorityPrefixes = ["TM.", "T/M.", "T/M", "KT.", "TL.", "TUQ.", "Q.", "TM ", "KT ", "TL "]

    /// Titles a signer holds; used to split "KT. BỘ TRƯỞNG THỨ TRƯỞNG" written on one line.
    static let positions = [
        "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "THỨ TRƯỞNG", "BỘ TRƯỞNG",
        "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ TRƯỞNG BAN", "TRƯỞNG BAN", "PHÓ TRƯỞNG PHÒNG", "TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG ĐOÀN", "TRƯỞNG ĐOÀN", "PHÓ CỤC TRƯỞNG", "CỤC TRƯỞNG", "PHÓ VỤ TRƯỞNG", "VỤ TRƯỞNG",
        "PHÓ VIỆN TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG", "CHI CỤC TRƯỞNG", "PHÓ BÍ THƯ", "BÍ THƯ",
        "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG",
    ]

    /// The authority prefixes as written in the result: trimmed, with their dot ("TM " → "TM.").
    static let authorityHeads = authorityPrefixes.map { prefix in
        var head = prefix.trimmingCharacters(in: .whitespaces)
        if !head.hasSuffix(".") { head += "." }
        return head
    }

    /// The titles with a space before them, as they end an authority line.
    static let spacedPositions = positions.map { " " + $0 }

    /// Reads the lines from "Nơi nhận" to the end of the signature.
    static func parse(_ lines: ArraySlice<SourceLine>) -> Result {
        var recipientLines: [String] = []
        var signatureLines: [String] = []
        var inRecipients = false
        for line in lines {
            if let cells = line.cells {
                for cell in cells {
                    // (A match cannot span two lines: the cell's lines joined by "\n" were searched.)
                    if cell.contains(where: { UTF8Text.contains($0, "Nơi nhận") }) {
                        recipientLines.append(contentsOf: splitRecipientCell(cell))
                    } else {
                        signatureLines.append(contentsOf: cell.filter { !$0.isEmpty })
                    }
                }
                continue
            }
            if line.isBlank { continue }
            var cols = line.columns
            if cols.isEmpty { continue }
            if UTF8Text.hasPrefix(cols[0], "Nơi nhận") {
                inRecipients = true
                let after = cols[0].dropFirst("Nơi nhận".count).drop(while: { $0 == ":" || $0 == " " })
                if !after.isEmpty { recipientLines.append(contentsOf: splitRecipientCell([String(after)])) }
                cols.removeFirst()
                signatureLines.append(contentsOf: cols)
                continue
            }
            // Layout text: the left column holds recipients, the right one the signature.
            if cols.count >= 2 && line.indent < 8 {
                recipientLines.append(cols[0])
                signatureLines.append(contentsOf: cols.dropFirst())
                continue
            }
            let text = cols.joined(separator: " ")
            let isItem = UTF8Text.hasPrefix(text, "-") || UTF8Text.hasPrefix(text, "+") || UTF8Text.hasPrefix(text, "•")
            if inRecipients && (isItem || (line.indent < 8 && !looksLikeSignature(text) && continuesRecipient(recipientLines, text))) {
                recipientLines.append(text)
            } else if inRecipients && UTF8Text.hasSuffix(text, ":") && !looksLikeSignature(text) {
                // "Bản điện tử:" opens a second list.
                continue
            } else {
                signatureLines.append(text)
            }
        }
        var result = Result()
        result.recipients = recipients(recipientLines)
        result.signer = signer(signatureLines)
        return result
    }

    static func continuesRecipient(_ previous: [String], _ text: String) -> Bool {
        guard let last = previous.last else { return false }
        let trimmed = UTF8Text.trimmingWhitespaces(last)
        return !(UTF8Text.hasSuffix(trimmed, ";") || UTF8Text.hasSuffix(trimmed, ".") || UTF8Text.hasSuffix(trimmed, ":"))
            || text.first?.isLowercase == true
    }

    static func looksLikeSignature(_ text: String) -> Bool {
        authorityPrefixes.contains(where: { UTF8Text.hasPrefix(text, $0) }) || VietnameseText.isAllCaps(text)
    }

    /// "*Nơi nhận:* - Bộ trưởng (để báo cáo); - Các Thứ trưởng; …" in one cell.
    static func splitRecipientCell(_ cell: [String]) -> [String] {
        var out: [String] = []
        for var part in cell {
            if let r = UTF8Text.range(of: "Nơi nhận", in: part[...]) {
                part = String(part[r.upperBound...].drop(while: { $0 == ":" || $0 == " " }))
            }
            if part.isEmpty { continue }
            // Items run together: split before " - " that follows a ";".
            if let pieces = itemPieces(part) {
                out.append(contentsOf: pieces)
                continue
            }
            var pieces: [String] = []
            var current = ""
            let chars = Array(part)
            var i = 0
            while i < chars.count {
                if chars[i] == "-", i + 1 < chars.count, chars[i + 1] == " ",
                    UTF8Text.trimmingWhitespaces(current).isEmpty || UTF8Text.hasSuffix(UTF8Text.trimmingWhitespaces(current), ";")
                {
                    if !UTF8Text.trimmingWhitespaces(current).isEmpty { pieces.append(current) }
                    current = "- "
                    i += 2
                    continue
                }
                current.append(chars[i])
                i += 1
            }
            if !UTF8Text.trimmingWhitespaces(current).isEmpty { pieces.append(current) }
            out.append(contentsOf: pieces)
        }
        return out
    }


    /// The pieces `splitRecipientCell` cuts from `part`, on the bytes when every scalar is a
    /// `Character` of its own: the text between the cuts is sliced, not appended `Character` by
    /// `Character`. `nil` when some scalar may join a neighbour.
    static func itemPieces(_ part: String) -> [String]? {
        part.utf8.withContiguousStorageIfAvailable { u -> [String]? in
            guard UTF8Text.isEveryScalarACharacter(u) else { return nil }
            let v = part.utf8
            var pieces: [String] = []
            // The current piece: "- " when it follows a cut, then the text from `start`.
            var dash = false
            var start = 0
            func current(_ end: Int) -> String {
                let text = part[v.index(part.startIndex, offsetBy: start)..<v.index(part.startIndex, offsetBy: end)]
                return dash ? "- " + text : String(text)
            }
            var i = 0
            while i + 1 < u.count {
                if u[i] == 0x2D, u[i + 1] == 0x20 {  // "- "
                    let piece = current(i)
                    let trimmed = UTF8Text.trimmingWhitespaces(piece)
                    if trimmed.isEmpty || UTF8Text.hasSuffix(trimmed, ";") {
                        if !trimmed.isEmpty { pieces.append(piece) }
                        dash = true
                        start = i + 2
                        i += 2
                        continue
                    }
                }
                i += 1
            }
            let piece = current(u.count)
            if !UTF8Text.trimmingWhitespaces(piece).isEmpty { pieces.append(piece) }
            return pieces
        } ?? nil
    }

    /// Recipient items: "- " and trailing ";" / "." removed, role notes in parentheses dropped
    /// ("(Chỉ đạo)", "(để báo cáo)"), but kept on the archive line ("Lưu: VT, TH (Thắng)").
    static func recipients(_ lines: [String]) -> [String] {
        // Join wrapped lines to their item.
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
            for piece in UTF8Text.split(dropItemMarks(item), 0x3B) {  // ";"
                var p = VietnameseText.collapseSpaces(piece)
                dropEndPunctuation(&p)
                if !UTF8Text.hasPrefix(p, "Lưu"), UTF8Text.hasSuffix(p, ")"), let open = lastOpenParenthesis(p) {
                    p = VietnameseText.collapseSpaces(p[..<open])
                }
                dropEndPunctuation(&p)
                if !p.isEmpty && !UTF8Text.hasSuffix(p, ":") { out.append(p) }
            }
        }
        return out
    }

    /// The item without its leading marks and spaces (`while "-+• ".contains(t.first) {
    /// t.dropFirst() }`), on the bytes when each mark is surely a `Character` of its own.
    static func dropItemMarks(_ item: String) -> Substring {
        let start: Int?? = item.utf8.withContiguousStorageIfAvailable { u -> Int? in
            var i = 0
            while i < u.count {
                let w: Int
                if u[i] == 0x2D || u[i] == 0x2B || u[i] == 0x20 {  // "-", "+", " "
                    w = 1
                } else if u[i] == 0xE2, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0xA2 {  // "•"
                    w = 3
                } else {
                    break
                }
                guard UTF8Text.isBoundary(u, i + w) else { return nil }
                i += w
            }
            return i
        }
        if let start = start ?? nil { return item[item.utf8.index(item.startIndex, offsetBy: start)...] }
        var t = Substring(item)
        while let f = t.first, "-+• ".contains(f) { t = t.dropFirst() }
        return t
    }

    /// Removes the ".", ";" and "," that end `p` (`while let l = p.last, … { p.removeLast() }`),
    /// on the bytes when each is surely a `Character` of its own.
    static func dropEndPunctuation(_ p: inout String) {
        let end: Int?? = p.utf8.withContiguousStorageIfAvailable { u -> Int? in
            var n = u.count
            while n > 0, u[n - 1] == 0x2E || u[n - 1] == 0x3B || u[n - 1] == 0x2C {
                guard UTF8Text.isBoundary(u, n - 1) else { return nil }
                n -= 1
            }
            return n
        }
        if let end = end ?? nil {
            if end < p.utf8.count { p = String(p[..<p.utf8.index(p.startIndex, offsetBy: end)]) }
            return
        }
        while let l = p.last, l == "." || l == ";" || l == "," { p.removeLast() }
    }

    /// `p.lastIndex(of: "(")`: the last "(" byte when it is surely a `Character` of its own.
    static func lastOpenParenthesis(_ p: String) -> String.Index? {
        // The last "(" byte, and whether it is sure; no byte, no "(" at all.
        let found: (Int?, Bool)? = p.utf8.withContiguousStorageIfAvailable { u in
            guard let k = u.lastIndex(of: 0x28) else { return (nil, true) }
            return (k, UTF8Text.isBoundary(u, k) && UTF8Text.isBoundary(u, k + 1))
        }
        guard let (k, sure) = found, sure else { return p.lastIndex(of: "(") }
        return k.map { p.utf8.index(p.startIndex, offsetBy: $0) }
    }

    /// Authority lines, the signer's title, then the name.
    static func signer(_ lines: [String]) -> Signer {
        var authority: [String] = []
        var position: String?
        var name: String?
        for raw in lines {
            let line = VietnameseText.collapseSpaces(raw)
            if line.isEmpty { continue }
            if name != nil { break }
            if UTF8Text.hasPrefix(line, "PHỤ LỤC") || UTF8Text.hasPrefix(line, "Phụ lục") { break }
            if let (auth, rest) = authorityLine(line) {
                authority.append(auth)
                if let rest { (position, name) = splitTitleAndName(rest, position: position) }
                continue
            }
            if capitalLetters(line) && isPersonName(line) == false {
                if position == nil { position = line }
                continue
            }
            if isPersonName(line) {
                name = line
                continue
            }
            // A title with the name on one line: "THỨ TRƯỞNG Lê Công Thành".
            let (p, n) = splitTitleAndName(line, position: position)
            if let n {
                position = p
                name = n
            }
        }
        return Signer(
            name: name, position: position, authority: authority.isEmpty ? nil : authority.joined(separator: " "))
    }

    /// `VietnameseText.isAllCaps(line.filter { $0.isLetter || $0 == " " })`: when every scalar
    /// is surely a `Character` of its own, leaving some out joins none, so the letters are those
    /// of the line and the filter can be skipped.
    static func capitalLetters(_ line: String) -> Bool {
        let separate = line.utf8.withContiguousStorageIfAvailable { UTF8Text.isEveryScalarACharacter($0) }
        if separate == true { return VietnameseText.isAllCaps(line) }
        return VietnameseText.isAllCaps(line.filter { $0.isLetter || $0 == " " })
    }

    /// "TL.GIÁM ĐỐC" → "TL. GIÁM ĐỐC"; "KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành" → the authority
    /// "KT. BỘ TRƯỞNG" and the rest.
    static func authorityLine(_ line: String) -> (String, String?)? {
        guard let p = authorityPrefixes.firstIndex(where: { UTF8Text.hasPrefix(line, $0) }) else { return nil }
        let prefix = authorityPrefixes[p]
        let head = authorityHeads[p]
        let body = VietnameseText.collapseSpaces(line.dropFirst(prefix.count))
        guard !body.isEmpty, body.first!.isUppercase else { return nil }
        // Capital words of the authority, then maybe a title and a name.
        let words = UTF8Text.split(body[...], 0x20)
        var capsEnd = 0
        while capsEnd < words.count, VietnameseText.isAllCaps(words[capsEnd]) || words[capsEnd] == "-" { capsEnd += 1 }
        let caps = joined(words, 0..<capsEnd, in: body)
        let rest = joined(words, capsEnd..<words.count, in: body)
        // Does the capital run end with a known title, leaving an authority before it?
        for (pos, spaced) in zip(positions, spacedPositions) where UTF8Text.hasSuffix(caps, spaced) && caps.count > pos.count + 1 {
            let auth = String(caps.dropLast(pos.count + 1))
            return (head + " " + auth, pos + (rest.isEmpty ? "" : " " + rest))
        }
        return (head + " " + caps, rest.isEmpty ? nil : rest)
    }

    static func splitTitleAndName(_ s: String, position: String?) -> (String?, String?) {
        let words = UTF8Text.split(s[...], 0x20)
        var capsEnd = 0
        while capsEnd < words.count, VietnameseText.isAllCaps(words[capsEnd]) || words[capsEnd] == "-" { capsEnd += 1 }
        let caps = joined(words, 0..<capsEnd, in: s)
        let rest = joined(words, capsEnd..<words.count, in: s)
        let title = caps.isEmpty ? position : caps
        return (title, isPersonName(rest) ? rest : nil)
    }

    /// `words[range].joined(separator: " ")` for words split from `text` at spaces: the text
    /// from the first to the last, without a copy of each, when every gap between them is one
    /// byte (a single space, as in folded text).
    static func joined(_ words: [Substring], _ range: Range<Int>, in text: String) -> String {
        guard let first = range.first, let last = range.last else { return "" }
        let v = text.utf8
        let single = (first..<last).allSatisfy { k in v.distance(from: words[k].endIndex, to: words[k + 1].startIndex) == 1 }
        guard single else { return words[range].joined(separator: " ") }
        return String(text[words[first].startIndex..<words[last].endIndex])
    }

    /// Two to five capitalised words, the first a Vietnamese family name, no digits.
    static func isPersonName(_ s: String) -> Bool {
        guard s.utf8.count <= 60 else { return false }
        if let sure = s.utf8.withContiguousStorageIfAvailable({ personName(bytes: $0) }) ?? nil { return sure }
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        guard Lexicon.surnames.contains(Word(words[0].lowercased())) else { return false }
        return words.allSatisfy { w in w.first?.isUppercase == true && w.allSatisfy(\.isLetter) }
    }

    /// `isPersonName` on the bytes, when every scalar is surely a `Character` of its own (so
    /// words split at space bytes) of a script whose letters and capitals are known
    /// (`VietnameseText.letterCase`); `nil` otherwise.
    static func personName(bytes u: UnsafeBufferPointer<UInt8>) -> Bool? {
        var words = 0
        var first = (0, 0)
        var start = -1
        var capitalized = true
        var letters = true
        var i = 0
        while i <= u.count {
            let (v, w) = i < u.count ? UTF8Text.scalar(u, i) : (0x20, 1)
            if v == 0x20 {
                if start >= 0 {
                    words += 1
                    if words == 1 { first = (start, i) }
                    start = -1
                }
            } else {
                guard UTF8Text.isBoundary(u, i) else { return nil }
                let c = VietnameseText.letterCase(v)
                if c == .unknown { return nil }
                if start < 0 {
                    start = i
                    if c != .upper { capitalized = false }
                }
                if c == .none { letters = false }
            }
            i += w
        }
        guard (2...5).contains(words) else { return false }
        let surname = UnsafeBufferPointer(rebasing: u[first.0..<first.1])
        let lower = Tokens.lowerVietnamese(surname) ?? Word(String(decoding: surname, as: UTF8.self).lowercased())
        return Lexicon.surnames.contains(lower) && capitalized && letters
    }
}
