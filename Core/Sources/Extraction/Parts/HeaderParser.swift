import Deadlines

/// The header of a notice (Nghị định 30/2020 layout): issuing body, national motto, "Số: …/…",
/// place and date, the kind word ("THÔNG BÁO") and the summary lines under it.
struct HeaderParser {
    /// Kind words and their `kind` value; kinds outside the format's list map to "khac".
    static let kinds: [(words: String, kind: String)] = [
        ("THÔNG BÁO", "thong-bao"), ("KẾ HOẠCH", "ke-hoach"), ("BÁO CÁO", "bao-cao"),
        ("QUYẾT ĐỊNH", "quyet-dinh"), ("CÔNG VĂN", "cong-van"), ("NGHỊ QUYẾT", "nghi-quyet"),
        ("CHƯƠNG TRÌNH", "chuong-trinh"), ("KẾT LUẬN", "khac"), ("CHỈ THỊ", "khac"), ("TỜ TRÌNH", "khac"),
        ("BIÊN BẢN", "khac"), ("HƯỚNG DẪN", "khac"), ("ĐỀ ÁN", "khac"), ("QUY CHẾ", "khac"),
        ("CÔNG ĐIỆN", "khac"), ("GIẤY MỜI", "khac"), ("PHƯƠNG ÁN", "khac"),
    ]

    /// The first bytes of the kind words.
    static let kindInitials = Set(kinds.map { $0.words.utf8.first! })

    struct Result {
        var kind = "khac"
        var number: String?
        var symbol: String?
        var place: String?
        var issued: String?
        var title: String?
        /// Index (into the lines) of the first line after the title: where the body starts.
        var bodyStart = 0
    }

    static func parse(_ lines: [SourceLine]) -> Result {
        var result = Result()
        let limit = min(lines.count, 60)
        // The kind line: a line (or a column of a layout line) in capitals that starts with a kind word.
        var kindLine: Int?
        var titleParts: [String] = []
        for i in 0..<limit where !lines[i].isTableRow {
            let text = lines[i].text
            guard let (kind, rest) = kindWord(text) else { continue }
            // Column layouts put the issuer beside the motto; the kind line stands alone.
            if lines[i].columns.count > 1 && !rest.isEmpty { continue }
            result.kind = kind
            kindLine = i
            if !rest.isEmpty { titleParts.append(rest) }
            break
        }
        var headerEnd = kindLine ?? 0
        if let k = kindLine {
            var i = k + 1
            var capsTitle: Bool? = titleParts.isEmpty ? nil : VietnameseText.isAllCaps(titleParts[0])
            while i < lines.count, titleParts.count < 6 {
                let line = lines[i]
                if line.isBlank {
                    if !titleParts.isEmpty { break }
                    i += 1
                    continue
                }
                if line.isTableRow || Label.parse(Substring(line.text)) != nil { break }
                let caps = VietnameseText.isAllCaps(line.text)
                if let c = capsTitle, c, !caps { break }
                // No summary: the body's first paragraph follows the kind word.
                if titleParts.isEmpty, opensBody(line.text), line.text.count > 120 { break }
                if capsTitle == nil { capsTitle = caps }
                titleParts.append(line.text)
                i += 1
            }
            headerEnd = i
            if !titleParts.isEmpty {
                result.title = VietnameseText.collapseSpaces(titleParts.joined(separator: " "))
            }
        } else {
            // A letter: "V/v …" under the number makes it a công văn.
            for i in 0..<limit {
                let t = lines[i].columns.first(where: { UTF8Text.hasPrefix($0, "V/v") || UTF8Text.hasPrefix($0, "V/V") })
                    ?? (UTF8Text.hasPrefix(lines[i].text, "V/v") ? lines[i].text : nil)
                if let t {
                    result.kind = "cong-van"
                    var title = VietnameseText.collapseSpaces(t.dropFirst(3))
                    headerEnd = i + 1
                    // The summary may wrap: "V/v triển khai …\nkế hoạch hoạt động năm 2025".
                    while headerEnd < lines.count, let next = lines[headerEnd].columns.first, let f = next.first, f.isLowercase,
                        !UTF8Text.hasPrefix(next, "ngày")
                    {
                        title += " " + next
                        headerEnd += 1
                    }
                    result.title = title
                    break
                }
            }
        }
        result.bodyStart = headerEnd
        // Number, place and date: in the lines above the body (table cells and columns included).
        let headerLines = lines[0..<max(headerEnd, min(lines.count, kindLine == nil ? 15 : 0))]
        var pieces: [String] = []
        for line in headerLines {
            if let cells = line.cells {
                for cell in cells { pieces.append(contentsOf: cell) }
            } else {
                let columns = line.columns
                pieces.append(contentsOf: columns)
                // Columns split "Số:   2851 /TB-SCT" and "ngày      tháng 4" at their blanks: join
                // a column that stops short with the next one.
                for (k, col) in columns.enumerated() where k + 1 < columns.count {
                    if UTF8Text.hasSuffix(col, "Số:") || UTF8Text.hasSuffix(col, "SỐ:") || UTF8Text.hasSuffix(col, "ngày")
                        || UTF8Text.hasSuffix(col, "tháng") || UTF8Text.hasSuffix(col, "Số") || UTF8Text.hasSuffix(col, "năm")
                    {
                        pieces.append(col + " " + columns[k + 1 ..< min(columns.count, k + 3)].joined(separator: " "))
                    }
                }
            }
        }
        (result.number, result.symbol) = numberAndSymbol(pieces)
        (result.place, result.issued) = placeAndDate(pieces)
        return result
    }

    /// Whether `text` starts with a kind word written in capitals; returns the kind and the rest.
    static func kindWord(_ text: String) -> (String, String)? {
        // A prefix starts with the same byte: most lines are ruled out before comparing any.
        guard let initial = text.utf8.first, kindInitials.contains(initial) else { return nil }
        for (words, kind) in kinds where UTF8Text.hasPrefix(text, words) {
            let rest = text.dropFirst(words.count)
            if let f = rest.first, f.isLetter { continue }
            let title = VietnameseText.collapseSpaces(rest.drop(while: { $0 == ":" || $0 == " " }))
            return (kind, title)
        }
        return nil
    }

    static func opensBody(_ text: String) -> Bool {
        UTF8Text.hasPrefix(text, "Ngày ") || UTF8Text.hasPrefix(text, "Căn cứ") || UTF8Text.hasPrefix(text, "Thực hiện")
            || UTF8Text.hasPrefix(text, "Sau khi")
    }

    /// "Số: 709 /SKHCN-VP" → ("709", "SKHCN-VP"); "Số: /TB-SKHCN" → (nil, "TB-SKHCN");
    /// Party style "Số 3260-KH/ĐĐQH15" → ("3260", "KH/ĐĐQH15"). The form with a colon wins.
    static func numberAndSymbol(_ pieces: [String]) -> (String?, String?) {
        for requireColon in [true, false] {
            for piece in pieces {
                var search = piece[...]
                while let r = UTF8Text.range(of: "Số", in: search) ?? UTF8Text.range(of: "SỐ", in: search) {
                    // "Số" must start a word.
                    if r.lowerBound > piece.startIndex, piece[piece.index(before: r.lowerBound)].isLetter {
                        search = search[r.upperBound...]
                        continue
                    }
                    var rest = piece[r.upperBound...]
                    if rest.first?.isLetter == true {
                        search = rest
                        continue
                    }
                    let hasColon = rest.first == ":"
                    if hasColon { rest = rest.dropFirst() }
                    if requireColon && !hasColon {
                        search = rest
                        continue
                    }
                    rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "." || $0 == "…" })
                    let digits = rest.prefix(while: \.isASCIIDigit)
                    rest = rest.dropFirst(digits.count).drop(while: { $0 == " " })
                    guard let sep = rest.first, sep == "/" || sep == "-" else {
                        search = rest
                        continue
                    }
                    if !requireColon && digits.isEmpty {
                        search = rest
                        continue
                    }
                    rest = rest.dropFirst().drop(while: { $0 == " " })
                    let symbol = rest.prefix(while: { $0.isLetter || $0.isNumber || "-/&.".contains($0) })
                    var sym = String(symbol)
                    while UTF8Text.hasSuffix(sym, ".") || UTF8Text.hasSuffix(sym, "-") || UTF8Text.hasSuffix(sym, "/") { sym.removeLast() }
                    guard !sym.isEmpty, sym.contains(where: \.isUppercase) else {
                        search = rest
                        continue
                    }
                    return (digits.isEmpty ? nil : String(digits), sym)
                }
            }
        }
        return (nil, nil)
    }

    /// "Nghệ An, ngày 10 tháng 8 năm 2021" → ("Nghệ An", "2021-08-10"); blanks left for the day
    /// (and month) give "2020-05" ("2020").
    static func placeAndDate(_ pieces: [String]) -> (String?, String?) {
        for piece in pieces {
            guard let r = UTF8Text.range(of: ", ngày", in: piece[...]) ?? UTF8Text.range(of: ",ngày", in: piece[...])
                ?? UTF8Text.range(of: " ngày ", in: piece[...])
            else { continue }
            let tokens = Tokens(String(piece[r.lowerBound...]))
            guard let date = DateWords.longDate(tokens, from: 0) else { continue }
            var place = VietnameseText.collapseSpaces(piece[..<r.lowerBound])
            if place.isEmpty || place.count > 40 || UTF8Text.contains(place, ":") { place = "" }
            return (place.isEmpty ? nil : place, date.text)
        }
        return (nil, nil)
    }
}
