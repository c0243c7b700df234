import Deadlines

/// The meeting a notice concludes: its date and the person who chaired it ("chủ trì"), from the
/// opening sentence ("Ngày 9/8/2021, Sở … tổ chức hội nghị giao ban …") and the title.
enum MeetingParser {
    static let meetingWords: [[Word]] = [
        ["giao", "ban"], ["cuộc", "họp"], ["hội", "nghị"], ["buổi", "làm", "việc"], ["phiên", "họp"], ["họp"],
        ["kết", "luận"],
    ]

    /// `nil` when neither the title nor the opening speaks of a meeting.
    static func parse(title: String?, preamble: [String], reference: CalendarDate?) -> Meeting? {
        let titleTokens = Tokens(title ?? "")
        // The first six paragraphs, tokenized when first read: most searches stop early.
        let count = min(preamble.count, 6)
        var cache = [Tokens?](repeating: nil, count: count)
        func pre(_ i: Int) -> Tokens {
            if let t = cache[i] { return t }
            let t = Tokens(preamble[i])
            cache[i] = t
            return t
        }
        func first<T>(_ f: (Tokens) -> T?) -> T? {
            for i in 0..<count {
                if let v = f(pre(i)) { return v }
            }
            return nil
        }
        guard mentionsMeeting(titleTokens) || (0..<min(count, 2)).contains(where: { mentionsMeeting(pre($0)) }) else {
            return nil
        }
        var meeting = Meeting()
        // The opening sentence "Ngày …, …".
        for i in 0..<count {
            let p = pre(i)
            guard p.count > 1 && p[0].lower == "ngày" && mentionsMeeting(p) else { continue }
            if let d = DateWords.date(p, at: 1, yearFor: { _, _ in reference?.year }) {
                meeting.date = d.0
                break
            }
            if let d = DateWords.longDate(p, from: 0), let date = d.date {
                meeting.date = date
                break
            }
        }
        if meeting.date == nil {
            meeting.date = dateAfterMeetingWord(titleTokens, reference: reference)
                ?? first { dateAfterMeetingWord($0, reference: reference) }
        }
        meeting.chair = first(chairBeforeChuTri) ?? concluder(titleTokens) ?? first(concluder)
        return meeting
    }

    static func mentionsMeeting(_ t: Tokens) -> Bool {
        for k in 0..<t.count {
            for w in meetingWords where t.match(w, at: k) != nil { return true }
        }
        return false
    }

    /// "… tại buổi làm việc với Sở … ngày 15/5/2020": the first date after a meeting word that
    /// is not the date of a cited document ("số 185/TB-UBND ngày 18/5/2020").
    static func dateAfterMeetingWord(_ t: Tokens, reference: CalendarDate?) -> CalendarDate? {
        var seen = false
        for k in 0..<t.count {
            if !seen {
                for w in meetingWords.dropLast() where t.match(w, at: k) != nil { seen = true }
                continue
            }
            guard t[k].lower == "ngày" else { continue }
            if k >= 1, ReferenceFinder.reference(t.text(k - 1)) != nil { continue }
            if let d = DateWords.date(t, at: k + 1, yearFor: { _, _ in reference?.year }) { return d.0 }
        }
        return nil
    }

    /// The person named just before "chủ trì" in the same sentence.
    static func chairBeforeChuTri(_ t: Tokens) -> String? {
        for k in 1..<max(t.count, 1) where t[k].lower == "trì" && t[k - 1].lower == "chủ" {
            // "dưới sự chủ trì của đồng chí X".
            if k + 1 < t.count, t[k + 1].lower == "của", let name = firstName(t, k + 2, min(t.count, k + 14)) {
                return name
            }
            var s = k - 1
            while s > 0, !(t[s - 1].isPunct && Phrases.s2.contains(t[s - 1].lower)) { s -= 1 }
            if let name = lastName(t, s, k - 1) { return name }
        }
        return nil
    }

    /// "Kết luận của Phó Chủ tịch UBND tỉnh Lê Ánh Dương", "đồng chí X … kết luận".
    static func concluder(_ t: Tokens) -> String? {
        for k in 0..<t.count where t.match(Phrases.p1, at: k) != nil {
            if let name = firstName(t, k, min(t.count, k + 25)) { return name }
            var s = k
            while s > 0, !(t[s - 1].isPunct && Phrases.s2.contains(t[s - 1].lower)) { s -= 1 }
            if let name = lastName(t, s, k) { return name }
        }
        return nil
    }

    static func names(_ t: Tokens, _ a: Int, _ b: Int) -> [String] {
        var out: [String] = []
        var k = a
        while k < b {
            guard t[k].isWord, t[k].isCapitalized, Lexicon.surnames.contains(t[k].lower),
                !VietnameseText.isAllCaps(t.text(k)) || t.text(k).count == 1
            else {
                k += 1
                continue
            }
            var e = k + 1
            while e < b, e - k < 4, t[e].isWord, t[e].isCapitalized, !VietnameseText.isAllCaps(t.text(e)),
                t.text(e).allSatisfy(\.isLetter)
            {
                e += 1
            }
            if e - k >= 2 {
                let name = String(t.text(k, e))
                if name != "Hồ Chí Minh" { out.append(name) }
                k = e
            } else {
                k += 1
            }
        }
        return out
    }

    static func lastName(_ t: Tokens, _ a: Int, _ b: Int) -> String? { names(t, a, b).last }
    static func firstName(_ t: Tokens, _ a: Int, _ b: Int) -> String? { names(t, a, b).first }
}
