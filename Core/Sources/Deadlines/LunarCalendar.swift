import Foundation

/// A day on the Vietnamese lunar calendar (âm lịch): "mùng 10 tháng 3", "15 tháng 4 nhuận".
///
/// `year` is the Gregorian year in which the lunar year begins (lunar 1/1, Tết), so lunar months
/// 11 and 12 of `year` fall in December of `year` or January–February of `year + 1`.
public struct LunarDate: Sendable, Hashable, CustomStringConvertible {
    /// The lunar year, named by the Gregorian year of its Tết.
    public var year: Int
    /// The month number, 1...12; a leap month repeats the number of the month before it.
    public var month: Int
    /// The day of the month, 1...29 or 1...30.
    public var day: Int
    /// Whether this is the leap month (tháng nhuận) that follows the ordinary month `month`.
    public var isLeapMonth: Bool

    /// A lunar date as written; whether it exists is `LunarCalendar.gregorian(_:)`'s question.
    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// `day/month/year`, with " nhuận" after a leap month: "10/3/2025", "1/6 nhuận/2025".
    public var description: String {
        "\(day)/\(month)\(isLeapMonth ? " nhuận" : "")/\(year)"
    }
}

/// The Vietnamese lunisolar calendar, computed astronomically for a time zone (UTC+7 by default).
///
/// The rules: a month begins on the local day of a new moon; month 11 is the month containing the
/// winter solstice; when 13 months begin between two months 11, the first of them (after the
/// first month 11) that contains no major solar term (the sun's apparent longitude crossing a
/// multiple of 30°) is the leap month and repeats the number of the month before it.
///
/// Vietnam has used UTC+7 since 1968; China uses UTC+8, so a new moon or a solar term close to
/// midnight can fall on different days and move Tết by a day or, in 1985, by a month. Calendars
/// issued in Vietnam before 1968 followed the Chinese one; this type computes the UTC+7 calendar
/// for every year, as the reference tables' `tet` and `gio_to` columns do.
///
/// Accuracy: new moons follow Meeus, "Astronomical Algorithms" (2nd ed.), ch. 49 (within about
/// a minute of the true instants) and the sun's longitude ch. 25 (within about 0.01°, some
/// fifteen minutes of a solar term's instant); ΔT (TT − UT) uses the Espenak–Meeus polynomials.
/// A day can come out wrong only when a new moon or a major term falls within those margins of
/// local midnight. Tested against the reference dates of Tết and Giỗ Tổ for every year 1900–2100
/// (at UTC+7 and UTC+8); in that range the new moons that begin those months all fall at least
/// seven minutes from local midnight (the closest: Giỗ Tổ 2086).
/// Each conversion computes a few dozen new moons and solar longitudes; no table is kept.
public enum LunarCalendar {
    /// Vietnam's offset from UTC in hours, the default of every function here.
    public static let vietnamUTCOffsetHours: Double = 7

    /// The lunar date of the Gregorian day `date` at `utcOffsetHours`.
    public static func lunarDate(of date: CalendarDate, utcOffsetHours: Double = vietnamUTCOffsetHours)
        -> LunarDate
    {
        let clock = LocalClock(utcOffsetHours: utcOffsetHours)
        let day = date.dayNumber
        let lunation = clock.lunation(beginningOnOrBefore: day)
        let firstSolsticeYear =
            lunation >= clock.monthElevenLunation(solsticeYear: date.year) ? date.year : date.year - 1
        let sui = Sui(solsticeYear: firstSolsticeYear, clock: clock)
        let month = sui.month(at: lunation - sui.firstLunation)
        return LunarDate(
            year: month.lunarYear, month: month.number,
            day: day - clock.newMoonDay(lunation) + 1, isLeapMonth: month.isLeap)
    }

    /// The Gregorian day of `lunar` at `utcOffsetHours`, or `nil` when that lunar date does not
    /// exist: a month outside 1...12, a leap month the year does not have, a day outside the
    /// month (day 30 of a 29-day month).
    public static func gregorian(_ lunar: LunarDate, utcOffsetHours: Double = vietnamUTCOffsetHours)
        -> CalendarDate?
    {
        guard (1...12).contains(lunar.month), lunar.day >= 1 else { return nil }
        let clock = LocalClock(utcOffsetHours: utcOffsetHours)
        let sui = Sui(solsticeYear: lunar.month >= 11 ? lunar.year : lunar.year - 1, clock: clock)
        guard let index = sui.index(ofMonth: lunar.month, isLeap: lunar.isLeapMonth) else { return nil }
        let lunation = sui.firstLunation + index
        let firstDay = clock.newMoonDay(lunation)
        guard lunar.day <= clock.newMoonDay(lunation + 1) - firstDay else { return nil }
        return CalendarDate(dayNumber: firstDay + lunar.day - 1)
    }

    /// Tết Nguyên Đán of `year`: lunar 1/1, the first day of the lunar year beginning in `year`
    /// (between 21 January and 20 February).
    public static func tet(year: Int, utcOffsetHours: Double = vietnamUTCOffsetHours) -> CalendarDate {
        firstDayOfOrdinaryMonth(1, year: year, utcOffsetHours: utcOffsetHours)
    }

    /// Giỗ Tổ Hùng Vương of `year`: lunar 10/3 of the lunar year beginning in `year`.
    public static func gioTo(year: Int, utcOffsetHours: Double = vietnamUTCOffsetHours) -> CalendarDate {
        firstDayOfOrdinaryMonth(3, year: year, utcOffsetHours: utcOffsetHours).adding(days: 9)
    }

    /// Day 1 of the ordinary (not leap) month `month` of lunar `year`; every year has all twelve.
    private static func firstDayOfOrdinaryMonth(_ month: Int, year: Int, utcOffsetHours: Double)
        -> CalendarDate
    {
        let clock = LocalClock(utcOffsetHours: utcOffsetHours)
        let sui = Sui(solsticeYear: month >= 11 ? year : year - 1, clock: clock)
        let index = sui.ordinaryIndex(ofMonth: month)
        return CalendarDate(dayNumber: clock.newMoonDay(sui.firstLunation + index))
    }
}

/// The months from one month 11 (containing the winter solstice of `solsticeYear`) up to the
/// month before the next month 11: months 11 and 12 of lunar year `solsticeYear`, then months
/// 1 to 10 of lunar year `solsticeYear + 1`, with a leap month among them when they are 13.
struct Sui {
    /// The Gregorian year of the winter solstice in the first month.
    let solsticeYear: Int
    /// The lunation number (Meeus's k) of the first month, month 11.
    let firstLunation: Int
    /// The position of the leap month (0 is the first month 11), when there is one.
    let leapIndex: Int?

    /// The sui beginning with the month that contains the winter solstice of `solsticeYear`.
    init(solsticeYear: Int, clock: LocalClock) {
        let first = clock.monthElevenLunation(solsticeYear: solsticeYear)
        let count = clock.monthElevenLunation(solsticeYear: solsticeYear + 1) - first
        self.solsticeYear = solsticeYear
        firstLunation = first
        leapIndex = count == 13 ? (1..<count).first { !clock.hasMajorTerm(lunation: first + $0) } : nil
    }

    /// The number, leap flag and lunar year of the month at `index` (0 is the first month 11).
    func month(at index: Int) -> (number: Int, isLeap: Bool, lunarYear: Int) {
        let ordinal = leapIndex.map { index >= $0 ? index - 1 : index } ?? index
        let number = (10 + ordinal) % 12 + 1
        let isLeap = index == leapIndex
        return (number, isLeap, number >= 11 ? solsticeYear : solsticeYear + 1)
    }

    /// The position of the ordinary month `number` (1...12) in this sui.
    func ordinaryIndex(ofMonth number: Int) -> Int {
        let ordinal = (number + 1) % 12  // 11 → 0, 12 → 1, 1 → 2, …, 10 → 11
        guard let leapIndex, leapIndex <= ordinal else { return ordinal }
        return ordinal + 1
    }

    /// The position of month `number` (leap or not) in this sui, or `nil` when the sui has no
    /// such leap month.
    func index(ofMonth number: Int, isLeap: Bool) -> Int? {
        guard isLeap else { return ordinaryIndex(ofMonth: number) }
        guard let leapIndex, month(at: leapIndex).number == number else { return nil }
        return leapIndex
    }
}

/// New moons and solar terms reckoned in local civil days at a fixed offset from UTC.
///
/// Days are `CalendarDate.dayNumber`s (days since 1970-01-01); instants are Julian Days.
struct LocalClock {
    /// Hours ahead of UTC.
    let utcOffsetHours: Double

    /// The Julian Day (UT) at which the local day `dayNumber` begins.
    func julianDayAtStart(ofDay dayNumber: Int) -> Double {
        Astronomy.julianDayOfUnixEpoch + Double(dayNumber) - utcOffsetHours / 24
    }

    /// The local day containing the instant `julianDay` (UT).
    func day(containing julianDay: Double) -> Int {
        Int((julianDay - Astronomy.julianDayOfUnixEpoch + utcOffsetHours / 24).rounded(.down))
    }

    /// The local day of new moon number `lunation`: the first day of that lunar month.
    func newMoonDay(_ lunation: Int) -> Int {
        day(containing: Astronomy.newMoon(lunation: lunation))
    }

    /// The lunation whose month contains the local day `dayNumber`.
    func lunation(beginningOnOrBefore dayNumber: Int) -> Int {
        var lunation = Astronomy.approximateLunation(at: julianDayAtStart(ofDay: dayNumber))
        while newMoonDay(lunation) > dayNumber { lunation -= 1 }
        while newMoonDay(lunation + 1) <= dayNumber { lunation += 1 }
        return lunation
    }

    /// The lunation of month 11: the month containing the local day of the winter solstice of
    /// the Gregorian `solsticeYear`.
    func monthElevenLunation(solsticeYear: Int) -> Int {
        lunation(beginningOnOrBefore: day(containing: Astronomy.winterSolstice(year: solsticeYear)))
    }

    /// Which 30° sector of the ecliptic (0 from 0° to 30°, … 11) the sun is in as local day
    /// `dayNumber` begins.
    func solarSector(atStartOfDay dayNumber: Int) -> Int {
        Int(Astronomy.apparentSolarLongitude(at: julianDayAtStart(ofDay: dayNumber)) / 30)
    }

    /// Whether the sun crosses a multiple of 30° (a major solar term, trung khí) during the month
    /// of `lunation`, that is between the starts of its first day and of the next month's.
    func hasMajorTerm(lunation: Int) -> Bool {
        solarSector(atStartOfDay: newMoonDay(lunation))
            != solarSector(atStartOfDay: newMoonDay(lunation + 1))
    }
}

/// The positions of the sun and moon needed by the calendar, after Meeus.
enum Astronomy {
    /// The Julian Day of 1970-01-01 00:00 UT.
    static let julianDayOfUnixEpoch = 2_440_587.5
    /// The mean length of a lunation in days (the synodic month).
    static let synodicMonth = 29.530588861
    /// The Julian Ephemeris Day of the mean new moon of lunation 0 (2000-01-06).
    static let meanNewMoonEpoch = 2_451_550.09766
    /// The Julian Day of J2000.0, the epoch of Julian centuries.
    static let j2000 = 2_451_545.0

    /// The sine of an angle in degrees.
    private static func sinDeg(_ degrees: Double) -> Double { sin(degrees * .pi / 180) }

    /// The lunation number (Meeus's k, 0 for the new moon of 2000-01-06) of the last mean new
    /// moon at or before `julianDay`; the true one is within a day of it.
    static func approximateLunation(at julianDay: Double) -> Int {
        Int(((julianDay - meanNewMoonEpoch) / synodicMonth).rounded(.down))
    }

    /// The instant (Julian Day, UT) of the true new moon of `lunation` (Meeus ch. 49: the mean
    /// phase, its periodic terms and the fourteen planetary corrections, then minus ΔT).
    static func newMoon(lunation k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        let meanPhase =
            meanNewMoonEpoch + synodicMonth * k + 0.000_154_37 * t2 - 0.000_000_150 * t3
            + 0.000_000_000_73 * t4
        let e = 1 - 0.002_516 * t - 0.000_007_4 * t2  // Earth's orbital eccentricity factor
        let sunAnomaly = 2.5534 + 29.105_356_70 * k - 0.000_001_4 * t2 - 0.000_000_11 * t3
        let moonAnomaly =
            201.5643 + 385.816_935_28 * k + 0.010_758_2 * t2 + 0.000_012_38 * t3
            - 0.000_000_058 * t4
        let latitude =
            160.7108 + 390.670_502_84 * k - 0.001_611_8 * t2 - 0.000_002_27 * t3
            + 0.000_000_011 * t4
        let node = 124.7746 - 1.563_755_88 * k + 0.002_067_2 * t2 + 0.000_002_15 * t3
        let (m, mp, f) = (sunAnomaly, moonAnomaly, latitude)

        let periodic: [(Double, Double)] = [
            (-0.40720, sinDeg(mp)),
            (0.17241 * e, sinDeg(m)),
            (0.01608, sinDeg(2 * mp)),
            (0.01039, sinDeg(2 * f)),
            (0.00739 * e, sinDeg(mp - m)),
            (-0.00514 * e, sinDeg(mp + m)),
            (0.00208 * e * e, sinDeg(2 * m)),
            (-0.00111, sinDeg(mp - 2 * f)),
            (-0.00057, sinDeg(mp + 2 * f)),
            (0.00056 * e, sinDeg(2 * mp + m)),
            (-0.00042, sinDeg(3 * mp)),
            (0.00042 * e, sinDeg(m + 2 * f)),
            (0.00038 * e, sinDeg(m - 2 * f)),
            (-0.00024 * e, sinDeg(2 * mp - m)),
            (-0.00017, sinDeg(node)),
            (-0.00007, sinDeg(mp + 2 * m)),
            (0.00004, sinDeg(2 * mp - 2 * f)),
            (0.00004, sinDeg(3 * m)),
            (0.00003, sinDeg(mp + m - 2 * f)),
            (0.00003, sinDeg(2 * mp + 2 * f)),
            (-0.00003, sinDeg(mp + m + 2 * f)),
            (0.00003, sinDeg(mp - m + 2 * f)),
            (-0.00002, sinDeg(mp - m - 2 * f)),
            (-0.00002, sinDeg(3 * mp + m)),
            (0.00002, sinDeg(4 * mp)),
        ]
        let planetary: [(Double, Double)] = [
            (0.000_325, 299.77 + 0.107_408 * k - 0.009_173 * t2),
            (0.000_165, 251.88 + 0.016_321 * k),
            (0.000_164, 251.83 + 26.651_886 * k),
            (0.000_126, 349.42 + 36.412_478 * k),
            (0.000_110, 84.66 + 18.206_239 * k),
            (0.000_062, 141.74 + 53.303_771 * k),
            (0.000_060, 207.14 + 2.453_732 * k),
            (0.000_056, 154.84 + 7.306_860 * k),
            (0.000_047, 34.52 + 27.261_239 * k),
            (0.000_042, 207.19 + 0.121_824 * k),
            (0.000_040, 291.34 + 1.844_379 * k),
            (0.000_037, 161.72 + 24.198_154 * k),
            (0.000_035, 239.56 + 25.513_099 * k),
            (0.000_023, 331.55 + 3.592_518 * k),
        ]
        let ephemerisDay =
            meanPhase
            + periodic.reduce(0) { $0 + $1.0 * $1.1 }
            + planetary.reduce(0) { $0 + $1.0 * sinDeg($1.1) }
        return ephemerisDay - deltaT(julianDay: ephemerisDay) / 86_400
    }

    /// The sun's apparent ecliptic longitude in degrees, 0 ..< 360, at the instant `julianDay`
    /// (UT) (Meeus ch. 25, lower accuracy: mean longitude, equation of the centre, nutation and
    /// aberration; within about 0.01°).
    static func apparentSolarLongitude(at julianDay: Double) -> Double {
        let t = (julianDay + deltaT(julianDay: julianDay) / 86_400 - j2000) / 36_525
        let meanLongitude = 280.466_46 + 36_000.769_83 * t + 0.000_303_2 * t * t
        let meanAnomaly = 357.529_11 + 35_999.050_29 * t - 0.000_153_7 * t * t
        let centre =
            (1.914_602 - 0.004_817 * t - 0.000_014 * t * t) * sinDeg(meanAnomaly)
            + (0.019_993 - 0.000_101 * t) * sinDeg(2 * meanAnomaly)
            + 0.000_289 * sinDeg(3 * meanAnomaly)
        let node = 125.04 - 1_934.136 * t
        let apparent = meanLongitude + centre - 0.005_69 - 0.004_78 * sinDeg(node)
        let reduced = apparent.truncatingRemainder(dividingBy: 360)
        return reduced < 0 ? reduced + 360 : reduced
    }

    /// The instant (Julian Day, UT) of the December solstice of `year`: the sun's apparent
    /// longitude reaching 270°, found by Newton steps from about 21 December.
    static func winterSolstice(year: Int) -> Double {
        var julianDay = j2000 + 354 + Double(year - 2000) * 365.2422
        for _ in 0..<4 {
            var gap = 270 - apparentSolarLongitude(at: julianDay)
            if gap > 180 { gap -= 360 }
            if gap < -180 { gap += 360 }
            julianDay += gap * 365.2422 / 360
        }
        return julianDay
    }

    /// ΔT = TT − UT in seconds at `julianDay`: the Espenak–Meeus polynomials for 1860–2150,
    /// the long-term parabola outside them.
    static func deltaT(julianDay: Double) -> Double {
        let year = 2000 + (julianDay - j2000) / 365.25
        switch year {
        case 1860..<1900:
            let t = year - 1860
            return 7.62 + 0.5737 * t - 0.251_754 * t * t + 0.016_806_68 * pow(t, 3)
                - 0.000_447_362_4 * pow(t, 4) + pow(t, 5) / 233_174
        case 1900..<1920:
            let t = year - 1900
            return -2.79 + 1.494_119 * t - 0.059_893_9 * t * t + 0.006_196_6 * pow(t, 3)
                - 0.000_197 * pow(t, 4)
        case 1920..<1941:
            let t = year - 1920
            return 21.20 + 0.844_93 * t - 0.076_100 * t * t + 0.002_093_6 * pow(t, 3)
        case 1941..<1961:
            let t = year - 1950
            return 29.07 + 0.407 * t - t * t / 233 + pow(t, 3) / 2_547
        case 1961..<1986:
            let t = year - 1975
            return 45.45 + 1.067 * t - t * t / 260 - pow(t, 3) / 718
        case 1986..<2005:
            let t = year - 2000
            return 63.86 + 0.3345 * t - 0.060_374 * t * t + 0.001_727_5 * pow(t, 3)
                + 0.000_651_814 * pow(t, 4) + 0.000_023_735_99 * pow(t, 5)
        case 2005..<2050:
            let t = year - 2000
            return 62.92 + 0.322_17 * t + 0.005_589 * t * t
        case 2050..<2150:
            let u = (year - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - year)
        default:
            let u = (year - 1820) / 100
            return -20 + 32 * u * u
        }
    }
}
