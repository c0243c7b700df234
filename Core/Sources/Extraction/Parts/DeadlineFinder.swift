import Deadlines

/// Finds the deadlines a task's text states (corpus README, "Deadlines"): dates, periods,
/// open starts, recurrences, spans after an event, standing duties.
///
/// A date or period counts only where a word of time-limit introduces it ("trước", "chậm nhất",
/// "trong tháng", "hoàn thành trong năm"): a year that names the object ("Kế hoạch … năm 2021",
/// "khối lượng hoàn thành trong năm 2020"), a cited document's date, or anything in quotation
/// marks is not a deadline.
struct DeadlineFinder {
    let t: Tokens
    let quoted: [Bool]
    /// The date the year rule counts from: the notice's date of issue (or meeting).
    let reference: CalendarDate?

    init(_ tokens: Tokens, reference: CalendarDate?, quoted: [Bool]? = nil) {
        t = tokens
        self.quoted = quoted ?? UnitFinder.quoteMask(tokens)
        self.reference = reference
    }

    struct Candidate {
        var due: Due
        var start: Int
        var end: Int
    }

    /// The task's deadline and the other deadlines of its steps: the one that ends the work (the
    /// latest) is `due`; a recurrence, an open start or a standing duty counts only when the text
    /// states no end.
    func find() -> (due: Due?, milestones: [Due]) {
        let found = candidates()
        guard !found.isEmpty else { return (nil, []) }
        let ref = reference ?? CalendarDate(year: 2000, month: 1, day: 1)!
        func rank(_ d: Due) -> (Int, Int) {
            switch d.rule {
            case .date(let x): return (3, x.dayNumber)
            case .period(_, let e): return (3, e.dayNumber)
            case .relative(let n, let unit, _):
                let days: Int
                switch unit {
                case .workingDay: days = n * 7 / 5 + 2
                case .day: days = n
                case .week: days = n * 7
                case .month: days = n * 30
                }
                return (3, ref.dayNumber + days)
            case .recurring: return (2, 0)
            case .from: return (1, 0)
            case .continuing: return (0, 0)
            }
        }
        var best = 0
        for i in 1..<found.count where rank(found[i].due) > rank(found[best].due) { best = i }
        var milestones: [Due] = []
        for (i, c) in found.enumerated() where i != best && rank(c.due).0 == 3 { milestones.append(c.due) }
        return (found[best].due, milestones)
    }

    /// The year of a day and month written without one: the reference's year, or the next when
    /// that date would fall more than two months before the reference (corpus README).
    func yearFor(_ month: Int, _ day: Int) -> Int? {
        guard let ref = reference else { return nil }
        guard let same = CalendarDate(year: ref.year, month: month, day: min(day, CalendarDate.daysIn(month: month, year: ref.year))) else {
            return nil
        }
        let twoMonthsBefore = ref.adding(days: -61)
        return same < twoMonthsBefore ? ref.year + 1 : ref.year
    }

    func word(_ k: Int) -> Word { k >= 0 && k < t.count ? t[k].lower : "" }

    /// All deadline expressions of the text, in order.
    func candidates() -> [Candidate] {
        var out: [Candidate] = []
        var k = 0
        let openers = Lexicon.deadlineOpeners.flag  // read once, not per token
        while k < t.count {
            if quoted[k] {
                k += 1
                continue
            }
            if DeadlineFinder.mayStart(t[k], openers: openers),
                let c = recurring(at: k) ?? relative(at: k) ?? period(at: k) ?? from(at: k) ?? date(at: k)
                    ?? continuing(at: k)
            {
                out.append(c)
                k = max(c.end, k + 1)
                continue
            }
            k += 1
        }
        return out
    }

    /// Words a deadline expression can start with: numbers, and a few time words
    /// (`Lexicon.deadlineOpeners`).
    static func mayStart(_ token: Token, openers: UInt16) -> Bool {
        token.kind == .number || (token.kind == .word && token.lower.byte(0) >= 0x30 && token.lower.byte(0) <= 0x39)
            || token.starts & openers != 0
    }

    func text(_ a: Int, _ b: Int) -> String {
        var s = String(t.text(a, b))
        while let l = s.last, ".,;:()".contains(l) { s.removeLast() }
        while let f = s.first, "(".contains(f) { s.removeFirst() }
        return VietnameseText.collapseSpaces(s)
    }

    /// Extends a deadline's text back over the verb that introduces it ("hoàn thành trước …",
    /// "Thời gian trình UBND tỉnh trong năm …").
    static let spanLead: WordSet = ["hoàn", "thành", "tất", "xong", "thời", "gian", "hạn", "chậm", "nhất", "là", "thực", "hiện"]

    func spanStart(_ k: Int) -> Int {
        var s = k
        while s > 0, DeadlineFinder.spanLead.contains(t[s - 1].lower) { s -= 1 }
        return s
    }

    // MARK: Kinds

    /// "hàng năm", "hằng tháng", "định kỳ hàng quý", "trước ngày 20 hằng tháng",
    /// "trước ngày 15 của tháng cuối cùng hàng quý".
    func recurring(at k: Int) -> Candidate? {
        guard Phrases.s24.contains(word(k)), k + 1 < t.count else { return nil }
        let every: Due.Recurrence
        switch word(k + 1) {
        case "năm": every = .year
        case "quý": every = .quarter
        case "tháng": every = .month
        case "tuần": every = .week
        case "ngày": every = .day
        default: return nil
        }
        if word(k) == "mỗi", !Phrases.s25.contains(word(k + 1)) { return nil }
        var start = k
        var day: Int?
        // "ngày N hằng tháng" / "ngày N của tháng cuối cùng hàng quý".
        var b = k - 1
        if word(b) == "cùng" { b -= 1 }
        if word(b) == "cuối", word(b - 1) == "tháng" { b -= 2 }
        if word(b) == "của" { b -= 1 }
        if b >= 1, t[b].kind == .number, let d = Int(t.text(b)), (1...31).contains(d), word(b - 1) == "ngày" {
            day = d
            start = b - 1
            if Phrases.s26.contains(word(start - 1)) { start -= 1 }
        }
        if word(start - 1) == "kỳ", word(start - 2) == "định" { start -= 2 }
        if word(start - 1) == "xuyên", word(start - 2) == "thường" {
            start -= 2
            if word(start - 1) == "vụ", word(start - 2) == "nhiệm" { start -= 2 }
            if word(start - 1) == "hiện", word(start - 2) == "thực" { start -= 2 }
        }
        return Candidate(due: Due(.recurring(every: every, day: day), text: text(start, k + 2)), start: start, end: k + 2)
    }

    /// "không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ", "trong vòng 05 ngày kể từ
    /// ngày …", "sau 03 tháng kể từ …".
    func relative(at k: Int) -> Candidate? {
        guard t[k].kind == .number, let n = Int(t.text(k)), (1...999).contains(n) else { return nil }
        var p = k + 1
        let unit: Due.RelativeUnit
        if let e = t.match(Phrases.p19, at: p) {
            unit = .workingDay
            p = e
        } else if word(p) == "ngày" {
            unit = .day
            p += 1
        } else if word(p) == "tuần" {
            unit = .week
            p += 1
        } else if word(p) == "tháng" {
            unit = .month
            p += 1
        } else {
            return nil
        }
        if let e = t.match(Phrases.p20, at: p) {
            p = e
        } else if Phrases.s27.contains(word(p)) {
            p += 1
        } else {
            return nil
        }
        if Phrases.s28.contains(word(p)) { p += 1 }
        if word(p) == "ngày", p + 1 < t.count, t[p + 1].isWord, !t.text(p + 1).first!.isNumber { p += 1 }
        let eventStart = p
        var e = p
        while e < t.count, !(t[e].isPunct && Phrases.s29.contains(t[e].lower)) { e += 1 }
        guard e > eventStart else { return nil }
        var start = k
        for intro: [Word] in [["không", "quá"], ["trong", "vòng"], ["trong", "thời", "hạn"], ["tối", "đa"], ["chậm", "nhất"]] {
            if start >= intro.count, t.match(intro, at: start - intro.count) != nil {
                start -= intro.count
                break
            }
        }
        if Phrases.s30.contains(word(start - 1)), start == k { start -= 1 }
        let after = text(eventStart, e)
        return Candidate(due: Due(.relative(count: n, unit: unit, after: after), text: text(start, e)), start: start, end: e)
    }

    /// Words that introduce a period or an open start as a time limit.
    static let periodIntro: WordSet = ["trong", "kỳ", "vào", "thành", "tất", "hiện", "khai", "(", "hạn", "xong"]

    /// "trong tháng 12/2020", "trong quý IV năm 2026", "3 tháng cuối năm 2022", "(Hoàn thành
    /// trong tháng 10/2022)", "Thực hiện trong năm 2020", "từ ngày … đến ngày …".
    func period(at k: Int) -> Candidate? {
        let w = word(k)
        if w == "tháng" {
            let introduced = k == 0 || DeadlineFinder.periodIntro.contains(word(k - 1))
            guard introduced else { return nil }
            var start = spanStart(k)
            if word(k - 1) == "trong" { start = spanStart(k - 1) }
            if k + 1 < t.count, let (m, y) = DateWords.monthYear(t[k + 1]) {
                return monthPeriod(m, y, start, k + 2)
            }
            if k + 3 < t.count, t[k + 1].kind == .number, let m = Int(t.text(k + 1)), (1...12).contains(m),
                word(k + 2) == "năm", let y = DateWords.year(t[k + 3])
            {
                return monthPeriod(m, y, start, k + 4)
            }
            // "tháng 12 hằng năm" recurs.
            if ["hàng", "hằng"].contains(word(k + 2)) { return nil }
            if word(k - 1) == "trong", k + 1 < t.count, t[k + 1].kind == .number, let m = Int(t.text(k + 1)),
                (1...12).contains(m), let y = yearFor(m, CalendarDate.daysIn(month: m, year: reference?.year ?? 2001))
            {
                return monthPeriod(m, y, start, k + 2)
            }
            return nil
        }
        if w == "quý" {
            let introduced = k == 0 || DeadlineFinder.periodIntro.contains(word(k - 1))
            guard introduced, k + 1 < t.count else { return nil }
            var start = spanStart(k)
            if word(k - 1) == "trong" { start = spanStart(k - 1) }
            let parts = t.text(k + 1).split(separator: "/")
            guard let q = DeadlineFinder.quarter(parts.first ?? "") else { return nil }
            var year: Int?
            var end = k + 2
            if parts.count == 2, let y = Int(parts[1]), parts[1].count == 4 {
                year = y
            } else if word(k + 2) == "năm", k + 3 < t.count, let y = DateWords.year(t[k + 3]) {
                year = y
                end = k + 4
            } else if word(k + 2) == "/", k + 3 < t.count, let y = DateWords.year(t[k + 3]) {
                year = y
                end = k + 4
            } else {
                year = reference?.year
            }
            guard let y = year, let s = CalendarDate(year: y, month: 3 * q - 2, day: 1),
                let e = CalendarDate.endOf(month: 3 * q, year: y)
            else { return nil }
            return Candidate(due: Due(.period(start: s, end: e), text: text(start, end)), start: start, end: end)
        }
        // "3 tháng cuối năm 2022", "6 tháng đầu năm 2023".
        if t[k].kind == .number, let n = Int(t.text(k)), (1...11).contains(n), word(k + 1) == "tháng",
            Phrases.s31.contains(word(k + 2)), word(k + 3) == "năm"
        {
            // "sơ kết công tác 9 tháng đầu năm": the period reviewed, not a time limit.
            if Phrases.reviewNouns.contains(word(k - 1)) { return nil }
            var y = reference?.year
            var end = k + 4
            if k + 4 < t.count, let yy = DateWords.year(t[k + 4]) {
                y = yy
                end = k + 5
            }
            guard let year = y else { return nil }
            let first = word(k + 2) == "đầu" ? 1 : 13 - n
            let last = word(k + 2) == "đầu" ? n : 12
            guard let s = CalendarDate(year: year, month: first, day: 1), let e = CalendarDate.endOf(month: last, year: year)
            else { return nil }
            let start = word(k - 1) == "trong" ? spanStart(k - 1) : spanStart(k)
            return Candidate(due: Due(.period(start: s, end: e), text: text(start, end)), start: start, end: end)
        }
        // "trong năm 2020" after a verb of completion.
        if w == "trong", word(k + 1) == "năm", k + 2 < t.count, let y = DateWords.year(t[k + 2]) {
            guard verbIndex(k) != nil else { return nil }
            // "trong năm 2021 và những năm tiếp theo" is no time limit.
            if word(k + 3) == "và", Phrases.s32.contains(word(k + 4)) { return nil }
            guard let s = CalendarDate(year: y, month: 1, day: 1), let e = CalendarDate(year: y, month: 12, day: 31)
            else { return nil }
            let start = verbStart(k)
            return Candidate(due: Due(.period(start: s, end: e), text: text(start, k + 3)), start: start, end: k + 3)
        }
        // "từ ngày 01/6/2020 đến ngày 30/6/2020".
        if w == "từ", word(k + 1) == "ngày" {
            guard let (s, e1) = DateWords.date(t, at: k + 2, yearFor: yearFor), word(e1) == "đến" else { return nil }
            var p = e1 + 1
            if word(p) == "ngày" { p += 1 }
            guard let (e, e2) = DateWords.date(t, at: p, yearFor: yearFor), s <= e else { return nil }
            return Candidate(due: Due(.period(start: s, end: e), text: text(k, e2)), start: k, end: e2)
        }
        return nil
    }

    func monthPeriod(_ m: Int, _ y: Int, _ start: Int, _ end: Int) -> Candidate? {
        guard let s = CalendarDate(year: y, month: m, day: 1), let e = CalendarDate.endOf(month: m, year: y) else {
            return nil
        }
        return Candidate(due: Due(.period(start: s, end: e), text: text(start, end)), start: start, end: end)
    }

    /// Verbs after which "trong năm X" limits the time of the work.
    static let completionVerbs: [[Word]] = [
        ["hoàn", "thành"], ["hoàn", "tất"], ["thực", "hiện"], ["triển", "khai"], ["trình"], ["công", "bố"],
        ["tổ", "chức"], ["ban", "hành"], ["phê", "duyệt"], ["thời", "gian"], ["xong"], ["hoàn", "chỉnh"],
        ["hoàn", "thiện"], ["xây", "dựng"],
    ]

    /// Where a verb of completion stands at most five words before `k`, not itself the head of a
    /// noun phrase ("khối lượng hoàn thành"); nil when none does.
    func verbIndex(_ k: Int) -> Int? {
        var words = 0
        var p = k - 1
        while p >= 0, words <= 5 {
            if t[p].isPunct { return nil }
            for verb in DeadlineFinder.completionVerbs {
                let s = p - verb.count + 1
                if s >= 0, t.match(verb, at: s) != nil {
                    if s >= 2, t.match(Phrases.p21, at: s - 2) != nil { return nil }
                    if s >= 1, Phrases.s33.contains(t[s - 1].lower), verb == ["hoàn", "thành"] { return nil }
                    return s
                }
            }
            words += 1
            p -= 1
        }
        return nil
    }

    func verbStart(_ k: Int) -> Int {
        guard let v = verbIndex(k) else { return k }
        return spanStart(v)
    }

    /// "Thực hiện từ năm 2021", "từ tháng 7/2022", "từ ngày 01/7/2022".
    func from(at k: Int) -> Candidate? {
        guard word(k) == "từ" else { return nil }
        let introduced = k == 0 || Phrases.s34.contains(word(k - 1))
        guard introduced else { return nil }
        let start = spanStart(k)
        if word(k + 1) == "năm", k + 2 < t.count, let y = DateWords.year(t[k + 2]) {
            if Phrases.s35.contains(word(k + 3)) { return nil }
            return CalendarDate(year: y, month: 1, day: 1).map {
                Candidate(due: Due(.from(start: $0), text: text(start, k + 3)), start: start, end: k + 3)
            }
        }
        if word(k + 1) == "tháng", k + 2 < t.count, let (m, y) = DateWords.monthYear(t[k + 2]) {
            if Phrases.s35.contains(word(k + 3)) { return nil }
            return CalendarDate(year: y, month: m, day: 1).map {
                Candidate(due: Due(.from(start: $0), text: text(start, k + 3)), start: start, end: k + 3)
            }
        }
        if word(k + 1) == "ngày", let (d, e) = DateWords.date(t, at: k + 2, yearFor: yearFor) {
            if Phrases.s35.contains(word(e)) { return nil }
            return Candidate(due: Due(.from(start: d), text: text(start, e)), start: start, end: e)
        }
        return nil
    }

    /// Words before a date that make it a time limit: "trước (ngày)", "chậm nhất (là|vào) (ngày)",
    /// "hạn chót", "(hoàn thành) ngày", "sáng ngày", "16 giờ ngày", "vào ngày", "đến ngày".
    static let dateIntro: WordSet = [
        "trước", "nhất", "là", "vào", "chót", "hạn", "thành", "tất", "xong", "sáng", "chiều", "tối",
        "trưa", "giờ", "đến", "trong", "hết",
    ]

    func date(at k: Int) -> Candidate? {
        // The date itself: "15/8", "10/6/2020", "10 tháng 6 năm 2020".
        // (A word reaches here from `mayStart`: it starts with an ASCII digit, or is a time word.)
        guard t[k].kind == .number || (t[k].kind == .word && t[k].lower.byte(0) &- 0x30 < 10) else { return nil }
        var b = k - 1
        if word(b) == "ngày" { b -= 1 }
        guard b >= 0, DeadlineFinder.dateIntro.contains(word(b)) else { return nil }
        if word(b) == "giờ", !(b >= 1 && t[b - 1].kind == .number) { return nil }
        if word(b) == "hết", word(b - 1) != "đến" { return nil }
        guard let (d, e) = DateWords.date(t, at: k, yearFor: yearFor) else { return nil }
        // "đến ngày …" as the end of a range opened by "từ" is handled as a period.
        var start = spanStart(b)
        if word(b) == "giờ" { start = spanStart(b - 1) }
        if Phrases.s36.contains(word(b)) { start = b }
        return Candidate(due: Due(.date(d), text: text(start, e)), start: start, end: e)
    }

    /// "Thường xuyên …" opening the task or a sentence, "(thường xuyên)", "thực hiện thường
    /// xuyên", "liên tục".
    func continuing(at k: Int) -> Candidate? {
        if let e = t.match(Phrases.p22, at: k) {
            let opens = k == 0 || Phrases.s37.contains(word(k - 1))
            let afterVerb = Phrases.s38.contains(word(k - 1))
            guard opens || afterVerb else { return nil }
            let start = afterVerb ? k - 2 : k
            return Candidate(due: Due(.continuing, text: text(start, e)), start: start, end: e)
        }
        if let e = t.match(Phrases.p23, at: k) {
            // "liên tục": a way of working with no end.
            return Candidate(due: Due(.continuing, text: text(k, e)), start: k, end: e)
        }
        return nil
    }

    static func quarter(_ s: Substring) -> Int? {
        switch s.uppercased() {
        case "I", "1": 1
        case "II", "2": 2
        case "III", "3": 3
        case "IV", "4": 4
        default: nil
        }
    }
}
