/// A period of the state administration's periodic reporting regime (Nghị định 09/2019/NĐ-CP,
/// Điều 12): a report "tháng 10/2022" does not cover October but 15/9/2022 to 14/10/2022, so that
/// it can be written and sent before the month ends.
///
/// - a month: the 15th of the month before to the 14th of the month;
/// - a quarter: the 15th of the month before the quarter to the 14th of its last month;
/// - the half year: 15/12 of the year before to 14/6;
/// - the year: 15/12 of the year before to 14/12.
public enum ReportingPeriod: Sendable, Hashable, CustomStringConvertible {
    case month(year: Int, month: Int)
    case quarter(year: Int, quarter: Int)
    case halfYear(year: Int)
    case year(Int)

    /// The days the report covers, both ends included; nil for a month or quarter out of range
    /// or a year outside 2…9999.
    public var range: ClosedRange<CalendarDate>? {
        switch self {
        case .month(let y, let m):
            guard (1...12).contains(m) else { return nil }
            return ReportingPeriod.span(endingIn: m, of: y, months: 1)
        case .quarter(let y, let q):
            guard (1...4).contains(q) else { return nil }
            return ReportingPeriod.span(endingIn: 3 * q, of: y, months: 3)
        case .halfYear(let y):
            return ReportingPeriod.span(endingIn: 6, of: y, months: 6)
        case .year(let y):
            return ReportingPeriod.span(endingIn: 12, of: y, months: 12)
        }
    }

    /// From the 15th of the month `months` before `month` to the 14th of `month`.
    static func span(endingIn month: Int, of year: Int, months: Int) -> ClosedRange<CalendarDate>? {
        let startIndex = year * 12 + (month - 1) - months  // months since year 0, January = 0
        guard let start = CalendarDate(year: startIndex / 12, month: startIndex % 12 + 1, day: 15),
            let end = CalendarDate(year: year, month: month, day: 14)
        else { return nil }
        return start...end
    }

    /// The short name: "2022-10", "2022-Q3", "2022-H1", "2022".
    public var description: String {
        switch self {
        case .month(let y, let m): return "\(y)-" + CalendarDate.pad(m, 2)
        case .quarter(let y, let q): return "\(y)-Q\(q)"
        case .halfYear(let y): return "\(y)-H1"
        case .year(let y): return "\(y)"
        }
    }

    /// The reports that count `date`, shortest first: its month, its quarter, the half year
    /// (from 15/12 to 14/6 only) and the year. 15/10/2024 is in November's report, Q4 2024 and
    /// 2024; 20/12/2024 is in January 2025's, Q1 2025, the first half of 2025 and 2025.
    public static func reports(containing date: CalendarDate) -> [ReportingPeriod] {
        // The report month: the calendar month, or the next one from the 15th on.
        var (y, m) = (date.year, date.month)
        if date.day >= 15 {
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        var out: [ReportingPeriod] = [.month(year: y, month: m), .quarter(year: y, quarter: (m + 2) / 3)]
        if m <= 6 { out.append(.halfYear(year: y)) }
        out.append(.year(y))
        return out
    }

    /// Reads a period's name: the short names of `description`, or as Vietnamese documents write
    /// it: "tháng 10/2022", "tháng 10 năm 2022", "quý III/2022", "quý 3 năm 2022", "6 tháng đầu
    /// năm 2022" ("sáu tháng"), "năm 2022". Case and spacing do not matter. Nil for anything else.
    public init?(name: String) {
        let words = ReportingPeriod.words(name)
        guard !words.isEmpty else { return nil }
        func year(_ w: String) -> Int? { w.count == 4 ? Int(w) : nil }
        switch words.count {
        case 1:
            // "2022", "2022-10", "2022-q3", "2022-h1"
            let parts = words[0].split(separator: "-").map(String.init)
            guard let y = year(parts[0]) else { return nil }
            if parts.count == 1 {
                self = .year(y)
            } else if parts.count == 2, parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) {
                self = .month(year: y, month: m)
            } else if parts.count == 2, parts[1].hasPrefix("q"), let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
                self = .quarter(year: y, quarter: q)
            } else if parts.count == 2, parts[1] == "h1" {
                self = .halfYear(year: y)
            } else {
                return nil
            }
        default:
            // Vietnamese: the kind word, the number, then "/YYYY" or "năm YYYY".
            var w = words
            if w.first == "báo", w.dropFirst().first == "cáo" { w.removeFirst(2) }  // "báo cáo tháng 10/2022"
            guard let last = w.last, let y = year(last) else { return nil }
            w.removeLast()
            if w.count > 1, w.last == "năm" { w.removeLast() }  // "tháng 10 năm 2022"
            switch w.first {
            case "năm" where w.count == 1:
                self = .year(y)
            case "tháng" where w.count == 2:
                guard let m = Int(w[1]), (1...12).contains(m) else { return nil }
                self = .month(year: y, month: m)
            case "quý" where w.count == 2:
                guard let q = Int(w[1]) ?? ReportingPeriod.roman[w[1]], (1...4).contains(q) else { return nil }
                self = .quarter(year: y, quarter: q)
            case "6", "sáu":
                guard w.count == 3, w[1] == "tháng", w[2] == "đầu" else { return nil }
                self = .halfYear(year: y)
            default:
                return nil
            }
        }
    }

    static let roman = ["i": 1, "ii": 2, "iii": 3, "iv": 4]

    /// The lower-cased words of a name, "/" before a year read as a separate word.
    static func words(_ name: String) -> [String] {
        name.lowercased().split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "\t" }).map(String.init)
    }
}
