import Deadlines

/// Reads the text of a notice and extracts its header and tasks.
///
/// The entry point of the extraction pipeline: text (already decoded and NFC-normalised by
/// `NoticeText`) → lines → header, body blocks, closing → outline → `NoticeExtraction`.
public enum NoticeParser {
    /// Extracts `dondoc.extraction/1` from the text of one notice. Never fails: a text with no
    /// structure gives an extraction with empty fields.
    public static func extract(text: String, source: String) -> NoticeExtraction {
        let lines = SourceLines.read(text)
        let header = HeaderParser.parse(lines)
        var doc = NoticeHeader()
        doc.kind = header.kind
        doc.number = header.number
        doc.symbol = header.symbol
        doc.place = header.place
        doc.issued = header.issued
        doc.title = header.title

        let tailStart = findTail(lines, from: header.bodyStart)
        let appendixStart = findAppendix(lines, from: tailStart)
        let closing = ClosingParser.parse(lines[tailStart..<appendixStart])
        doc.recipients = closing.recipients
        doc.signer = closing.signer

        let body = BlockBuilder.blocks(lines[header.bodyStart..<tailStart])
        let appendix = BlockBuilder.blocks(lines[appendixStart..<lines.count]).filter { $0.cells != nil }

        let preamble = preambleTexts(body)
        let firstDate = doc.issuedDate ?? firstFullDate(lines)
        doc.meeting = MeetingParser.parse(title: doc.title, preamble: preamble, reference: firstDate)
        let reference = doc.issuedDate ?? doc.meeting?.date ?? firstDate

        var walker = OutlineWalker(reference: reference)
        walker.walk(body: body, appendix: appendix)
        doc.reportDue = walker.reportDue
        doc.period = documentPeriod(title: doc.title, headings: walker.headingTexts, reference: reference)

        var referenceTexts = [doc.title ?? ""]
        referenceTexts.append(contentsOf: body.map(\.text))
        referenceTexts.append(contentsOf: appendix.map(\.text))
        let own = doc.number.flatMap { n in doc.symbol.map { n + "/" + $0 } }
        doc.references = ReferenceFinder.find(in: referenceTexts, excluding: own)

        return NoticeExtraction(source: source, document: doc, tasks: walker.tasks)
    }

    /// The line where "Nơi nhận" begins (or the signature, when there is no list of recipients).
    static func findTail(_ lines: [SourceLine], from start: Int) -> Int {
        for i in start..<lines.count {
            let line = lines[i]
            if let cells = line.cells {
                if cells.contains(where: { $0.first?.hasPrefix("Nơi nhận") == true }) { return i }
                continue
            }
            // Only lines that start with N (Nơi nhận) or T, K, Q (TM., KT., TL., TUQ., Q.) can end the body.
            guard let b = line.text.utf8.first, b == 0x4E || b == 0x54 || b == 0x4B || b == 0x51 else { continue }
            if UTF8Text.hasPrefix(line.text, "Nơi nhận") || line.columns.first?.hasPrefix("Nơi nhận") == true { return i }
            // A signature written before "Nơi nhận": "TM. …", "KT. GIÁM ĐỐC", "TL. …" in capitals.
            if let first = line.columns.first, ClosingParser.authorityLine(first) != nil,
                VietnameseText.isAllCaps(first.filter { $0.isLetter }), first.count < 60
            {
                return i
            }
        }
        return lines.count
    }

    /// The line where an appendix begins after the signature ("PHỤ LỤC").
    static func findAppendix(_ lines: [SourceLine], from start: Int) -> Int {
        guard start < lines.count else { return lines.count }
        for i in start..<lines.count where !lines[i].isTableRow {
            let t = lines[i].text
            if UTF8Text.hasPrefix(t, "PHỤ LỤC") || UTF8Text.hasPrefix(t, "Phụ lục") && lines[i].isHeading { return i }
        }
        return lines.count
    }

    /// The opening of the body: paragraphs and bullets before the first numbered heading.
    static func preambleTexts(_ body: [Block]) -> [String] {
        var out: [String] = []
        for b in body {
            if let l = b.label, !l.style.isListItem { break }
            if b.cells != nil { continue }
            out.append(b.text)
        }
        return out
    }

    static func firstFullDate(_ lines: [SourceLine]) -> CalendarDate? {
        for line in lines.prefix(80) {
            let t = Tokens(line.text)
            for k in 0..<t.count {
                if let (d, m, y) = DateWords.dayMonth(t[k]), let y { return CalendarDate(year: y, month: m, day: d) }
                if t[k].lower == "ngày", let f = DateWords.longDate(t, from: k), let d = f.date { return d }
            }
        }
        return nil
    }

    /// The period the tasks are for: from a heading of tasks ("Nhiệm vụ trọng tâm trong tháng
    /// 02 năm 2025"), else from the title ("KẾT LUẬN GIAO BAN THÁNG 8/2021").
    static func documentPeriod(title: String?, headings: [String], reference: CalendarDate?) -> DateRange? {
        for h in headings where VietnameseText.containsBytes(VietnameseText.fold(h), "nhiem vu") {
            if let p = periodMention(h, reference: reference) { return p }
        }
        return title.flatMap { periodMention($0, reference: reference) }
    }

    static func periodMention(_ text: String, reference: CalendarDate?) -> DateRange? {
        let t = Tokens(text)
        let finder = DeadlineFinder(t, reference: reference)
        for k in 0..<t.count {
            let w = t[k].lower
            if w == "tháng", k > 0, t[k - 1].kind == .number { continue }
            if w == "tháng" || w == "quý" || t[k].kind == .number,
                let c = finder.period(at: k) ?? finder.period(atLoose: k),
                case .period(let s, let e) = c.due.rule
            {
                return DateRange(start: s, end: e)
            }
            if w == "năm", k + 1 < t.count, let y = DateWords.year(t[k + 1]), !(k > 0 && t[k - 1].lower == "đến") {
                return DateRange(start: CalendarDate(year: y, month: 1, day: 1)!, end: CalendarDate(year: y, month: 12, day: 31)!)
            }
        }
        return nil
    }
}

extension NoticeParser {
    /// The deadline a piece of text states, read as a task's is ("hoàn tất trước 15/8", "không quá
    /// 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ", "hằng tháng"): the one that ends the work,
    /// and the others as milestones. A day and month without a year take `issued`'s year, or the
    /// next when that would fall more than two months before it (corpus README, "Deadlines").
    public static func deadline(in text: String, issued: CalendarDate?) -> (due: Due?, milestones: [Due]) {
        DeadlineFinder(Tokens(text), reference: issued).find()
    }
}

extension DeadlineFinder {
    /// A month or quarter named without an introducing word, as in a title ("THÁNG 8/2021").
    func period(atLoose k: Int) -> Candidate? {
        let w = word(k)
        guard w == "tháng" || w == "quý" || t[k].kind == .number else { return nil }
        return DeadlineFinder(Tokens("trong " + String(t.text(k, t.count))), reference: reference).period(at: 1)
    }
}
