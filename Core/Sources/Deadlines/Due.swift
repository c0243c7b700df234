/// A deadline as a notice writes it: the `due` of `dondoc.extraction/1`.
///
/// The expression is kept as written (`text`) beside its meaning (`rule`); resolving it to an
/// effective date on the working-day calendar is the tracker's job, not the extractor's.
public struct Due: Sendable, Hashable {
    /// What the deadline means.
    public var rule: Rule
    /// The span of the notice that expresses it, as written ("hoàn tất trước 15/8").
    public var text: String

    public init(_ rule: Rule, text: String) {
        self.rule = rule
        self.text = text
    }

    /// The kinds of deadline the genre uses (corpus README, "Deadlines").
    public enum Rule: Sendable, Hashable {
        /// Due on a day: "trước 15/8", "chậm nhất 20/12".
        case date(CalendarDate)
        /// Due within a period, on its last day: "trong tháng 12/2020", "quý IV/2022".
        case period(start: CalendarDate, end: CalendarDate)
        /// Starts on a day, open-ended: "Thực hiện từ năm 2021".
        case from(start: CalendarDate)
        /// Repeats: "hằng tháng", "trước ngày 20 hằng tháng" (`day` = 20).
        case recurring(every: Recurrence, day: Int?)
        /// A span after an event: "không quá 07 ngày làm việc kể từ khi nhận được hồ sơ hợp lệ".
        case relative(count: Int, unit: RelativeUnit, after: String)
        /// A standing duty with no end: "Thực hiện thường xuyên", "liên tục".
        case continuing
    }

    /// The repetition of a `recurring` deadline.
    public enum Recurrence: String, Sendable, Hashable, Codable, CaseIterable {
        case year, quarter, month, week, day
    }

    /// The unit of a `relative` deadline.
    public enum RelativeUnit: String, Sendable, Hashable, Codable, CaseIterable {
        case workingDay = "working-day"
        case day, week, month
    }

    /// The `kind` word of the JSON format.
    public var kind: String {
        switch rule {
        case .date: "date"
        case .period: "period"
        case .from: "from"
        case .recurring: "recurring"
        case .relative: "relative"
        case .continuing: "continuing"
        }
    }

    /// The last day the deadline allows, when it names one (`date`, `period`).
    public var endDate: CalendarDate? {
        switch rule {
        case .date(let d): d
        case .period(_, let end): end
        default: nil
        }
    }
}

extension Due: Codable {
    enum Keys: String, CodingKey {
        case kind, date, start, end, every, day, count, unit, after, text
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        let text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        let rule: Rule
        switch kind {
        case "date":
            rule = .date(try c.decode(CalendarDate.self, forKey: .date))
        case "period":
            rule = .period(
                start: try c.decode(CalendarDate.self, forKey: .start),
                end: try c.decode(CalendarDate.self, forKey: .end))
        case "from":
            rule = .from(start: try c.decode(CalendarDate.self, forKey: .start))
        case "recurring":
            rule = .recurring(
                every: try c.decode(Recurrence.self, forKey: .every),
                day: try c.decodeIfPresent(Int.self, forKey: .day))
        case "relative":
            rule = .relative(
                count: try c.decode(Int.self, forKey: .count),
                unit: try c.decode(RelativeUnit.self, forKey: .unit),
                after: try c.decodeIfPresent(String.self, forKey: .after) ?? "")
        case "continuing":
            rule = .continuing
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c, debugDescription: "unknown deadline kind \(kind)")
        }
        self.init(rule, text: text)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(kind, forKey: .kind)
        switch rule {
        case .date(let d):
            try c.encode(d, forKey: .date)
        case .period(let start, let end):
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        case .from(let start):
            try c.encode(start, forKey: .start)
        case .recurring(let every, let day):
            try c.encode(every, forKey: .every)
            if let day { try c.encode(day, forKey: .day) }
        case .relative(let count, let unit, let after):
            try c.encode(count, forKey: .count)
            try c.encode(unit, forKey: .unit)
            try c.encode(after, forKey: .after)
        case .continuing:
            break
        }
        try c.encode(text, forKey: .text)
    }
}
