/// Finds the units a task names: the lead ("chủ trì", "Giao …", the subject of the sentence) and
/// the coordinators ("phối hợp với …"), with the boundaries of each name.
///
/// A unit's name starts with a head word of the genre ("Phòng", "Chi cục", "Sở", "UBND", "các …")
/// and runs until a verb or a preposition written in lower case; lists separate names by ",",
/// ";" or "và" when the next word starts another name. A generic group ("các phòng, đơn vị",
/// "UBND cấp xã") is `"*"`.
struct UnitFinder {
    let t: Tokens
    /// Whether each token sits inside quotation marks (a quoted title names no unit).
    let quoted: [Bool]

    /// The end of the unit head / stop phrase starting at each token, looked up the first time
    /// the list parser asks (it asks about the same tokens many times, and about few of all).
    let memo: Memo

    /// Per token, heads then stops: -2 not looked up yet, -1 none, else the end of the phrase.
    /// One allocation for both tables (a finder is made for every paragraph).
    final class Memo: ManagedBuffer<Int, Int32> {
        static func make(count: Int) -> Memo {
            let memo = Memo.create(minimumCapacity: 2 * count) { _ in count } as! Memo
            memo.withUnsafeMutablePointerToElements { $0.initialize(repeating: -2, count: 2 * count) }
            return memo
        }

        /// The entry of table `table` (0 heads, 1 stops) for token `k`.
        subscript(table: Int, k: Int) -> Int32 {
            get { withUnsafeMutablePointerToElements { $0[table * header + k] } }
            set { withUnsafeMutablePointerToElements { $0[table * header + k] = newValue } }
        }
    }

    init(_ tokens: Tokens, quoted: [Bool]? = nil) {
        t = tokens
        self.quoted = quoted ?? UnitFinder.quoteMask(tokens)
        memo = Memo.make(count: tokens.count)
    }

    /// The end of the unit head starting at token `k`.
    func head(_ k: Int) -> Int? { phraseEnd(table: 0, at: k) }

    /// The end of the stop phrase (a verb or preposition that ends a name) starting at token `k`.
    func stop(_ k: Int) -> Int? { phraseEnd(table: 1, at: k) }

    /// The end of the head (`table` 0) or stop (1) phrase starting at word `k`, looked up once.
    private func phraseEnd(table: Int, at k: Int) -> Int? {
        guard k < t.count else { return nil }
        var e = memo[table, k]
        if e == -2 {
            let lexicon = table == 0 ? Lexicon.unitHeads : Lexicon.unitStops  // read on a miss only
            e = t[k].isWord ? Int32(t.longestMatch(lexicon, at: k) ?? -1) : -1
            memo[table, k] = e
        }
        return e >= 0 ? Int(e) : nil
    }

    /// A list of units parsed from token `start`.
    struct UnitList {
        var names: [String]
        /// Index of the token that ended the list (a verb, a punctuation mark, or `count`).
        var end: Int
    }

    // MARK: Entry points

    /// The whole text as a list of units ("Giao Phòng Quản lý Khoa học", "Công Đoàn, Đoàn Thanh
    /// niên", "Các sở, ban, ngành và các đơn vị khác có liên quan"); nil when it is not one.
    func wholeUnitList() -> [String]? {
        var i = 0
        while i < t.count, t[i].isPunct { i += 1 }
        if i < t.count, t[i].lower == "giao" || t[i].lower == "giáo" { i += 1 }
        if let e = t.match(Phrases.p4, at: i) { i = e }
        var end = t.count
        while end > i, t[end - 1].isPunct, Phrases.s12.contains(t[end - 1].lower) { end -= 1 }
        guard i < end else { return nil }
        if isPersonStart(i) { return [cleanName(t.text(i, end))] }
        guard let list = unitList(from: i, limit: end), list.end == end else { return nil }
        return list.names
    }

    /// The lead named at the start of the text: "Giao X …", "Đề nghị X …", or X as the subject
    /// followed by what it does ("Sở Công Thương chủ trì …", "Văn phòng nghiên cứu …").
    func leadAtStart() -> [String]? {
        var i = 0
        while i < t.count, t[i].isPunct { i += 1 }
        var introduced = false
        if i < t.count, Phrases.s13.contains(t[i].lower) || t.match(Phrases.p5, at: i) != nil
            || t.match(Phrases.p6, at: i) != nil
        {
            i += t[i].lower.hasPrefix("gi") ? 1 : 2
            introduced = true
        }
        // "Giao đồng chí Phạm Văn Thành chỉ đạo …": a person is the lead.
        if introduced, let person = personName(at: i) { return [person] }
        guard let list = unitList(from: i, limit: t.count), !list.names.isEmpty else { return nil }
        guard list.end < t.count else { return introduced ? list.names : nil }
        let stop = t[list.end]
        if stop.isPunct { return nil }
        return list.names
    }

    /// Fields an item writes as labels: "Đơn vị chủ trì: X; đơn vị phối hợp: Y; thời gian: Z".
    func roleFields() -> (lead: [String]?, support: [String], time: String?) {
        var lead: [String]?
        var support: [String] = []
        var time: String?
        var k = 0
        while k + 2 < t.count {
            defer { k += 1 }
            guard t[k].starts & Lexicon.roleOpeners.flag != 0 else { continue }
            var role = ""
            var p = k
            if let e = t.match("đơn", "vị", "chủ", "trì", at: k) ?? t.match("cơ", "quan", "chủ", "trì", at: k)
                ?? t.match("đơn", "vị", "thực", "hiện", at: k) ?? t.match("cơ", "quan", "thực", "hiện", at: k)
            {
                role = "lead"
                p = e
            } else if let e = t.match("đơn", "vị", "phối", "hợp", at: k) ?? t.match("cơ", "quan", "phối", "hợp", at: k) {
                role = "support"
                p = e
            } else if let e = t.match("thời", "gian", at: k) ?? t.match("thời", "hạn", at: k) {
                role = "time"
                p = e
                while p < t.count, t[p].isWord, p - e < 3 { p += 1 }  // "thời gian thực hiện"
            } else {
                continue
            }
            guard p < t.count, t[p].lower == ":" else { continue }
            let start = p + 1
            var end = start
            while end < t.count, !(t[end].isPunct && (t[end].lower == ";" || t[end].lower == ".")) { end += 1 }
            guard end > start else { continue }
            switch role {
            case "lead": lead = TaskTable.units(String(t.text(start, end)))
            case "support": support = TaskTable.units(String(t.text(start, end)))
            default: time = String(t.text(start, end))
            }
        }
        return (lead?.isEmpty == true ? nil : lead, support, time)
    }

    /// Whether the text names its own lead (not everyone): "Sở X chủ trì …".
    func namesSpecificLead() -> Bool {
        guard let lead = leadAtStart() ?? leadBeforeChuTri() else { return false }
        return !lead.contains("*")
    }

    /// The units a request names anywhere in the text: "… đề nghị các phòng, đơn vị thuộc Sở
    /// thực hiện …", "Yêu cầu X …".
    func leadOfRequest() -> [String]? {
        for k in 0..<t.count {
            guard let e = t.match(Phrases.p5, at: k) ?? t.match(Phrases.p6, at: k) else { continue }
            if let list = unitList(from: e, limit: t.count), !list.names.isEmpty, list.end < t.count, !t[list.end].isPunct {
                return list.names
            }
        }
        return nil
    }

    /// The subject after an opening clause of time or condition: "Trong quá trình thực hiện,
    /// nếu có vướng mắc, Thủ trưởng các cơ quan, đơn vị chủ động …".
    func leadAfterOpeningClause() -> [String]? {
        guard t.longestMatch(Lexicon.clauseOpeners, at: 0) != nil || (t.count > 0 && t[0].lower == "trong") else {
            return nil
        }
        var k = 1
        while k < t.count, !(t[k].isPunct && Phrases.s14.contains(t[k].lower)) {
            if t[k - 1].isPunct, t[k - 1].lower == ",", t[k].isCapitalized, isSegmentStart(k),
                let list = unitList(from: k, limit: t.count), !list.names.isEmpty, list.end < t.count,
                !t[list.end].isPunct
            {
                return list.names
            }
            k += 1
        }
        return nil
    }

    /// A subject written in capitals before its role, whatever its first word: "Vu Kế hoạch -
    /// Tài chính tham mưu …" (a slip of the tone mark on "Vụ" hides the head word).
    func leadByTitleCase() -> [String]? {
        guard t.count > 3, t[0].isCapitalized, t[0].isWord, !isStop(0),
            stop(0) == nil, t.longestMatch(Lexicon.nonTaskOpenings, at: 0) == nil
        else { return nil }
        var k = 0
        var capitals = 0
        while k < t.count, t[k].isCapitalized || (t[k].isPunct && Phrases.s15.contains(t[k].lower))
            || (k > 0 && t[k].isWord && t[k - 1].isCapitalized && !isStop(k))
        {
            if t[k].isCapitalized { capitals += 1 }
            k += 1
        }
        guard capitals >= 3, k < t.count, let m = t.longestMatch(Lexicon.leadMarkers, at: k), m > k else { return nil }
        return [cleanName(t.text(0, k))]
    }

    /// The lead of "X chủ trì" anywhere in the text (the first such in a clause).
    func leadBeforeChuTri() -> [String]? {
        var k = 0
        while k + 1 < t.count {
            defer { k += 1 }
            guard t[k].lower == "chủ", t[k + 1].lower == "trì", !quoted[k], k > 0 else { continue }
            if Lexicon.nominalChuTri.contains(t[k - 1].lower) { continue }
            // Clause start.
            var s = k - 1
            while s > 0, !(t[s - 1].isPunct && [".", ";", ":", "(", "\u{201C}", "\""].contains(t[s - 1].lower)) {
                s -= 1
            }
            var p = s
            while p < k {
                if isSegmentStart(p), let list = unitList(from: p, limit: k), list.end == k, !list.names.isEmpty {
                    return list.names
                }
                p += 1
            }
        }
        return nil
    }

    /// The unit that a passive sentence names as agent: "… do Văn phòng Sở bố trí".
    func agentAfterDo() -> [String]? {
        for k in 0..<t.count where t[k].lower == "do" && !quoted[k] {
            guard k + 1 < t.count, isSegmentStart(k + 1), let list = unitList(from: k + 1, limit: t.count),
                !list.names.isEmpty, list.end < t.count, !t[list.end].isPunct
            else { continue }
            return list.names
        }
        return nil
    }

    /// The units named to coordinate: "phối hợp (chặt chẽ) (với) X", "hỗ trợ với X".
    func support() -> [String] {
        var names: [String] = []
        var k = 0
        while k < t.count {
            defer { k += 1 }
            var p: Int
            if let e = t.match(Phrases.p7, at: k) {
                if k > 0, t[k - 1].lower == "sự" { continue }
                p = e
            } else if let e = t.match(Phrases.p8, at: k) {
                p = e
            } else {
                continue
            }
            if quoted[k] { continue }
            if let e = t.match(Phrases.p9, at: p) { p = e }
            if let e = t.match(Phrases.p10, at: p) { p = e }
            if p < t.count, Phrases.s16.contains(t[p].lower) { p += 1 }
            guard p < t.count, isSegmentStart(p), let list = unitList(from: p, limit: t.count) else { continue }
            for n in list.names where !names.contains(n) { names.append(n) }
            k = max(k, list.end - 1)
        }
        return names
    }

    /// "X: …" at the start: the units (or person) named before a colon, and the index after it.
    func inlineHeading() -> (names: [String], after: Int)? {
        var colon: Int?
        for k in 0..<min(t.count, 40) where t[k].isPunct && t[k].lower == ":" {
            colon = k
            break
        }
        guard let c = colon, c > 0, c + 1 < t.count else { return nil }
        var i = 0
        if t[i].lower == "giao" { i += 1 }
        if let e = t.match(Phrases.p4, at: i) { i = e }
        guard i < c, c - i <= 14 else { return nil }
        if isPersonStart(i) { return ([cleanName(t.text(i, c))], c + 1) }
        // A heading names units only; "Phòng X chủ trì …:" is a sentence.
        for k in i..<c where t.longestMatch(Lexicon.leadMarkers, at: k) != nil || t.match(Phrases.p7, at: k) != nil {
            return nil
        }
        guard let list = unitList(from: i, limit: c, cell: true), list.end == c, !list.names.isEmpty else { return nil }
        return (list.names, c + 1)
    }

    // MARK: Lists and names

    /// "đồng chí Phạm Văn Thành", "ông Lê Văn A": a title and a name, as written.
    func personName(at i: Int) -> String? {
        guard i < t.count, let e = t.longestMatch(Lexicon.personTitles, at: i) else { return nil }
        var k = e
        if k < t.count, t[k].lower == "." { k += 1 }
        guard k < t.count, t[k].isCapitalized, Lexicon.surnames.contains(t[k].lower) else { return nil }
        var n = k + 1
        while n < t.count, n - k < 4, t[n].isWord, t[n].isCapitalized { n += 1 }
        guard n - k >= 2 else { return nil }
        return cleanName(t.text(i, n))
    }

    /// Whether a person's title ("Ông", "Bà", "Đồng chí") starts at `i`, followed by a name.
    func isPersonStart(_ i: Int) -> Bool {
        guard i < t.count, let e = t.longestMatch(Lexicon.personTitles, at: i), t[i].isCapitalized else {
            return false
        }
        var k = e
        if k < t.count, t[k].lower == "." { k += 1 }
        return k < t.count && t[k].isCapitalized && Lexicon.surnames.contains(t[k].lower)
    }

    /// Whether a unit's name (or a generic group) starts at token `i`.
    func isSegmentStart(_ i: Int) -> Bool {
        guard i < t.count, t[i].isWord, !quoted[i] else { return false }
        guard let e = head(i) else { return isPersonStart(i) }
        let headWords = t[i..<e]
        if Lexicon.capitalOnlyHeads.contains(headWords), !t[i].isCapitalized { return false }
        // "Tổ chức", "Ban hành", "Báo cáo", "Hội nghị": a verb or a thing, not a unit.
        if let v = stop(i), v > e { return false }
        if let n = t.longestMatch(Lexicon.notUnits, at: i), n > e { return false }
        if Phrases.s17.contains(t[i].lower) {
            // "các" must name units: "các phòng", "các Ban", "các cơ sở …", not "các nhiệm vụ".
            let n = e
            guard n < t.count else { return false }
            if t.longestMatch(Lexicon.pluralNouns, at: n) != nil { return true }
            if let h = head(n), t[n].lower != "các" {
                return !(Lexicon.capitalOnlyHeads.contains(t[n..<h]) && !t[n].isCapitalized)
            }
            return false
        }
        // A head alone followed by a verb is not a name ("Sở chủ trì").
        return true
    }

    /// Parses a list of unit names from `start` up to `limit` (exclusive), stopping at a verb, a
    /// preposition or punctuation that ends the list.
    /// In a table `cell` (or the part of an inline heading before its colon) the text is only
    /// names: verbs end nothing.
    func unitList(from start: Int, limit: Int, cell: Bool = false) -> UnitList? {
        guard start < limit, isSegmentStart(start) else { return nil }
        var segments: [Range<Int>] = []
        /// Whether each segment after the first followed a comma (a list of tiers "xã, phường").
        var afterComma: [Bool] = [false]
        var segStart = start
        var k = start
        var end = limit
        let person = isPersonStart(start)
        scan: while k < limit {
            let tok = t[k]
            if k == segStart {
                // The head of a segment, with the noun after "các" ("các chủ đầu tư").
                if let e = head(k) { k = e } else { k += 1 }
                if Phrases.s17.contains(t[segStart].lower), k < limit {
                    if let e = t.longestMatch(Lexicon.pluralNouns, at: k) { k = e }
                }
                continue
            }
            if tok.isPunct {
                switch tok.lower {
                case ",", ";":
                    if k + 1 < limit, isSegmentStart(k + 1) || startsTier(k + 1) {
                        segments.append(segStart..<k)
                        afterComma.append(tok.lower == ",")
                        segStart = k + 1
                        k += 1
                        continue scan
                    }
                    // "Phòng Quản lý Công nghệ, thị trường công nghệ và chuyên ngành": a comma
                    // inside a name, when a word that is no verb follows.
                    if tok.lower == ",", k + 1 < limit, t[k + 1].isWord,
                        cell || !isStop(k + 1)
                    {
                        k += 1
                        continue scan
                    }
                    end = k
                    break scan
                case "(":
                    // A parenthesis inside a name ("Sở, Ngành (cơ quan đăng ký đầu tư)").
                    var c = k + 1
                    while c < limit, t[c].lower != ")" { c += 1 }
                    guard c < limit, c - k <= 12 else {
                        end = k
                        break scan
                    }
                    k = c + 1
                    continue scan
                case "&", "/":
                    k += 1
                    continue scan
                case "-", "–", "—":
                    if k + 1 < limit, t[k + 1].isWord, t[k + 1].isCapitalized || person {
                        k += 1
                        continue scan
                    }
                    end = k
                    break scan
                case ".":
                    // "TP. Hồ Chí Minh", "Ông. Hoàng …": an abbreviation's dot.
                    if k + 1 < limit, t[k - 1].isWord, t.text(k - 1).count <= 3, t[k + 1].isCapitalized {
                        k += 1
                        continue scan
                    }
                    end = k
                    break scan
                default:
                    end = k
                    break scan
                }
            }
            if tok.lower == "và" {
                if k + 1 < limit, isSegmentStart(k + 1) || startsTier(k + 1) {
                    // "Văn phòng Đoàn ĐBQH và HĐND": one office serving two elected bodies.
                    if t[segStart].lower == "văn", isElectedBody(k + 1) {
                        k += 1
                        continue scan
                    }
                    segments.append(segStart..<k)
                    afterComma.append(false)
                    segStart = k + 1
                    k += 1
                    continue scan
                }
                if !cell, k + 1 < limit, stop(k + 1) != nil,
                    !t[k + 1].isCapitalized
                {
                    end = k
                    break scan
                }
                k += 1
                continue scan
            }
            if !cell, isStop(k) {
                // "trong và ngoài tỉnh", "trên địa bàn" describe the unit.
                if tok.lower == "trong", k + 2 < limit, t[k + 1].lower == "và", t[k + 2].lower == "ngoài" {
                    k += 3
                    continue scan
                }
                if let e = t.match(Phrases.p11, at: k), e <= limit {
                    k = e
                    continue scan
                }
                // "cơ quan chủ trì", "đơn vị chủ trì": the lead agency of a project, a noun.
                if tok.lower == "chủ", k + 1 < limit, t[k + 1].lower == "trì", k > 0,
                    Lexicon.nominalChuTri.contains(t[k - 1].lower)
                {
                    k += 2
                    continue scan
                }
                end = k
                break scan
            }
            k += 1
            if k - segStart > (cell ? 60 : 24) {
                // A run-on: no verb ended it; not a name.
                return nil
            }
        }
        if k >= limit { end = limit }
        segments.append(segStart..<end)
        let merged = mergeTiers(segments, afterComma: afterComma)
        var names: [String] = []
        for seg in merged {
            guard !seg.isEmpty else { continue }
            let name = isGeneric(seg) ? "*" : cleanName(t.text(seg.lowerBound, seg.upperBound))
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return UnitList(names: names, end: end)
    }

    /// Whether a lower-case verb or preposition that ends a name stands at `k`; typing slips of
    /// tone marks ("khản trương") are matched on the folded form.
    func isStop(_ k: Int) -> Bool {
        let tok = t[k]
        guard tok.kind == .word, !tok.isCapitalized else { return false }
        // "sự nghiệp công lập": a compound, not the verb "lập".
        if k > 0, t[k].lower == "lập", t[k - 1].lower == "công" { return false }
        if let e = stop(k) {
            // "Sở Giáo dục và Đào tạo": the second syllable of a capitalised word ("Đào tạo").
            if e == k + 1, k > 0, t[k - 1].isCapitalized, t[k - 1].isWord,
                head(k - 1) == nil
            {
                return false
            }
            return true
        }
        guard k + 1 < t.count, t[k + 1].isWord else { return false }
        return Lexicon.foldedStops.contains(Word.foldedPair(tok.lower, t[k + 1].lower))
    }

    /// Whether a tier noun starts at `i` ("ban", "ngành", "thành phố" after a comma).
    func startsTier(_ i: Int) -> Bool {
        guard i < t.count else { return false }
        return Lexicon.tierNouns.contains(t[i].lower) || Lexicon.tierNouns.contains(t[i..<min(i + 2, t.count)])
    }

    func isElectedBody(_ i: Int) -> Bool {
        Phrases.s18.contains(t[i].lower) && t[i].isCapitalized
    }

    /// Joins a segment made only of tier nouns to the one before when that one is a bare tier or
    /// ends with one: "các phòng" + "đơn vị" → "các phòng, đơn vị"; "Sở" + "Ngành (…)".
    func mergeTiers(_ segments: [Range<Int>], afterComma: [Bool]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for (n, seg) in segments.enumerated() {
            // "UBND các xã, phường có …": a comma joins tiers of one group; "và địa phương có
            // rừng" names another group.
            let comma = n < afterComma.count && afterComma[n]
            if let last = out.last, isTierOnly(seg), endsWithTier(last),
                comma || !hasNarrowingQualifier(seg) || isBareTier(last)
            {
                out[out.count - 1] = last.lowerBound..<seg.upperBound
            } else {
                out.append(seg)
            }
        }
        return out
    }

    /// A segment that begins with a tier noun and names nothing more specific (no capitalised name).
    func isTierOnly(_ seg: Range<Int>) -> Bool {
        guard !seg.isEmpty, startsTier(seg.lowerBound) else { return false }
        for k in seg.dropFirst() where t[k].isWord && t[k].isCapitalized && !Lexicon.tierNouns.contains(t[k].lower) {
            return false
        }
        return true
    }

    func endsWithTier(_ seg: Range<Int>) -> Bool {
        guard let last = seg.last else { return false }
        var k = last
        while k > seg.lowerBound, t[k].isPunct { k -= 1 }
        return Lexicon.tierNouns.contains(t[k].lower)
            || (k > seg.lowerBound && Lexicon.tierNouns.contains(t[k - 1..<k + 1]))
            || isGeneric(seg)
    }

    func isBareTier(_ seg: Range<Int>) -> Bool {
        seg.count <= 2 && seg.allSatisfy { Lexicon.tierNouns.contains(t[$0].lower) || t[$0].lower == "các" }
    }

    func hasNarrowingQualifier(_ seg: Range<Int>) -> Bool {
        tierShape(seg) == nil
    }

    /// Whether a segment names every unit of a tier: "các phòng, đơn vị trực thuộc Sở",
    /// "các Ban HĐND Thành phố", "UBND cấp xã", "phòng liên quan", "chính quyền địa phương".
    func isGeneric(_ seg: Range<Int>) -> Bool {
        guard let shape = tierShape(seg) else { return false }
        return shape.plural || shape.related
    }

    /// A segment made of tier nouns and qualifiers that do not narrow them; whether it is plural
    /// ("các", "cấp", "tất cả") or qualified by "liên quan". `nil` when a word narrows the tier
    /// ("các đơn vị truyền thông", "địa phương có rừng") or it is no tier at all.
    func tierShape(_ seg: Range<Int>) -> (plural: Bool, related: Bool)? {
        // The segment's words on the stack: this runs several times for every segment of every list.
        withUnsafeTemporaryAllocation(of: Word.self, capacity: seg.count) { buffer in
            var n = 0
            for k in seg where t[k].isWord {
                buffer.initializeElement(at: n, to: t[k].lower)
                n += 1
            }
            return tierShape(seg, words: UnsafeBufferPointer(rebasing: buffer[0..<n]))
        }
    }

    func tierShape(_ seg: Range<Int>, words: UnsafeBufferPointer<Word>) -> (plural: Bool, related: Bool)? {
        guard !words.isEmpty else { return nil }
        var i = 0
        // Whether the words from `i` on start with the given ones (no array per test: this runs
        // for every segment of every list).
        func at(_ a: StaticString, _ b: StaticString? = nil, _ c: StaticString? = nil, _ d: StaticString? = nil) -> Bool {
            guard i < words.count, words[i] == a else { return false }
            guard let b else { return true }
            guard i + 1 < words.count, words[i + 1] == b else { return false }
            guard let c else { return true }
            guard i + 2 < words.count, words[i + 2] == c else { return false }
            guard let d else { return true }
            return i + 3 < words.count && words[i + 3] == d
        }
        var plural = false
        var related = false
        // Leaders of every unit act for their units (each tested once, in this order).
        if at("thủ", "trưởng") { i += 2 }
        if at("lãnh", "đạo") { i += 2 }
        if at("tất", "cả") {
            i += 2
            plural = true
        }
        if at("toàn", "thể") {
            i += 2
            plural = true
        }
        if at("chủ", "tịch") { i += 2 }
        if at("ủy", "ban", "nhân", "dân") { i += 4 }
        if at("uỷ", "ban", "nhân", "dân") { i += 4 }
        if at("ubnd") { i += 1 }
        if at("hđnd") { i += 1 }
        if at("chính", "quyền") {
            i += 2
            if at("địa", "phương") || at("các", "cấp") || at("cơ", "sở") {
                i += 2
                plural = true
            }
        }
        if at("các") || at("cấp") {
            plural = true
            i += 1
        }
        var tiers = 0
        while i < words.count {
            if at("các") || at("và") || at("hoặc") {
                i += 1
                continue
            }
            if i + 1 < words.count, Lexicon.tierNouns.contains(Word(joining: words[i], words[i + 1])) {
                i += 2
                tiers += 1
                continue
            }
            if Lexicon.tierNouns.contains(words[i]) {
                i += 1
                tiers += 1
                continue
            }
            break
        }
        guard tiers > 0 || plural && i == words.count else { return nil }
        // Qualifiers that do not narrow the tier.
        while i < words.count {
            if at("có", "liên", "quan") || at("liên", "quan") {
                related = true
                i += at("có") ? 3 : 2
                continue
            }
            if at("trực", "thuộc", "trung", "ương") {
                i += 4
                continue
            }
            if at("khác") {
                i += 1
                continue
            }
            if at("thuộc") || at("trực", "thuộc") || at("của") {
                i += at("trực") ? 2 : 1
                // Owner: an agency's name, or itself a generic group.
                guard i < words.count else { return (plural, related) }
                if isOwnerName(UnsafeBufferPointer(rebasing: words[i...])) { return (plural, related) }
                return isGeneric(subRange(seg, fromWord: i)) ? (plural, related) : nil
            }
            if at("trên", "địa", "bàn") {
                i += 3
                continue
            }
            // "các Ban HĐND Thành phố", "các phòng thuộc VP": the owning body.
            if isOwnerName(UnsafeBufferPointer(rebasing: words[i...])) { return (plural, related) }
            return nil
        }
        return (plural, related)
    }

    static let owners: WordSet = ["quốc", "sở", "bộ", "hđnd", "ubnd", "đoàn", "văn", "vp", "ban", "cục", "tỉnh", "ủy", "uỷ", "thành", "huyện"]

    /// Whether the words name one agency ("Sở", "Bộ TN&MT", "HĐND Thành phố", "UBND tỉnh").
    func isOwnerName(_ words: UnsafeBufferPointer<Word>) -> Bool {
        guard let first = words.first else { return false }
        guard UnitFinder.owners.contains(first) else { return false }
        if first == "quốc" { return words.count > 1 && words[1] == "hội" }
        return words.count <= 6
    }

    /// The sub-range of `seg` starting at its `n`-th word.
    func subRange(_ seg: Range<Int>, fromWord n: Int) -> Range<Int> {
        var count = 0
        for k in seg where t[k].isWord {
            if count == n { return k..<seg.upperBound }
            count += 1
        }
        return seg.upperBound..<seg.upperBound
    }

    /// A name as written, trimmed of surrounding punctuation.
    func cleanName(_ s: Substring) -> String {
        let x = VietnameseText.collapseSpaces(s)
        // Trim ".,;:-–" at both ends on the bytes, each a `Character` of its own; then the spaces
        // that exposes (the text is collapsed: only single ASCII spaces are left).
        let range: (Int, Int)?? = x.utf8.withContiguousStorageIfAvailable { u -> (Int, Int)? in
            @inline(__always) func punct(at i: Int) -> Int {
                switch u[i] {
                case 0x2E, 0x2C, 0x3B, 0x3A, 0x2D: return 1
                case 0xE2: return i + 2 < u.count && u[i + 1] == 0x80 && u[i + 2] == 0x93 ? 3 : 0  // "–"
                default: return 0
                }
            }
            var lo = 0
            var hi = u.count
            while hi > lo {
                var p = hi - 1
                while p > lo, u[p] & 0xC0 == 0x80 { p -= 1 }
                guard punct(at: p) == hi - p else { break }
                guard UTF8Text.isBoundary(u, p), UTF8Text.isBoundary(u, hi) else { return nil }
                hi = p
            }
            while lo < hi {
                let w = punct(at: lo)
                guard w > 0, lo + w <= hi else { break }
                guard UTF8Text.isBoundary(u, lo), UTF8Text.isBoundary(u, lo + w) else { return nil }
                lo += w
            }
            while lo < hi, u[lo] == 0x20 { lo += 1 }
            while hi > lo, u[hi - 1] == 0x20 { hi -= 1 }
            return (lo, hi)
        }
        guard let (lo, hi) = range ?? nil else { return cleanNameByCharacters(x) }
        if lo == 0 && hi == x.utf8.count { return x }
        let v = x.utf8
        return String(x[v.index(v.startIndex, offsetBy: lo)..<v.index(v.startIndex, offsetBy: hi)])
    }

    /// `cleanName` on `Character`s, for text where a mark or joiner makes the bytes unsure.
    func cleanNameByCharacters(_ collapsed: String) -> String {
        var x = collapsed
        while let l = x.last, ".,;:-–".contains(l) { x.removeLast() }
        while let f = x.first, ".,;:-–".contains(f) { x.removeFirst() }
        return VietnameseText.collapseSpaces(x)
    }

    /// Marks tokens inside quotation marks (“…” or "…").
    static func quoteMask(_ t: Tokens) -> [Bool] {
        var mask = [Bool](repeating: false, count: t.count)
        var inCurly = false
        var inStraight = false
        for k in 0..<t.count {
            let tok = t[k]
            if tok.isPunct {
                switch tok.lower {
                case "\u{201C}": inCurly = true
                case "\u{201D}": inCurly = false
                case "\"": inStraight.toggle()
                default: break
                }
            }
            mask[k] = inCurly || inStraight
        }
        return mask
    }
}

extension WordSet {
    /// Whether the lower-cased words of `tokens` joined by spaces are in the set.
    func contains(_ tokens: ArraySlice<Token>) -> Bool {
        if tokens.count == 1, let only = tokens.first { return contains(only.lower) }
        return contains(Word(joining: tokens.lazy.map(\.lower)))
    }
}
