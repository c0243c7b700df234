import Deadlines

/// Dates as Vietnamese documents write them: "15/8", "10/6/2020", "ngày 10 tháng 8 năm 2021",
/// with blanks left for a day or month not yet known ("ngày   tháng 5 năm 2020").
enum DateWords {
    /// A date found in tokens: as a partial ISO text ("2020-05" when the day is blank) and, when
    /// complete, as a `CalendarDate`.
    struct Found {
        var text: String
        var date: CalendarDate?
        /// Index of the first token of the date expression ("ngày" when present).
        var start: Int
        /// Index after the date expression.
        var end: Int
    }

    /// Parses "d/m", "d/m/yyyy" (also with "-" or "."): day, month, optional year.
    static func dayMonth(_ token: Token) -> (day: Int, month: Int, year: Int?)? {
        guard token.kind == .word || token.kind == .number else { return nil }
        guard let parts = numberParts(token.lower), parts.count == 2 || parts.count == 3 else { return nil }
        guard parts[0].digits <= 2, parts[1].digits <= 2, (1...31).contains(parts[0].value),
            (1...12).contains(parts[1].value)
        else { return nil }
        if parts.count == 3 {
            guard parts[2].digits == 4, (1900...2200).contains(parts[2].value) else { return nil }
            return (parts[0].value, parts[1].value, parts[2].value)
        }
        return (parts[0].value, parts[1].value, nil)
    }

    /// Parses "m/yyyy" (a month of a year).
    static func monthYear(_ token: Token) -> (month: Int, year: Int)? {
        guard let parts = numberParts(token.lower, separators: [0x2F]), parts.count == 2, parts[0].digits <= 2,
            parts[1].digits == 4, (1...12).contains(parts[0].value), (1900...2200).contains(parts[1].value)
        else { return nil }
        return (parts[0].value, parts[1].value)
    }

    /// A four-digit year token.
    static func year(_ token: Token) -> Int? {
        guard token.kind == .number, let parts = numberParts(token.lower, separators: []), parts.count == 1,
            parts[0].digits == 4, (1900...2200).contains(parts[0].value)
        else { return nil }
        return parts[0].value
    }

    /// The numbers of a word made of ASCII digits and one kind of separator ("15/8/2024",
    /// "10-6", "1.2"): the separator is the first of `separators` the word holds ("/" before
    /// "-" before "."). Nil when a part is empty or holds anything but digits, as for any word
    /// with letters. On the packed bytes: no string, no `Character`s (up to three parts).
    static func numberParts(_ w: Word, separators: [UInt8] = [0x2F, 0x2D, 0x2E]) -> [(value: Int, digits: Int)]? {
        guard !w.isLong, w.count > 0 else { return nil }
        let n = w.count
        var sep: UInt8 = 0
        for s in separators {
            if (0..<n).contains(where: { w.byte($0) == s }) {
                sep = s
                break
            }
        }
        var parts: [(value: Int, digits: Int)] = []
        var value = 0
        var digits = 0
        for k in 0...n {
            if k == n || w.byte(k) == sep && sep != 0 {
                guard digits > 0, parts.count < 3 else { return nil }
                parts.append((value, digits))
                value = 0
                digits = 0
                continue
            }
            let b = w.byte(k)
            guard b >= 0x30 && b <= 0x39, digits < 9 else { return nil }
            value = value * 10 + Int(b - 0x30)
            digits += 1
        }
        return parts
    }

    /// "ngày 10 tháng 8 năm 2021", "ngày 06/8/2024", "ngày   tháng 5 năm 2020", starting at the
    /// first "ngày" within the next few tokens from `i`.
    static func longDate(_ t: Tokens, from i: Int) -> Found? {
        var k = i
        while k < t.count, k < i + 4, t[k].lower != "ngày" { k += 1 }
        guard k < t.count, t[k].lower == "ngày" else { return nil }
        let start = k
        k += 1
        skipFiller(t, &k)
        if k < t.count, let (d, m, y) = dayMonth(t[k]), let y {
            guard let date = CalendarDate(year: y, month: m, day: d) else { return nil }
            return Found(text: date.iso, date: date, start: start, end: k + 1)
        }
        var day: Int?
        if k < t.count, t[k].kind == .number, let d = Int(t.text(k)), (1...31).contains(d) {
            day = d
            k += 1
            skipFiller(t, &k)
        }
        guard k < t.count, t[k].lower == "tháng" else { return nil }
        k += 1
        skipFiller(t, &k)
        var month: Int?
        if k < t.count, t[k].kind == .number, let m = Int(t.text(k)), (1...12).contains(m) {
            month = m
            k += 1
            skipFiller(t, &k)
        }
        guard k < t.count, t[k].lower == "năm" else { return nil }
        k += 1
        guard k < t.count, let y = year(t[k]) else { return nil }
        let end = k + 1
        if let month, let day {
            guard let date = CalendarDate(year: y, month: month, day: day) else { return nil }
            return Found(text: date.iso, date: date, start: start, end: end)
        }
        if let month, day == nil {
            return Found(text: CalendarDate.pad(y, 4) + "-" + CalendarDate.pad(month, 2), date: nil, start: start, end: end)
        }
        if month == nil && day == nil {
            return Found(text: CalendarDate.pad(y, 4), date: nil, start: start, end: end)
        }
        return nil
    }

    /// Skips dots and ellipses left as blanks ("ngày ..... tháng").
    static func skipFiller(_ t: Tokens, _ k: inout Int) {
        while k < t.count, t[k].isPunct, t[k].lower == "." || t[k].lower == "…" || t[k].lower == "_" {
            k += 1
        }
    }

    /// A complete date at token `k`: "d/m/yyyy", "d/m" (year from `yearFor`), or the long form
    /// "d tháng m năm yyyy" / "ngày d tháng m năm yyyy". Returns the date and the index after it.
    static func date(_ t: Tokens, at k: Int, yearFor: (Int, Int) -> Int?) -> (CalendarDate, Int)? {
        guard k < t.count else { return nil }
        if let (d, m, y) = dayMonth(t[k]) {
            // A date without a year may still be written "15/8 năm 2021".
            if let y { return CalendarDate(year: y, month: m, day: d).map { ($0, k + 1) } }
            if k + 2 < t.count, t[k + 1].lower == "năm", let y = year(t[k + 2]) {
                return CalendarDate(year: y, month: m, day: d).map { ($0, k + 3) }
            }
            guard let y = yearFor(m, d) else { return nil }
            return CalendarDate(year: y, month: m, day: d).map { ($0, k + 1) }
        }
        if t[k].kind == .number, let d = Int(t.text(k)), (1...31).contains(d), k + 2 < t.count,
            t[k + 1].lower == "tháng", t[k + 2].kind == .number, let m = Int(t.text(k + 2)), (1...12).contains(m)
        {
            if k + 4 < t.count, t[k + 3].lower == "năm", let y = year(t[k + 4]) {
                return CalendarDate(year: y, month: m, day: d).map { ($0, k + 5) }
            }
            guard let y = yearFor(m, d) else { return nil }
            return CalendarDate(year: y, month: m, day: d).map { ($0, k + 3) }
        }
        return nil
    }
}
