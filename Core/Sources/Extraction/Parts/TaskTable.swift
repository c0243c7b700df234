import Deadlines

/// A table whose rows are tasks: columns "Nhiệm vụ"/"Nội dung", "Cơ quan chủ trì",
/// "Cơ quan phối hợp", "Thời gian thực hiện/hoàn thành" recognised by their headers.
struct TaskTable {
    let task: Int
    let lead: Int
    let support: Int?
    let time: Int?
    let number: Int?

    /// Recognises the header row; `nil` when the table is not a task table (a header table, a
    /// table of figures, a signature table).
    init?(header: [[String]]) {
        let names = header.map { VietnameseText.fold($0.joined(separator: " ")) }
        func column(_ words: [String], excluding: Set<Int> = []) -> Int? {
            names.indices.first { i in !excluding.contains(i) && words.contains(where: { UTF8Text.contains(names[i], $0) }) }
        }
        guard let lead = column(["chu tri", "don vi thuc hien", "co quan thuc hien", "don vi thuc hien"]) else {
            return nil
        }
        guard let task = column(["nhiem vu", "noi dung", "cong viec", "ten nhiem vu", "hoat dong"], excluding: [lead])
        else { return nil }
        self.lead = lead
        self.task = task
        support = column(["phoi hop"], excluding: [lead, task])
        time = column(["thoi gian", "thoi han", "tien do", "hoan thanh"], excluding: [lead, task])
        number = column(["tt", "stt"], excluding: [lead, task]).flatMap { names[$0].count <= 4 ? $0 : nil }
    }

    struct Row {
        var text: String
        var lead: [String]
        var support: [String]
        var due: Due?
        /// A row that only groups the rows below it: its heading.
        var groupHeading: String?
    }

    func row(_ cells: [[String]], reference: CalendarDate?) -> Row? {
        func cell(_ i: Int?) -> String {
            guard let i, i < cells.count else { return "" }
            return VietnameseText.collapseSpaces(cells[i].joined(separator: " "))
        }
        let text = cell(task)
        let leadText = cell(lead)
        if text.isEmpty { return nil }
        if leadText.isEmpty {
            // A grouping row: "I | NHÓM NHIỆM VỤ … |" with no unit.
            return Row(text: text, lead: [], support: [], due: nil, groupHeading: cell(number).isEmpty ? text : cell(number))
        }
        let due = TaskTable.timeCell(cell(time), reference: reference)
        return Row(
            text: text, lead: TaskTable.units(leadText), support: TaskTable.units(cell(support)), due: due,
            groupHeading: nil)
    }

    /// The units of a cell: a list of names, nothing else.
    static func units(_ text: String) -> [String] {
        let tokens = Tokens(text)
        guard tokens.count > 0 else { return [] }
        let finder = UnitFinder(tokens)
        var end = tokens.count
        while end > 0, tokens[end - 1].isPunct, Phrases.s3.contains(tokens[end - 1].lower) { end -= 1 }
        if let list = finder.unitList(from: 0, limit: end, cell: true), list.end == end { return list.names }
        // Not recognised as names: split at the separators.
        return text.split(whereSeparator: { $0 == ";" || $0 == "," }).map { finder.cleanName($0) }.filter { !$0.isEmpty }
    }

    /// The folded phrases of a recurring time cell, for each period: "hang nam" at the start,
    /// "dinh ky hang nam" anywhere, " hang nam" at the end, " hang nam " inside.
    static let recurrences: [(every: Due.Recurrence, start: String, periodic: String, end: String, inner: String)] =
        [("nam", Due.Recurrence.year), ("quy", .quarter), ("thang", .month), ("tuan", .week)].map { word, every in
            (every, "hang " + word, "dinh ky hang " + word, " hang " + word, " hang " + word + " ")
        }

    /// A time cell: "Tháng 8/2024", "Quý II/2026", "Quý III, IV/2026, 2027", "2024 - 2025",
    /// "Năm 2025", "Hàng năm", "Thường xuyên", "Trước 30/6/2024".
    static func timeCell(_ text: String, reference: CalendarDate?) -> Due? {
        let t = Tokens(text)
        guard t.count > 0 else { return nil }
        let folded = VietnameseText.fold(text)
        if UTF8Text.hasPrefix(folded, "thuong xuyen") || UTF8Text.hasPrefix(folded, "lien tuc") {
            return Due(.continuing, text: text)
        }
        for r in recurrences {
            // "Hàng năm", "Định kỳ hằng quý", "Tháng 12 hằng năm".
            if UTF8Text.hasPrefix(folded, r.start) || UTF8Text.contains(folded, r.periodic)
                || UTF8Text.hasSuffix(folded, r.end) || UTF8Text.contains(folded, r.inner)
            {
                return Due(.recurring(every: r.every, day: nil), text: text)
            }
        }
        // Quarters and years, possibly several: one period from the first start to the last end.
        var starts: [CalendarDate] = []
        var ends: [CalendarDate] = []
        var pendingQuarters: [Int] = []
        var k = 0
        var sawQuarter = false
        while k < t.count {
            let w = t[k].lower
            if w == "quý" {
                sawQuarter = true
                k += 1
                continue
            }
            let parts = t.text(k).split(separator: "/")
            if sawQuarter, let q = DeadlineFinder.quarter(parts.first ?? "") {
                if parts.count == 2, let y = Int(parts[1]), parts[1].count == 4 {
                    for qq in pendingQuarters + [q] {
                        starts.append(CalendarDate(year: y, month: 3 * qq - 2, day: 1)!)
                        ends.append(CalendarDate.endOf(month: 3 * qq, year: y)!)
                    }
                    pendingQuarters = []
                } else {
                    pendingQuarters.append(q)
                }
                k += 1
                continue
            }
            if w == "tháng", k + 1 < t.count, let (m, y) = DateWords.monthYear(t[k + 1]) {
                starts.append(CalendarDate(year: y, month: m, day: 1)!)
                ends.append(CalendarDate.endOf(month: m, year: y)!)
                k += 2
                continue
            }
            if let y = DateWords.year(t[k]) {
                if !pendingQuarters.isEmpty {
                    for qq in pendingQuarters {
                        starts.append(CalendarDate(year: y, month: 3 * qq - 2, day: 1)!)
                        ends.append(CalendarDate.endOf(month: 3 * qq, year: y)!)
                    }
                    pendingQuarters = []
                } else {
                    starts.append(CalendarDate(year: y, month: 1, day: 1)!)
                    ends.append(CalendarDate(year: y, month: 12, day: 31)!)
                }
                k += 1
                continue
            }
            if t[k].kind == .word, t.text(k).contains("-"), t.text(k).split(separator: "-").count == 2 {
                let ys = t.text(k).split(separator: "-").compactMap { Int($0) }.filter { (1900...2200).contains($0) }
                if ys.count == 2 {
                    starts.append(CalendarDate(year: ys[0], month: 1, day: 1)!)
                    ends.append(CalendarDate(year: ys[1], month: 12, day: 31)!)
                    k += 1
                    continue
                }
            }
            if DateWords.dayMonth(t[k]) != nil { break }
            k += 1
        }
        if let s = starts.min(), let e = ends.max(), !starts.isEmpty {
            return Due(.period(start: s, end: e), text: text)
        }
        // Anything else reads like running text, with the cell's start as the introduction.
        let finder = DeadlineFinder(Tokens("trong " + text), reference: reference)
        if let due = finder.find().due { return Due(due.rule, text: text) }
        if let d = DateWords.date(t, at: 0, yearFor: finder.yearFor) { return Due(.date(d.0), text: text) }
        return nil
    }
}
