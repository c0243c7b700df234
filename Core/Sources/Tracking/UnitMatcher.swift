import Extraction
import Foundation

/// What a unit name written in a notice stands for in a ``UnitDirectory``.
public enum UnitMatch: Sendable, Hashable {
    /// "*" (or "các phòng, đơn vị"): every active unit that "*" covers
    /// (``UnitDirectory/everyUnitIDs``), in directory order.
    case all([String])
    /// The unit the name stands for, or the units of a group such as "các trung tâm", and how the
    /// name was recognised.
    case units([String], how: UnitMatchKind)
    /// The name fits each of these units equally well: left for the secretariat, never guessed.
    case ambiguous([String])
    /// The name is of a unit of another agency ("Sở Tài chính", "UBND các xã", "Công an tỉnh",
    /// "Cục Biến đổi khí hậu"): no unit of this directory.
    case otherAgency
    /// No unit of the directory has this name: a person, a group that is not the organization's,
    /// a unit the directory does not list, a misspelling beyond recognition.
    case unmatched

    /// The unit ids matched; empty when the name stays for review.
    public var unitIDs: [String] {
        switch self {
        case .all(let ids), .units(let ids, _): ids
        case .ambiguous, .otherAgency, .unmatched: []
        }
    }
}

/// How a name was recognised, from the most certain to the least.
public enum UnitMatchKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The unit's name or short name, whatever the case, tone marks and punctuation.
    case exact
    /// A name the secretariat taught (``UnitDirectory/learning(alias:for:)``).
    case alias
    /// The name with abbreviations ("Chi cục TCĐLCL", "Phòng Quản lý CN & TT Công nghệ") or one
    /// of the unit's listed abbreviations.
    case abbreviation
    /// The name without its head ("Quản lý khoa học"), a head that only one unit has ("Chi cục"),
    /// or a name one word off ("Trung tâm Thông tin KH&CN" for "Trung tâm Thông tin và Thống kê
    /// KH&CN"), when exactly one unit fits.
    case partial
    /// A group of the organization's units ("các trung tâm").
    case group
}

/// Matches the unit names a notice writes ("Chi cục TCĐLCL", "Phòng kế hoạch – Tài chính",
/// "Văn phòng Sở") to the units of a directory.
///
/// Names are compared as words folded in one place (`words(_:)`): case, tone marks, "đ",
/// punctuation and the connective "và"/"&" do not count ("KH&CN", "KH & CN", "Khoa học và Công
/// nghệ", "khoa học, công nghệ" are the same words). An abbreviation is read as the initials of
/// the syllables it stands for, as the genre forms them: "KH" is "khoa học", "TCĐLCL" "tiêu chuẩn
/// đo lường chất lượng", "ĐMST" "đổi mới sáng tạo", "XH&NV" "xã hội và nhân văn".
///
/// In order, a name is: "*"; a learned alias; a unit's name, short name or abbreviation; a unit
/// of another agency (left unmatched); a group of the organization's units; a unit's name without
/// its generic head ("Phòng", "Chi cục", "Trung tâm", …); a head only one unit has; a name one
/// word off under the same head. At each step more than one unit is ``UnitMatch/ambiguous(_:)``.
public struct UnitMatcher: Sendable {
    /// The directory matched against.
    public let directory: UnitDirectory
    private let entries: [Entry]
    private let organization: [Word]
    /// Every phrase of up to four words the directory's own names use, as written (marks kept),
    /// so that a word the directory itself uses ("xã" of "Xã hội và Nhân văn") is never taken
    /// for a sign of another agency.
    private let ownPhrases: Set<String>

    /// A unit as matching sees it, its names made comparable once.
    private struct Entry: Sendable {
        let unit: OrgUnit
        /// Name and short name.
        let names: [[Word]]
        let abbreviations: [[Word]]
        let aliases: [[Word]]
        /// The generic head of the name ("phòng", "trung tâm"), if it has one.
        let head: [Word]?
        /// The names without their head.
        let cores: [[Word]]
        /// The folded syllables of `cores`.
        let coreSyllables: Set<String>
    }

    /// A matcher for `directory` (its active units).
    public init(_ directory: UnitDirectory) {
        self.directory = directory
        let org = Self.words(directory.organization)
        organization = org
        var phrases = Set<String>()
        entries = directory.units.filter(\.active).map { u in
            let names = ([u.name] + (u.shortName.map { [$0] } ?? [])).map {
                Self.comparable($0, organization: org)
            }
            let cores = names.map { Self.split($0).core }.filter { !$0.isEmpty }
            for form in [u.name] + (u.shortName.map { [$0] } ?? []) + u.aliases {
                let w = Self.words(form).map(\.text)
                for n in 1...4 where w.count >= n {
                    for i in 0...(w.count - n) { phrases.insert(w[i..<(i + n)].joined(separator: " ")) }
                }
            }
            return Entry(
                unit: u, names: names,
                abbreviations: u.abbreviations.map { Self.comparable($0, organization: org) },
                aliases: u.aliases.map { Self.comparable($0, organization: org) },
                head: Self.split(names[0]).head,
                cores: cores,
                coreSyllables: Set(cores.joined().map(\.folded)))
        }
        ownPhrases = phrases
    }

    /// What `written` stands for.
    public func match(_ written: String) -> UnitMatch {
        let tidy = Self.tidy(written)
        if tidy == "*" { return .all(directory.everyUnitIDs) }
        let w = Self.comparable(tidy, organization: organization)
        guard !w.isEmpty else { return .unmatched }

        // A name the secretariat taught wins over every rule: it is their decision.
        if let found = Self.decide(
            entries.filter { $0.aliases.contains { Self.isSame(w, $0) } }.map(\.unit.id), .alias)
        {
            return found
        }
        if let found = nameOrAbbreviation(w) { return found }
        if namesOtherAgency(w) { return .otherAgency }
        if let found = group(w) { return found }
        let (head, core) = Self.split(w)
        if head == nil, core.count >= 2 {
            let ids = entries.filter { $0.cores.contains { Self.isSame(core, $0) } }.map(\.unit.id)
            if let found = Self.decide(ids, .partial) { return found }
        }
        if let head, core.isEmpty {
            let ids = entries.filter { Self.sameHead($0.head, head) }.map(\.unit.id)
            if let found = Self.decide(ids, .partial) { return found }
        }
        if let head, !core.isEmpty, let found = nearName(head: head, core: core) { return found }
        return .unmatched
    }

    /// The units a list of names stands for, in order and without duplicates, and the names no
    /// single unit answers to (unmatched, ambiguous or of another agency), once each, as written.
    public func resolve(_ names: [String]) -> (unitIDs: [String], unmatched: [String]) {
        var ids: [String] = []
        var unmatched: [String] = []
        for name in names {
            let found = match(name).unitIDs
            if found.isEmpty {
                let tidy = Self.tidy(name)
                if !unmatched.contains(tidy) { unmatched.append(tidy) }
            }
            for id in found where !ids.contains(id) { ids.append(id) }
        }
        return (ids, unmatched)
    }

    // MARK: - The steps

    /// The unit whose name or short name the words are, with or without abbreviations, or whose
    /// listed abbreviation they are (with or without a head: "Phòng QLKH").
    private func nameOrAbbreviation(_ w: [Word]) -> UnitMatch? {
        var exact: [String] = []
        var abbreviated: [String] = []
        let (head, core) = Self.split(w)
        for e in entries {
            for name in e.names {
                guard let a = Self.align(w, name), a.isFull else { continue }
                if a.usedInitials { abbreviated.append(e.unit.id) } else { exact.append(e.unit.id) }
            }
            // A listed abbreviation is compared as written (read as initials, "QLCN" would also be
            // "quản lý chuyên ngành"), alone or under the unit's own head: "Phòng QLKH", but
            // "Trung tâm TCĐLCL" is not the Chi cục.
            let forms = head == nil || Self.sameHead(e.head, head) ? [w, core] : [w]
            let listed = e.abbreviations.contains { abbreviation in
                forms.contains { Self.align($0, abbreviation, initials: false)?.isFull ?? false }
            }
            if listed { abbreviated.append(e.unit.id) }
        }
        return Self.decide(Self.unique(exact), .exact) ?? Self.decide(Self.unique(abbreviated), .abbreviation)
    }

    /// Whether the words name a unit of another agency: a name that starts with the head of an
    /// agency (Sở, Bộ, Cục, Vụ, UBND, Viện, …), mentions one ("Văn phòng Sở Công Thương", "cơ
    /// quan chuyên môn thuộc Bộ Tài chính"), or is qualified by a territory ("Thanh tra tỉnh",
    /// "UBND phường Yên Bái", "địa phương có rừng"). The organization's own name was taken out
    /// before (``comparable(_:organization:)``).
    private func namesOtherAgency(_ w: [Word]) -> Bool {
        let start = w.first.map { $0.isSpelled(Self.cac) } == true ? 1 : 0
        for head in Self.agencyHeads where Self.has(head, in: w, at: start) {
            // A directory whose own units have this head (a Viện of the Sở) keeps its names.
            if !entries.contains(where: { e in e.names.contains { Self.has(head, in: $0, at: 0) } }) {
                return true
            }
        }
        for i in w.indices {
            for marker in Self.agencyAnywhere where Self.has(marker, in: w, at: i) { return true }
            // "Sở <name>": a Sở other than this one ("cơ sở", "trụ sở" are not one).
            if w[i].isSpelled(Self.so), i + 1 < w.count, !Self.isCompound(w, i) {
                return true
            }
            if w[i].isSpelled(Self.bo), i > 0, Self.beforeMinistry.contains(where: { w[i - 1].isSpelled($0) })
            {
                return true
            }
            for place in Self.territories where Self.has(place, in: w, at: i) {
                // "xã hội" is a subject, not a commune.
                if place.count == 1, place[0].folded == "xa", i + 1 < w.count, w[i + 1].folded == "hoi" {
                    continue
                }
                if !ownPhrases.contains(place.map(\.text).joined(separator: " ")) { return true }
            }
        }
        return false
    }

    /// "các phòng, đơn vị", "các phòng ban", "các đơn vị trực thuộc", "các trung tâm": the
    /// organization's units as a group. Any other "các …" ("các ngành", "các cơ quan chủ trì")
    /// is not.
    private func group(_ w: [Word]) -> UnitMatch? {
        guard w.count >= 2, w[0].isSpelled(Self.cac) else { return nil }
        var i = 1
        var everyUnit = false
        var kinds = Set<OrgUnitKind>()
        var named = false
        while i < w.count {
            if let (words, kind) = Self.groupWords.first(where: { Self.has($0.0, in: w, at: i) }) {
                if let kind { kinds.insert(kind) } else { everyUnit = true }
                named = true
                i += words.count
            } else if let q = Self.groupQualifiers.first(where: { Self.has($0, in: w, at: i) }) {
                i += q.count
            } else {
                return nil
            }
        }
        guard named else { return nil }
        if everyUnit { return .all(directory.everyUnitIDs) }
        let ids = entries.filter { kinds.contains($0.unit.kind) }.map(\.unit.id)
        return ids.isEmpty ? .unmatched : .units(ids, how: .group)
    }

    /// A unit under the same head whose name the written one shortens ("Trung tâm Ứng dụng",
    /// "Phòng Quản lý Công nghệ") or differs from by a word on each side at most ("Trung tâm Ứng
    /// dụng và Dịch vụ KH&CN" for "Trung tâm Ứng dụng tiến bộ KH&CN"). A written word that another
    /// unit's name has ("Phòng Quản lý Công nghệ và Chuyên ngành") makes it a different or a merged
    /// unit: no match.
    private func nearName(head: [Word], core: [Word]) -> UnitMatch? {
        var ids: [String] = []
        for e in entries where Self.sameHead(e.head, head) {
            let othersWords = entries.filter { $0.unit.id != e.unit.id }.map(\.coreSyllables)
            func isOthers(_ x: Word) -> Bool { othersWords.contains { $0.contains(x.folded) } }
            let fits = e.cores.contains { unitCore in
                guard let a = Self.align(core, unitCore) else { return false }
                if a.writtenExtra.isEmpty, a.isUnitPrefix, a.aligned >= 2 { return true }
                let wx = a.writtenExtraSize
                let ux = a.unitExtraSize
                guard wx <= 2, ux <= 2, a.aligned >= 4, a.aligned > wx + ux else { return false }
                return !a.writtenExtra.contains(where: isOthers)
            }
            if fits { ids.append(e.unit.id) }
        }
        return Self.decide(ids, .partial)
    }

    /// One unit: matched; several: ambiguous; none: nil (try the next step).
    private static func decide(_ ids: [String], _ how: UnitMatchKind) -> UnitMatch? {
        let ids = unique(ids)
        switch ids.count {
        case 0: return nil
        case 1: return .units(ids, how: how)
        default: return .ambiguous(ids)
        }
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    // MARK: - Words

    /// A word of a name as matching compares it.
    struct Word: Sendable, Hashable {
        /// Lower case, NFC, tone marks kept: "sở" (a department) is not "số" (a number).
        let text: String
        /// Lower case without tone marks, "đ" as "d": what names are compared by.
        let folded: String
        /// The letters of an abbreviation ("kh" of "KH", "tcdlcl" of "TCĐLCL"): set for a word in
        /// capitals or without a vowel, which no Vietnamese syllable is.
        let initials: [UInt8]?
        /// How many syllables it stands for: the letters of a word without a vowel, else one.
        let size: Int
        /// Whether the whole name it comes from is written without marks ("Phong Quan ly khoa hoc").
        let inUnmarkedName: Bool

        /// Whether it is `spelled` (a word of `words(_:)`): the same letters and marks — "số" is
        /// never "sở", nor "quan" (of "cơ quan") "quận" — or, in a name written without any marks,
        /// the same letters.
        func isSpelled(_ spelled: Word) -> Bool {
            text == spelled.text || (inUnmarkedName && folded == spelled.folded)
        }
    }

    /// The words of a name as matching compares them: the one place where names are folded.
    ///
    /// NFC first (Swift's `==` hides NFD differences, folding must not), then `VietnameseText.fold`
    /// for case and marks. Text in parentheses is a note ("Ban Giám đốc (chỉ đạo)") and is left
    /// out; punctuation separates words; "và" and "&" join names and count for nothing.
    static func words(_ name: some StringProtocol) -> [Word] {
        var text = ""
        var depth = 0
        for ch in tidy(name) {
            if ch == "(" {
                depth += 1
            } else if ch == ")" {
                depth = max(0, depth - 1)
                text.append(" ")
            } else if depth == 0 {
                text.append(ch)
            }
        }
        let unmarked = text.unicodeScalars.allSatisfy(\.isASCII)
        var out: [Word] = []
        for token in text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            let lower = token.lowercased()
            let folded = VietnameseText.fold(token)
            if folded == "va" && (lower == "và" || lower == "va") { continue }
            let letters = Array(folded.utf8)
            let isLetters = letters.count >= 2 && letters.allSatisfy { (0x61...0x7A).contains($0) }
            let noVowel = isLetters && !letters.contains { "aeiouy".utf8.contains($0) }
            let initials = isLetters && (noVowel || VietnameseText.isAllCaps(token)) ? letters : nil
            out.append(
                Word(
                    text: lower, folded: folded, initials: initials, size: noVowel ? letters.count : 1,
                    inUnmarkedName: unmarked))
        }
        return out
    }

    /// NFC, runs of white space as one space, ends trimmed: how names are stored and shown.
    static func tidy(_ s: some StringProtocol) -> String {
        VietnameseText.collapseSpaces(String(s).precomposedStringWithCanonicalMapping)
    }

    /// The words of `name` with the organization's own name reduced to its head ("Văn phòng Sở
    /// KH&CN tỉnh Nghệ An" → "văn phòng sở") and that head dropped at the end ("văn phòng"): a
    /// unit "of the Sở" is the unit.
    static func comparable(_ name: some StringProtocol, organization org: [Word]) -> [Word] {
        var w = words(name)
        guard let orgHead = org.first else { return w }
        let orgRest = Array(org.dropFirst())
        var i = 0
        while i < w.count {
            defer { i += 1 }
            guard w[i].isSpelled(orgHead), !isCompound(w, i) else { continue }
            if !orgRest.isEmpty {
                for end in stride(from: w.count, to: i + 1, by: -1) {
                    guard let a = align(Array(w[(i + 1)..<end]), orgRest), a.isFull else { continue }
                    w.removeSubrange((i + 1)..<end)
                    // "Sở Khoa học và Công nghệ tỉnh Nghệ An": the province is the organization's.
                    if i + 1 < w.count, ownTerritories.contains(where: { has($0, in: w, at: i + 1) }) {
                        w.removeSubrange((i + 1)...)
                    }
                    break
                }
            }
            if i == w.count - 1, i > 0 {
                // "các phòng, đơn vị trực thuộc Sở": "thuộc", "trực thuộc", "của" go with the head.
                var k = i
                while k > 0, ofWords.contains(where: { w[k - 1].isSpelled($0) }) { k -= 1 }
                w.removeSubrange(k..<i)
                i = k
            }
        }
        if w.count > 1, w[w.count - 1].isSpelled(orgHead), !isCompound(w, w.count - 1) { w.removeLast() }
        return w
    }

    /// Whether the word at `i` is the second half of "cơ sở" or "trụ sở", not a department.
    private static func isCompound(_ w: [Word], _ i: Int) -> Bool {
        i > 0 && w[i].isSpelled(so) && soCompounds.contains(w[i - 1].folded)
    }

    /// The folded words of `name` as matching compares them, joined: equal keys are the same name.
    static func key(_ name: some StringProtocol, organization: [Word]) -> String {
        comparable(name, organization: organization).map(\.folded).joined(separator: " ")
    }

    /// The names of a unit that must belong to it alone: name, short name, aliases.
    static func exactNames(of unit: OrgUnit) -> [String] {
        [unit.name] + (unit.shortName.map { [$0] } ?? []) + unit.aliases
    }

    /// The generic head of a unit's name ("phòng", "chi cục", …) and the rest; "đơn vị X" and
    /// "bộ phận X" are X without a head.
    static func split(_ w: [Word]) -> (head: [Word]?, core: [Word]) {
        for generic in headless where has(generic, in: w, at: 0) {
            return (nil, Array(w.dropFirst(generic.count)))
        }
        for head in heads where has(head, in: w, at: 0) {
            return (Array(w.prefix(head.count)), Array(w.dropFirst(head.count)))
        }
        return (nil, w)
    }

    /// Whether a unit's head (nil: none) is `head`.
    private static func sameHead(_ unitHead: [Word]?, _ head: [Word]?) -> Bool {
        guard let unitHead, let head else { return false }
        return unitHead.map(\.folded) == head.map(\.folded)
    }

    /// Whether `phrase` is spelled at `i` in `w`.
    private static func has(_ phrase: [Word], in w: [Word], at i: Int) -> Bool {
        guard i >= 0, i + phrase.count <= w.count, !phrase.isEmpty else { return false }
        return phrase.indices.allSatisfy { w[i + $0].isSpelled(phrase[$0]) }
    }

    private static func isSame(_ a: [Word], _ b: [Word]) -> Bool {
        align(a, b)?.isFull ?? false
    }

    // MARK: - Alignment

    /// How written words line up with a unit's: which are matched, which are left over.
    struct Alignment {
        /// Syllables of the unit's words matched.
        var aligned = 0
        /// Written words matched to nothing.
        var writtenExtra: [Word] = []
        /// Positions of the unit's words matched to nothing.
        var unitExtra: [Int] = []
        var unitExtraSize = 0
        var usedInitials = false

        var writtenExtraSize: Int { writtenExtra.reduce(0) { $0 + $1.size } }
        var cost: Int { writtenExtraSize + unitExtraSize }
        /// Every word of both matched.
        var isFull: Bool { writtenExtra.isEmpty && unitExtra.isEmpty }
        /// How many words the unit has.
        var unitCount = 0
        /// The unit's words left over are only its last ones: the written name shortens it.
        var isUnitPrefix: Bool {
            unitExtra.enumerated().allSatisfy { $0.element == unitCount - unitExtra.count + $0.offset }
        }
    }

    /// The best line-up of `written` with `unit` (fewest words left over, then most matched):
    /// equal words match, and with `initials` an abbreviation on either side matches the run of
    /// words whose first letters it spells ("KH" ↔ "khoa học"). Nil when nothing matches.
    static func align(_ written: [Word], _ unit: [Word], initials: Bool = true) -> Alignment? {
        let m = written.count
        let n = unit.count
        guard m > 0, n > 0 else { return nil }
        // A dynamic programme over suffixes: cell (i, j) holds the best line-up of written[i...]
        // with unit[j...] as figures and the first step taken; the steps are followed afterwards.
        struct Cell {
            var cost = 0
            var aligned = 0
            var initials = false
            /// The first of the unit's words left over (n: none): the later the better.
            var firstUnitExtra: Int
            /// Words taken by the first step: (written, unit); (1, 0) or (0, 1) leaves one over.
            var step = (0, 0)
        }
        let width = n + 1
        var cells = [Cell](repeating: Cell(firstUnitExtra: n), count: (m + 1) * width)
        func better(_ a: Cell, _ b: Cell) -> Bool {
            if a.cost != b.cost { return a.cost < b.cost }
            if a.aligned != b.aligned { return a.aligned > b.aligned }
            if a.initials != b.initials { return !a.initials }
            // The unit's words left over as late as possible: "quản lý công nghệ" is the start of
            // "quản lý công nghệ và thị trường công nghệ", not its end.
            return a.firstUnitExtra > b.firstUnitExtra
        }
        func spells(_ letters: [UInt8], _ words: ArraySlice<Word>) -> Bool {
            zip(letters, words).allSatisfy { $0 == $1.folded.utf8.first }
        }
        for i in stride(from: m, through: 0, by: -1) {
            for j in stride(from: n, through: 0, by: -1) where i < m || j < n {
                var best: Cell?
                func consider(_ di: Int, _ dj: Int, aligned: Int = 0, extra: Int = 0, initials: Bool = false)
                {
                    var c = cells[(i + di) * width + j + dj]
                    c.cost += extra
                    c.aligned += aligned
                    c.initials = c.initials || initials
                    if di == 0 { c.firstUnitExtra = j }
                    c.step = (di, dj)
                    if best.map({ better(c, $0) }) ?? true { best = c }
                }
                if i < m { consider(1, 0, extra: written[i].size) }
                if j < n { consider(0, 1, extra: unit[j].size) }
                if i < m, j < n, written[i].folded == unit[j].folded { consider(1, 1, aligned: unit[j].size) }
                if initials, i < m, let letters = written[i].initials, j + letters.count <= n,
                    spells(letters, unit[j..<(j + letters.count)])
                {
                    consider(1, letters.count, aligned: letters.count, initials: true)
                }
                if initials, j < n, let letters = unit[j].initials, i + letters.count <= m,
                    spells(letters, written[i..<(i + letters.count)])
                {
                    consider(letters.count, 1, aligned: letters.count, initials: true)
                }
                cells[i * width + j] = best!
            }
        }
        let first = cells[0]
        guard first.aligned > 0 else { return nil }
        var result = Alignment()
        result.aligned = first.aligned
        result.usedInitials = first.initials
        result.unitCount = n
        var (i, j) = (0, 0)
        while i < m || j < n {
            let (di, dj) = cells[i * width + j].step
            if dj == 0 { result.writtenExtra.append(written[i]) }
            if di == 0 {
                result.unitExtra.append(j)
                result.unitExtraSize += unit[j].size
            }
            (i, j) = (i + di, j + dj)
        }
        return result
    }

    // MARK: - The genre's words

    private static func phrase(_ s: String) -> [Word] { words(s) }

    private static let cac = phrase("các")[0]
    private static let so = phrase("sở")[0]
    private static let bo = phrase("bộ")[0]
    /// "cơ sở", "trụ sở": words with "sở" that are not a department.
    private static let soCompounds: Set<String> = ["co", "tru"]
    /// Words before "Bộ" that make it a ministry ("thuộc Bộ", "các Bộ"), not "tiến bộ".
    private static let beforeMinistry = ["các", "thuộc", "của"].map { phrase($0)[0] }
    /// Words between a unit and the organization's head ("thuộc Sở").
    private static let ofWords = ["thuộc", "trực", "của"].map { phrase($0)[0] }

    /// The generic heads of unit names, longest first.
    private static let heads = ["chi cục", "trung tâm", "văn phòng", "thanh tra", "phòng", "quỹ"].map(phrase)
    /// Words that say "a unit" without a head of their own.
    private static let headless = ["đơn vị", "bộ phận"].map(phrase)

    /// Heads that begin the name of another agency or of a body outside the organization ("Sở X" is
    /// found wherever it stands).
    private static let agencyHeads = [
        "bộ", "cục", "tổng cục", "vụ", "ubnd", "ủy ban", "uỷ ban", "hđnd", "hội đồng nhân dân", "công an",
        "viện", "trường", "báo", "tạp chí", "đài", "liên hiệp", "ngân hàng", "kho bạc", "tòa án", "toà án",
        "tỉnh ủy", "tỉnh uỷ", "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "mặt trận", "bảo hiểm xã hội",
        "công ty", "doanh nghiệp",
    ].map(phrase)
    /// Words that mark another agency wherever they stand.
    private static let agencyAnywhere = [
        "ubnd", "hđnd", "đbqh", "ủy ban nhân dân", "uỷ ban nhân dân", "hội đồng nhân dân", "công an",
    ].map(phrase)
    /// Territories: a unit qualified by one is a local authority's, not the organization's.
    private static let territories = [
        "tỉnh", "huyện", "xã", "phường", "quận", "thành phố", "tp", "thị xã", "thị trấn", "trung ương",
        "quốc gia",
        "quốc tế", "địa phương", "địa bàn",
    ].map(phrase)
    /// Territories that may follow the organization's own name.
    private static let ownTerritories = ["tỉnh", "thành phố", "tp"].map(phrase)

    /// The words of a group of the organization's units, and the kind they pick (nil: every unit).
    private static let groupWords: [([Word], OrgUnitKind?)] = [
        (phrase("phòng ban"), nil), (phrase("phòng"), nil), (phrase("đơn vị"), nil), (phrase("bộ phận"), nil),
        (phrase("chi cục"), .subDepartment), (phrase("trung tâm"), .center),
    ]
    /// Words that may follow a group without picking some of it ("trực thuộc", "có liên quan").
    private static let groupQualifiers = ["trực thuộc", "thuộc", "của", "có liên quan", "liên quan", "các"]
        .map(phrase)
}
