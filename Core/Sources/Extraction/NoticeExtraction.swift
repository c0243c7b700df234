import Deadlines

/// The result of reading one notice: the `dondoc.extraction/1` format of the corpus README.
///
/// Encoding writes the keys in the README's order and writes `null` for absent values, so a
/// parse result and a gold file compare field by field.
public struct NoticeExtraction: Sendable, Equatable {
    /// The format tag every extraction carries.
    public static let formatTag = "dondoc.extraction/1"

    public var format: String = NoticeExtraction.formatTag
    /// The file name the notice came from (no directory).
    public var source: String
    public var document: NoticeHeader
    public var tasks: [Assignment]

    public init(source: String, document: NoticeHeader = NoticeHeader(), tasks: [Assignment] = []) {
        self.source = source
        self.document = document
        self.tasks = tasks
    }
}

/// The notice's own fields: header, meeting, period, closing request, signature, recipients.
public struct NoticeHeader: Sendable, Equatable {
    /// From the title word: THÔNG BÁO → `thong-bao`, KẾ HOẠCH → `ke-hoach`, … else `khac`.
    public var kind: String = "khac"
    /// The number after "Số:"; `nil` when left blank ("Số: /TB-SKHCN").
    public var number: String?
    /// The part after the separator ("TB-SKHCN"), spaces removed.
    public var symbol: String?
    /// Place of issue ("Nghệ An").
    public var place: String?
    /// Date of issue: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when the day (and month) is left blank.
    public var issued: String?
    /// The words after the kind word.
    public var title: String?
    /// The briefing meeting the notice concludes; `nil` for documents that conclude no meeting.
    public var meeting: Meeting?
    /// The period the tasks are for, when the notice states one.
    public var period: DateRange?
    /// The general deadline for units to report back.
    public var reportDue: CalendarDate?
    public var signer: Signer = Signer()
    /// "Nơi nhận" lines.
    public var recipients: [String] = []
    /// Cited documents' number and symbol as written, in order of first appearance.
    public var references: [String] = []

    public init() {}

    /// The calendar date of issue when the day is known, else the first day of the known month or
    /// year; used by the year rule of deadlines.
    public var issuedDate: CalendarDate? {
        guard let issued else { return nil }
        let parts = issued.split(separator: "-").compactMap { Int($0) }
        switch parts.count {
        case 3: return CalendarDate(year: parts[0], month: parts[1], day: parts[2])
        case 2: return CalendarDate(year: parts[0], month: parts[1], day: 1)
        case 1: return CalendarDate(year: parts[0], month: 1, day: 1)
        default: return nil
        }
    }
}

/// The meeting a notice of conclusions reports on.
public struct Meeting: Sendable, Equatable, Codable {
    public var date: CalendarDate?
    /// The person who chaired it and concluded ("Trần Quốc Thành").
    public var chair: String?

    public init(date: CalendarDate? = nil, chair: String? = nil) {
        self.date = date
        self.chair = chair
    }

    enum CodingKeys: String, CodingKey { case date, chair }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(chair, forKey: .chair)
    }
}

/// A closed range of calendar days.
public struct DateRange: Sendable, Equatable, Codable {
    public var start: CalendarDate
    public var end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) {
        self.start = start
        self.end = end
    }
}

/// The signature block.
public struct Signer: Sendable, Equatable, Codable {
    public var name: String?
    /// The signer's own title line ("PHÓ CHÁNH VĂN PHÒNG").
    public var position: String?
    /// The lines beginning TM./KT./TL./TUQ./Q., joined by one space ("TL. GIÁM ĐỐC KT. CHÁNH VĂN PHÒNG").
    public var authority: String?

    public init(name: String? = nil, position: String? = nil, authority: String? = nil) {
        self.name = name
        self.position = position
        self.authority = authority
    }

    enum CodingKeys: String, CodingKey { case name, position, authority }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(position, forKey: .position)
        try c.encode(authority, forKey: .authority)
    }
}

/// One task a notice assigns. (Called `Assignment` in code so it never shadows Swift's `Task`;
/// the JSON key stays `tasks`.)
public struct Assignment: Sendable, Equatable {
    /// The numbering path of the headings above it ("II.4.2"); "" if none.
    public var section: String
    /// The item's whole text, label and markup removed.
    public var text: String
    /// Units that carry it out ("chủ trì"), as written; `"*"` for every unit.
    public var lead: [String]
    /// Units named to coordinate ("phối hợp"), as written.
    public var support: [String]
    /// The deadline the task's own text states.
    public var due: Due?
    /// Other deadlines of distinct steps of the item (optional, not scored).
    public var milestones: [Due]
    /// Words of urgency ("khẩn trương", "kịp thời", "ngay", "gấp"): not deadlines, kept apart for the
    /// tracker. Not part of `dondoc.extraction/1`, so not encoded.
    public var urgency: [String]

    public init(
        section: String, text: String, lead: [String] = [], support: [String] = [], due: Due? = nil,
        milestones: [Due] = [], urgency: [String] = []
    ) {
        self.section = section
        self.text = text
        self.lead = lead
        self.support = support
        self.due = due
        self.milestones = milestones
        self.urgency = urgency
    }
}

extension NoticeExtraction: Codable {
    enum CodingKeys: String, CodingKey { case format, source, document, tasks }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decodeIfPresent(String.self, forKey: .format) ?? NoticeExtraction.formatTag
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        document = try c.decodeIfPresent(NoticeHeader.self, forKey: .document) ?? NoticeHeader()
        tasks = try c.decodeIfPresent([Assignment].self, forKey: .tasks) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(format, forKey: .format)
        try c.encode(source, forKey: .source)
        try c.encode(document, forKey: .document)
        try c.encode(tasks, forKey: .tasks)
    }
}

extension NoticeHeader: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, number, symbol, place, issued, title, meeting, period
        case reportDue = "report_due"
        case signer, recipients, references
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? "khac"
        number = try c.decodeIfPresent(String.self, forKey: .number)
        symbol = try c.decodeIfPresent(String.self, forKey: .symbol)
        place = try c.decodeIfPresent(String.self, forKey: .place)
        issued = try c.decodeIfPresent(String.self, forKey: .issued)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        meeting = try c.decodeIfPresent(Meeting.self, forKey: .meeting)
        period = try c.decodeIfPresent(DateRange.self, forKey: .period)
        reportDue = try c.decodeIfPresent(CalendarDate.self, forKey: .reportDue)
        signer = try c.decodeIfPresent(Signer.self, forKey: .signer) ?? Signer()
        recipients = try c.decodeIfPresent([String].self, forKey: .recipients) ?? []
        references = try c.decodeIfPresent([String].self, forKey: .references) ?? []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(number, forKey: .number)
        try c.encode(symbol, forKey: .symbol)
        try c.encode(place, forKey: .place)
        try c.encode(issued, forKey: .issued)
        try c.encode(title, forKey: .title)
        try c.encode(meeting, forKey: .meeting)
        try c.encode(period, forKey: .period)
        try c.encode(reportDue, forKey: .reportDue)
        try c.encode(signer, forKey: .signer)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(references, forKey: .references)
    }
}

extension Assignment: Codable {
    enum CodingKeys: String, CodingKey { case section, text, lead, support, due, milestones }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        section = try c.decodeIfPresent(String.self, forKey: .section) ?? ""
        text = try c.decodeIfPresent(String.self, forKey: .text) ?? ""
        lead = try c.decodeIfPresent([String].self, forKey: .lead) ?? []
        support = try c.decodeIfPresent([String].self, forKey: .support) ?? []
        due = try c.decodeIfPresent(Due.self, forKey: .due)
        milestones = try c.decodeIfPresent([Due].self, forKey: .milestones) ?? []
        urgency = []
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(section, forKey: .section)
        try c.encode(text, forKey: .text)
        try c.encode(lead, forKey: .lead)
        try c.encode(support, forKey: .support)
        try c.encode(due, forKey: .due)
        if !milestones.isEmpty { try c.encode(milestones, forKey: .milestones) }
    }
}
