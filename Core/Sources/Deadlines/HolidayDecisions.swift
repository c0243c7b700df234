import Foundation

/// The government's yearly decisions on days off for state agencies: the data file
/// `Resources/vn-holidays.json` (format `dondoc.holidays/1`) shipped with DonDoc, which an
/// administrator extends for a new year without a release.
///
/// The law's standing rules (which days are holidays, how many days Tết has, the weekend
/// substitute days of Bộ luật Lao động 2019, Điều 111.3) are code, in `VietnameseHolidays`. What
/// the Prime Minister fixes each year is data:
///
/// ```json
/// { "year": 2026,
///   "tet": { "from": "2026-02-16", "days": 5 },      // or { "from": …, "to": … }
///   "nationalDay": "2026-09-01",                     // the second day of Quốc khánh: 1/9 or 3/9
///   "swaps": [{ "off": "2026-08-31", "work": "2026-08-22" }],
///   "extra": [{ "date": "…", "name": "…" }] }        // a one-off day off
/// ```
///
/// `tet` has two forms, as decisions are written: `days` — the statutory days start at `from`, and
/// a Saturday or Sunday among them gives a substitute day after the block; `to` — every day from
/// `from` to `to` is off, as listed. `annual` adds a day off every year from a year on ("Ngày Văn
/// hóa Việt Nam", 24/11, from 2026), with weekend substitutes like the statutory days.
public struct HolidayDecisions: Sendable, Hashable {
    public static let formatName = "dondoc.holidays/1"

    public var annual: [AnnualDay]
    public var years: [Year]

    public init(annual: [AnnualDay] = [], years: [Year] = []) {
        self.annual = annual
        self.years = years
    }

    /// A day off every year, on a fixed day of the civil calendar.
    public struct AnnualDay: Sendable, Hashable {
        public var name: String
        public var month: Int
        public var day: Int
        /// The first and last year it applies (nil: always).
        public var from: Int?
        public var until: Int?

        public init(name: String, month: Int, day: Int, from: Int? = nil, until: Int? = nil) {
            self.name = name
            self.month = month
            self.day = day
            self.from = from
            self.until = until
        }

        public func applies(in year: Int) -> Bool {
            (from.map { year >= $0 } ?? true) && (until.map { year <= $0 } ?? true)
        }
    }

    /// What was decided for one year.
    public struct Year: Sendable, Hashable {
        public var year: Int
        public var tet: Tet?
        /// The second day of Quốc khánh (from 2021): 1/9 or 3/9.
        public var nationalDay: CalendarDate?
        public var swaps: [Swap]
        public var extra: [Extra]

        public init(year: Int, tet: Tet? = nil, nationalDay: CalendarDate? = nil, swaps: [Swap] = [], extra: [Extra] = []) {
            self.year = year
            self.tet = tet
            self.nationalDay = nationalDay
            self.swaps = swaps
            self.extra = extra
        }
    }

    /// The days off of Tết Nguyên Đán.
    public struct Tet: Sendable, Hashable {
        public var from: CalendarDate
        public var span: Span

        public enum Span: Sendable, Hashable {
            /// `days` statutory days from `from`; a weekend day among them gives a day after the block.
            case days(Int)
            /// Every day from `from` to this day, as listed.
            case through(CalendarDate)
        }

        public init(from: CalendarDate, span: Span) {
            self.from = from
            self.span = span
        }
    }

    /// A weekday off (`off`) paid for by working a weekend day (`work`, usually a Saturday).
    public struct Swap: Sendable, Hashable {
        public var off: CalendarDate
        public var work: CalendarDate

        public init(off: CalendarDate, work: CalendarDate) {
            self.off = off
            self.work = work
        }
    }

    /// A one-off day off.
    public struct Extra: Sendable, Hashable {
        public var date: CalendarDate
        public var name: String

        public init(date: CalendarDate, name: String) {
            self.date = date
            self.name = name
        }
    }

    /// The decisions shipped with DonDoc (2010–2026 and 24/11 from 2026).
    public static let bundled: HolidayDecisions = {
        do {
            return try HolidayDecisions(json: Data(PackageResources.vn_holidays_json))
        } catch {
            // The file is part of the build and tested; a broken copy is a build defect.
            preconditionFailure("the bundled vn-holidays.json does not load: \(error)")
        }
    }()

    /// Reads and checks a file of the format.
    public init(json: Data) throws {
        let file: FileModel
        do {
            file = try JSONDecoder().decode(FileModel.self, from: json)
        } catch let error as HolidayDataError {
            throw error
        } catch let error as DecodingError {
            throw HolidayDataError(Self.describe(error))
        } catch {
            throw HolidayDataError("not JSON: \(error.localizedDescription)")
        }
        guard file.format == Self.formatName else {
            throw HolidayDataError("format is \"\(file.format)\", expected \"\(Self.formatName)\"")
        }
        self.init(annual: file.annual ?? [], years: file.years ?? [])
        try validate()
    }

    /// Reads and checks the file at `path`.
    public init(contentsOfFile path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw HolidayDataError("cannot read \(path): \(error.localizedDescription)")
        }
        do {
            try self.init(json: data)
        } catch let error as HolidayDataError {
            throw HolidayDataError("\(path): \(error.reason)")
        }
    }

    /// These decisions with `other`'s on top: a year `other` lists replaces the same year here;
    /// its annual days are added (replacing one with the same day and name).
    public func overridden(by other: HolidayDecisions) -> HolidayDecisions {
        let replaced = Set(other.years.map(\.year))
        var years = self.years.filter { !replaced.contains($0.year) } + other.years
        years.sort { $0.year < $1.year }
        var annual = self.annual.filter { a in
            !other.annual.contains { $0.month == a.month && $0.day == a.day && $0.name == a.name }
        }
        annual += other.annual
        return HolidayDecisions(annual: annual, years: years)
    }

    /// Checks what JSON cannot: real dates in the right year, swaps from a weekday to a weekend day,
    /// a Tết block around Tết, each year once.
    public func validate() throws {
        for a in annual {
            guard !a.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw HolidayDataError("annual day \(a.day)/\(a.month): the name is empty")
            }
            guard CalendarDate(year: 2000, month: a.month, day: a.day) != nil else {
                throw HolidayDataError("annual day \"\(a.name)\": \(a.day)/\(a.month) is not a day of the year")
            }
            if let from = a.from, let until = a.until, from > until {
                throw HolidayDataError("annual day \"\(a.name)\": from \(from) is after until \(until)")
            }
        }
        var seen = Set<Int>()
        for y in years {
            let at = "year \(y.year)"
            guard VietnameseHolidays.years.contains(y.year) else {
                throw HolidayDataError("\(at): outside \(VietnameseHolidays.years.lowerBound)–\(VietnameseHolidays.years.upperBound)")
            }
            guard seen.insert(y.year).inserted else { throw HolidayDataError("\(at): listed twice") }
            if let tet = y.tet {
                let lunarNewYear = LunarCalendar.tet(year: y.year)
                let offset = tet.from.dayNumber - lunarNewYear.dayNumber
                guard (-10...3).contains(offset) else {
                    throw HolidayDataError("\(at): Tết starts \(tet.from.iso), not near Tết (\(lunarNewYear.iso))")
                }
                switch tet.span {
                case .days(let n):
                    guard (1...15).contains(n) else { throw HolidayDataError("\(at): Tết days \(n) is not 1–15") }
                case .through(let end):
                    guard end >= tet.from, end.dayNumber - tet.from.dayNumber < 20 else {
                        throw HolidayDataError("\(at): Tết from \(tet.from.iso) to \(end.iso) is not a span of 1–20 days")
                    }
                }
            }
            if let d = y.nationalDay {
                guard d.year == y.year, d.month == 9, d.day == 1 || d.day == 3 else {
                    throw HolidayDataError("\(at): nationalDay \(d.iso) is neither 1/9 nor 3/9 of \(y.year)")
                }
            }
            for s in y.swaps {
                guard s.off.year == y.year else {
                    throw HolidayDataError("\(at): swap day off \(s.off.iso) is not in \(y.year)")
                }
                guard s.off.weekday <= 5 else {
                    throw HolidayDataError("\(at): swap day off \(s.off.iso) is a weekend day already")
                }
                guard s.work.weekday >= 6 else {
                    throw HolidayDataError("\(at): swap working day \(s.work.iso) is not a Saturday or Sunday")
                }
                guard abs(s.work.dayNumber - s.off.dayNumber) <= 62 else {
                    throw HolidayDataError("\(at): swap \(s.off.iso) ↔ \(s.work.iso) are more than two months apart")
                }
            }
            for e in y.extra {
                guard e.date.year == y.year else { throw HolidayDataError("\(at): extra day \(e.date.iso) is not in \(y.year)") }
                guard !e.name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw HolidayDataError("\(at): extra day \(e.date.iso) has no name")
                }
            }
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ c: DecodingError.Context) -> String {
            let p = c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return p.isEmpty ? "" : " at \(p.hasPrefix(".") ? String(p.dropFirst()) : p)"
        }
        switch error {
        case .dataCorrupted(let c) where c.codingPath.isEmpty:
            let detail = (c.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "not JSON" + (detail.map { ": \($0)" } ?? "")
        case .dataCorrupted(let c): return "\(c.debugDescription)\(path(c))"
        case .keyNotFound(let key, let c): return "missing \"\(key.stringValue)\"\(path(c))"
        case .typeMismatch(_, let c): return "wrong type\(path(c)): \(c.debugDescription)"
        case .valueNotFound(_, let c): return "missing value\(path(c))"
        @unknown default: return "\(error)"
        }
    }
}

/// A holiday data file that cannot be used; `message` says why, in English (logs and CLI).
public struct HolidayDataError: Error, CustomStringConvertible, Sendable {
    /// What is wrong, without the "holiday data: " prefix.
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    /// "holiday data: " and the reason.
    public var message: String { "holiday data: " + reason }
    public var description: String { message }
}

// MARK: - The JSON shape

/// Decoding that refuses keys it does not know: a misspelt "swap" in an administrator's file must
/// be an error, not a decision silently ignored.
private struct Keys: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(_ s: String) { stringValue = s }
}

extension KeyedDecodingContainer where K == Keys {
    fileprivate func onlyKeys(_ known: Set<String>) throws {
        for key in allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath + [key], debugDescription: "unknown key \"\(key.stringValue)\""))
        }
    }
    fileprivate func required<T: Decodable>(_ key: String, _ type: T.Type = T.self) throws -> T {
        try decode(T.self, forKey: Keys(key))
    }
    fileprivate func optional<T: Decodable>(_ key: String, _ type: T.Type = T.self) throws -> T? {
        try decodeIfPresent(T.self, forKey: Keys(key))
    }
}

private struct FileModel: Decodable {
    let format: String
    let annual: [HolidayDecisions.AnnualDay]?
    let years: [HolidayDecisions.Year]?

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["format", "note", "annual", "years"])
        format = try c.required("format")
        annual = try c.optional("annual")
        years = try c.optional("years")
    }
}

extension HolidayDecisions.AnnualDay: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["name", "month", "day", "from", "until", "note"])
        self.init(
            name: try c.required("name"), month: try c.required("month"), day: try c.required("day"),
            from: try c.optional("from"), until: try c.optional("until"))
    }
}

extension HolidayDecisions.Year: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["year", "tet", "nationalDay", "swaps", "extra", "note", "source"])
        self.init(
            year: try c.required("year"), tet: try c.optional("tet"), nationalDay: try c.optional("nationalDay"),
            swaps: try c.optional("swaps") ?? [], extra: try c.optional("extra") ?? [])
    }
}

extension HolidayDecisions.Tet: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["from", "days", "to"])
        let from: CalendarDate = try c.required("from")
        switch (try c.optional("days", Int.self), try c.optional("to", CalendarDate.self)) {
        case (let n?, nil): self.init(from: from, span: .days(n))
        case (nil, let end?): self.init(from: from, span: .through(end))
        default:
            throw DecodingError.dataCorrupted(
                .init(codingPath: c.codingPath, debugDescription: "tet needs exactly one of \"days\" and \"to\""))
        }
    }
}

extension HolidayDecisions.Swap: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["off", "work"])
        self.init(off: try c.required("off"), work: try c.required("work"))
    }
}

extension HolidayDecisions.Extra: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        try c.onlyKeys(["date", "name"])
        self.init(date: try c.required("date"), name: try c.required("name"))
    }
}
