import Extraction
import Foundation

/// Carry-over: a later notice repeats a task still open ("Tiếp tục hoàn thiện Đề án …", same
/// lead unit, much the same words). Linking the two lets the history read as one task across
/// months instead of a new task each meeting.
///
/// Two texts are compared by their subject: the text folded (`VietnameseText.fold`), dates
/// ("30/4/2025", "6/2025") and list markers dropped, then the genre's function words and stock
/// verbs removed ("tiếp tục", "khẩn trương", "tham mưu", "chủ trì", "triển khai thực hiện", "UBND
/// tỉnh", "kế hoạch", …): what is left names the matter ("Đề án sắp xếp đơn vị sự nghiệp công
/// lập", "Nghị quyết 57-NQ/TW"). Vietnamese words are mostly two syllables, so the subjects are
/// compared as sets of adjacent syllable pairs (bigrams): the mean of their Dice coefficient
/// (how alike overall) and their containment in the shorter one (a later notice often repeats a
/// task in fewer words).
///
/// Generic phrases of one agency's field ("khoa học và công nghệ" at a Sở KH&CN) still count as
/// subject; weighting pairs by how many open tasks contain them would discount them, should real
/// pools of open tasks show false links.
public enum CarryOver {
    /// A predecessor found for a task.
    public struct Match: Sendable, Hashable {
        /// The open task's id, as the caller gave it.
        public let id: String
        /// The subjects' similarity, 0…1.
        public let score: Double
        /// Whether the new task's text opens with a continuation word ("Tiếp tục", "Khẩn
        /// trương"), which lowered the threshold.
        public let continuation: Bool
    }

    /// The similarity a link needs.
    public static let threshold = 0.5
    /// The similarity a link needs when the new task says it continues one ("Tiếp tục …"): the
    /// text says it is a repeat, often shortened.
    public static let continuationThreshold = 0.35
    /// The syllable pairs two subjects must share at least, so one common phrase ("hồ sơ nghiệm
    /// thu") cannot link two short texts on its own.
    public static let minimumSharedPairs = 2

    /// The open task that `candidate` carries over, if any: among `open`, those with a lead in
    /// common (compared folded; pass directory ids once units are resolved) whose similarity
    /// reaches the threshold, the most similar (the first given on a tie). A task without a
    /// lead links to nothing.
    public static func findPredecessor(
        of candidate: (text: String, leads: [String]),
        among open: [(id: String, text: String, leads: [String])]
    ) -> Match? {
        Pool(open).predecessor(of: candidate)
    }

    /// Open tasks with their subjects and leads read once, to find the predecessors of all the
    /// tasks of a notice (`findPredecessor` reads them again for each task).
    public struct Pool: Sendable {
        private let items: [(id: String, subject: Subject, leads: Set<String>)]

        public init(_ open: [(id: String, text: String, leads: [String])]) {
            items = open.map { ($0.id, Subject($0.text), Set($0.leads.map(CarryOver.normalizedLead))) }
        }

        /// The open task that `candidate` carries over, if any (see `findPredecessor`).
        public func predecessor(of candidate: (text: String, leads: [String])) -> Match? {
            let leads = Set(candidate.leads.map(CarryOver.normalizedLead))
            guard !leads.isEmpty else { return nil }
            let subject = Subject(candidate.text)
            let needed = subject.continuation ? continuationThreshold : threshold
            var best: Match?
            for item in items where !leads.isDisjoint(with: item.leads) {
                guard subject.pairs.intersection(item.subject.pairs).count >= minimumSharedPairs else {
                    continue
                }
                let score = similarity(subject, item.subject)
                if score >= needed, score > (best?.score ?? -1) {
                    best = Match(id: item.id, score: score, continuation: subject.continuation)
                }
            }
            return best
        }
    }

    /// The similarity of two tasks' subjects, 0…1 (symmetric).
    public static func similarity(_ a: String, _ b: String) -> Double {
        similarity(Subject(a), Subject(b))
    }

    /// Whether `text` says it continues an earlier task: "Tiếp tục" or "Khẩn trương" among its
    /// first words ("(3) Tiếp tục …", "Phòng tiếp tục …").
    public static func isContinuation(_ text: String) -> Bool {
        Subject(text).continuation
    }

    /// The words left to compare in `text` (folded syllables), for explaining a score.
    public static func subjectWords(of text: String) -> [String] {
        Subject(text).words
    }

    static func similarity(_ a: Subject, _ b: Subject) -> Double {
        guard !a.pairs.isEmpty, !b.pairs.isEmpty else { return 0 }
        let shared = Double(a.pairs.intersection(b.pairs).count)
        let dice = 2 * shared / Double(a.pairs.count + b.pairs.count)
        let containment = shared / Double(min(a.pairs.count, b.pairs.count))
        return (dice + containment) / 2
    }

    static func normalizedLead(_ lead: String) -> String {
        VietnameseText.fold(lead).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A task's text reduced to what it is about.
    struct Subject {
        let words: [String]
        let pairs: Set<String>
        let continuation: Bool

        init(_ text: String) {
            let syllables = Subject.syllables(of: text)
            continuation = zip(syllables.prefix(5), syllables.prefix(5).dropFirst()).contains { pair in
                CarryOver.continuationWords.contains(pair.0 + " " + pair.1)
            }
            words = Subject.content(of: syllables)
            pairs = Set(zip(words, words.dropFirst()).map { $0 + " " + $1 })
        }

        /// Folded syllables, without dates, punctuation and the list marker in front.
        static func syllables(of text: String) -> [String] {
            var out: [String] = []
            for raw in VietnameseText.fold(text).split(whereSeparator: \.isWhitespace) {
                if isDate(raw.trimmingCharacters(in: .punctuationCharacters)) { continue }
                var run = ""
                for ch in raw {
                    if ch.isLetter || ch.isNumber {
                        run.append(ch)
                    } else if !run.isEmpty {
                        out.append(run)
                        run = ""
                    }
                }
                if !run.isEmpty { out.append(run) }
            }
            // "(3)", "2.", "a)", "-": the item's number in the notice, not its subject.
            while let first = out.first,
                first.count == 1 || (first.count <= 3 && first.allSatisfy(\.isNumber))
            {
                out.removeFirst()
            }
            return out
        }

        /// Whether `word` is a day or month date: "30/4/2025", "16-18", "6/2025", "01.03".
        /// Kept: document numbers ("57-NQ/TW", "217/KH-UBND") and years ("2021 - 2025").
        static func isDate(_ word: String) -> Bool {
            let parts = word.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "-" || $0 == "." }
            guard parts.count == 2 || parts.count == 3,
                parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                parts[0].count <= 2
            else { return false }
            return parts[1].count <= 2 || (parts.count == 2 && parts[1].count == 4)
        }

        /// `syllables` without the genre's stop phrases (the longest first), keeping the few
        /// compounds whose syllables would otherwise go ("đề án", "hồ sơ" goes, "sở hữu" stays).
        static func content(of syllables: [String]) -> [String] {
            var out: [String] = []
            var i = 0
            outer: while i < syllables.count {
                if i + 1 < syllables.count,
                    CarryOver.keptCompounds.contains(syllables[i] + " " + syllables[i + 1])
                {
                    out.append(contentsOf: syllables[i...(i + 1)])
                    i += 2
                    continue
                }
                for n in stride(
                    from: min(CarryOver.longestStopPhrase, syllables.count - i), through: 1, by: -1)
                {
                    if CarryOver.stopPhrases.contains(syllables[i..<(i + n)].joined(separator: " ")) {
                        i += n
                        continue outer
                    }
                }
                out.append(syllables[i])
                i += 1
            }
            return out
        }
    }

    /// Words that say a task repeats an earlier one (folded).
    static let continuationWords: Set<String> = ["tiep tuc", "khan truong"]

    /// Two-syllable words kept whole although a syllable of theirs is a stop word once folded
    /// ("số", "sở", "để", "đo", "cơ" fold to "so", "de", "do", "co").
    static let keptCompounds: Set<String> = [
        "de an", "de tai", "so huu", "so ket", "so hoa", "so lieu", "doi so", "co so", "do luong",
    ]

    /// Function words, stock verbs and the addressees of the genre (folded): they say how a task
    /// is carried out, not what it is about.
    static let stopPhrases: Set<String> = [
        // Urging and continuing.
        "tiep tuc", "khan truong", "kip thoi", "tap trung", "chu dong", "quyet liet", "day nhanh", "day manh",
        "tang cuong", "dong thoi", "som",
        // Stock verbs of assignment.
        "thuc hien", "trien khai", "to chuc", "tham muu", "ban hanh", "bao cao", "chu tri", "phoi hop",
        "hoan thanh", "hoan thien", "xay dung", "de xuat", "nghien cuu", "theo doi", "don doc", "kiem tra",
        "ra soat", "huong dan", "tong hop", "xem xet", "trinh", "cap nhat", "yeu cau", "de nghi", "dam bao",
        // Stock nouns.
        "cong tac", "noi dung", "nhiem vu", "ke hoach", "du thao", "van ban", "ho so", "ket qua", "tien do",
        "hieu qua", "quy dinh", "lien quan", "phu hop", "dia ban", "co quan", "don vi",
        // Addressees and authorities.
        "giam doc", "lanh dao", "ubnd", "uy ban nhan dan", "hdnd", "hoi dong nhan dan", "thanh pho", "tinh",
        "van phong", "phong", "ban", "truc thuoc", "thuoc",
        // Function words, dates and numbering.
        "va", "cac", "cua", "cho", "de", "voi", "trong", "tai", "theo", "ve", "viec", "nhung", "da", "duoc",
        "la", "co", "nay", "do", "tren", "mot", "nhu", "hoac", "tu", "den", "khi", "sau", "truoc", "neu",
        "can",
        "gui", "len", "ra", "vao", "doi voi", "dung", "ky", "tiep", "cap", "ngay", "nam", "thang", "so",
    ]

    static let longestStopPhrase = stopPhrases.map { $0.split(separator: " ").count }.max() ?? 1
}
