import Deadlines
import Foundation

/// How one extraction compares with its gold file, by the corpus README's "Scoring" rules
/// (`Tests/Corpus/README.md`): the counts the six figures come from, and the lists a verbose
/// report shows.
///
/// Text is compared after ``ScoringText/normalized(_:)`` (NFC, lower-case, white space folded);
/// a task's words are ``ScoringText/words(_:)``.
///
/// - Tasks: a predicted and a gold task are candidates when the Jaccard overlap of their word
///   sets is at least 0.5 (exactly 0.5 counts). Pairs are taken greedily, highest overlap first;
///   ties go to the lower gold index, then the lower predicted index. Each task is used at most
///   once. Two tasks that both have no words have overlap 1, so an extraction always matches
///   itself.
/// - Lead: a matched pair agrees when its normalised `lead` names are equal as sets.
/// - Support: true/false positives and negatives of the normalised `support` name sets of each
///   matched pair, added up.
/// - Deadline: a matched pair agrees when both `due` are `nil`, or both have the same kind and
///   the same `date`, `start`, `end`, `every`, `count` and `unit`; `day`, `after` and `text` are
///   not compared.
/// - Document fields: the nine ``DocumentField``s; `nil` equals only `nil` (an empty string is
///   not `nil`). A `nil` meeting makes `meeting.date` and `meeting.chair` `nil`.
/// - References: true/false positives and negatives of the normalised (so case-insensitive)
///   reference sets; duplicates count once.
public struct DocumentScore: Sendable, Equatable {
    /// The counts the figures are computed from; ``CorpusScore`` adds these up.
    public var counts: ScoreCounts
    /// The fields whose predicted and gold values differ, in ``DocumentField`` order.
    public var fieldDifferences: [FieldDifference]
    /// Gold tasks no predicted task was matched to, in gold order.
    public var missed: [Assignment]
    /// Predicted tasks matched to no gold task, in predicted order.
    public var extra: [Assignment]
    /// Every matched pair, in gold order.
    public var matches: [TaskMatch]
    /// Gold references (normalised) the prediction lacks, in gold order.
    public var missedReferences: [String]
    /// Predicted references (normalised) the gold file lacks, in predicted order.
    public var extraReferences: [String]

    /// The six figures of this document.
    public var figures: ScoreFigures { counts.figures }

    /// The matched pairs whose lead, support or deadline differ.
    public var differing: [TaskMatch] {
        matches.filter { !$0.leadEqual || !$0.supportEqual || !$0.dueEqual }
    }

    /// Scores `predicted` against `gold`.
    public static func score(predicted: NoticeExtraction, gold: NoticeExtraction) -> DocumentScore {
        let pairs = TaskMatcher.match(
            predicted: predicted.tasks.map { ScoringText.words($0.text) },
            gold: gold.tasks.map { ScoringText.words($0.text) })

        var counts = ScoreCounts()
        counts.predictedTasks = predicted.tasks.count
        counts.goldTasks = gold.tasks.count
        counts.matchedTasks = pairs.count

        var matches: [TaskMatch] = []
        matches.reserveCapacity(pairs.count)
        var predictedUsed = [Bool](repeating: false, count: predicted.tasks.count)
        var goldUsed = [Bool](repeating: false, count: gold.tasks.count)
        for pair in pairs.sorted(by: { $0.gold < $1.gold }) {
            predictedUsed[pair.predicted] = true
            goldUsed[pair.gold] = true
            let p = predicted.tasks[pair.predicted]
            let g = gold.tasks[pair.gold]
            let predictedSupport = ScoringText.nameSet(p.support)
            let goldSupport = ScoringText.nameSet(g.support)
            let support = SetCounts(predicted: predictedSupport, gold: goldSupport)
            let match = TaskMatch(
                predictedIndex: pair.predicted, goldIndex: pair.gold,
                predicted: p, gold: g,
                overlap: pair.union == 0 ? 1 : Double(pair.intersection) / Double(pair.union),
                leadEqual: ScoringText.nameSet(p.lead) == ScoringText.nameSet(g.lead),
                supportEqual: predictedSupport == goldSupport,
                dueEqual: DocumentScore.dueAgrees(p.due, g.due))
            counts.support += support
            if match.leadEqual { counts.leadEqual += 1 }
            if match.dueEqual { counts.dueEqual += 1 }
            matches.append(match)
        }

        var fieldDifferences: [FieldDifference] = []
        for field in DocumentField.allCases {
            let p = field.value(in: predicted.document)
            let g = field.value(in: gold.document)
            counts.fieldsTotal += 1
            if p == g {
                counts.fieldsEqual += 1
            } else {
                fieldDifferences.append(FieldDifference(field: field, predicted: p, gold: g))
            }
        }

        let predictedReferences = ScoringText.uniqueNames(predicted.document.references)
        let goldReferences = ScoringText.uniqueNames(gold.document.references)
        let predictedReferenceSet = Set(predictedReferences)
        let goldReferenceSet = Set(goldReferences)
        counts.references = SetCounts(predicted: predictedReferenceSet, gold: goldReferenceSet)

        return DocumentScore(
            counts: counts,
            fieldDifferences: fieldDifferences,
            missed: gold.tasks.indices.filter { !goldUsed[$0] }.map { gold.tasks[$0] },
            extra: predicted.tasks.indices.filter { !predictedUsed[$0] }.map { predicted.tasks[$0] },
            matches: matches,
            missedReferences: goldReferences.filter { !predictedReferenceSet.contains($0) },
            extraReferences: predictedReferences.filter { !goldReferenceSet.contains($0) })
    }

    /// Whether two deadlines agree for scoring: both `nil`, or the same kind with the same
    /// `date`, `start`, `end`, `every`, `count` and `unit`. The recurring `day`, the relative
    /// `after` event and the `text` span are not compared (corpus README, "Scoring" 4).
    public static func dueAgrees(_ predicted: Due?, _ gold: Due?) -> Bool {
        switch (predicted?.rule, gold?.rule) {
        case (nil, nil):
            return true
        case (.date(let a)?, .date(let b)?):
            return a == b
        case (.period(let startA, let endA)?, .period(let startB, let endB)?):
            return startA == startB && endA == endB
        case (.from(let a)?, .from(let b)?):
            return a == b
        case (.recurring(let everyA, _)?, .recurring(let everyB, _)?):
            return everyA == everyB
        case (.relative(let countA, let unitA, _)?, .relative(let countB, let unitB, _)?):
            return countA == countB && unitA == unitB
        case (.continuing?, .continuing?):
            return true
        default:
            return false
        }
    }
}

/// The counts behind the six figures of a document or of a whole corpus; adding counts
/// micro-averages.
public struct ScoreCounts: Sendable, Equatable {
    /// Tasks in the prediction.
    public var predictedTasks = 0
    /// Tasks in the gold file.
    public var goldTasks = 0
    /// Matched (predicted, gold) pairs.
    public var matchedTasks = 0
    /// Matched pairs whose lead sets are equal.
    public var leadEqual = 0
    /// Matched pairs whose deadlines agree.
    public var dueEqual = 0
    /// Support names over all matched pairs.
    public var support = SetCounts()
    /// Document fields that are equal.
    public var fieldsEqual = 0
    /// Document fields compared (nine per document).
    public var fieldsTotal = 0
    /// Cited references.
    public var references = SetCounts()

    public init() {}

    /// Task matching as true positives (matched pairs), false positives (unmatched predicted
    /// tasks) and false negatives (unmatched gold tasks).
    public var tasks: SetCounts {
        SetCounts(
            truePositives: matchedTasks, falsePositives: predictedTasks - matchedTasks,
            falseNegatives: goldTasks - matchedTasks)
    }

    /// The six figures.
    ///
    /// Edge cases: an F1 with nothing predicted and nothing in gold is 1 (see ``SetCounts/f1``).
    /// The lead and deadline accuracies and the support F1 are over matched pairs; with no
    /// matched pair they are 0 when there were gold tasks and 1 when there were none. The
    /// document accuracy of no fields is 1.
    public var figures: ScoreFigures {
        ScoreFigures(
            taskF1: tasks.f1,
            leadAccuracy: shareOfMatched(leadEqual),
            dueAccuracy: shareOfMatched(dueEqual),
            supportF1: matchedTasks == 0 ? noPairsValue : support.f1,
            documentAccuracy: fieldsTotal == 0 ? 1 : Double(fieldsEqual) / Double(fieldsTotal),
            referencesF1: references.f1)
    }

    private var noPairsValue: Double { goldTasks == 0 ? 1 : 0 }

    private func shareOfMatched(_ agreeing: Int) -> Double {
        matchedTasks == 0 ? noPairsValue : Double(agreeing) / Double(matchedTasks)
    }

    /// The sum of two counts.
    public static func + (a: ScoreCounts, b: ScoreCounts) -> ScoreCounts {
        var sum = ScoreCounts()
        sum.predictedTasks = a.predictedTasks + b.predictedTasks
        sum.goldTasks = a.goldTasks + b.goldTasks
        sum.matchedTasks = a.matchedTasks + b.matchedTasks
        sum.leadEqual = a.leadEqual + b.leadEqual
        sum.dueEqual = a.dueEqual + b.dueEqual
        sum.support = a.support + b.support
        sum.fieldsEqual = a.fieldsEqual + b.fieldsEqual
        sum.fieldsTotal = a.fieldsTotal + b.fieldsTotal
        sum.references = a.references + b.references
        return sum
    }

    /// Adds `b` to `a`.
    public static func += (a: inout ScoreCounts, b: ScoreCounts) { a = a + b }
}

/// True positives, false positives and false negatives of a set comparison.
public struct SetCounts: Sendable, Equatable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
    }

    /// Compares a predicted set with a gold set.
    public init(predicted: Set<String>, gold: Set<String>) {
        let common = predicted.intersection(gold).count
        self.init(
            truePositives: common, falsePositives: predicted.count - common,
            falseNegatives: gold.count - common)
    }

    /// tp / (tp + fp); with nothing predicted, 1 when gold is empty too, else 0.
    public var precision: Double {
        let predicted = truePositives + falsePositives
        if predicted == 0 { return falseNegatives == 0 ? 1 : 0 }
        return Double(truePositives) / Double(predicted)
    }

    /// tp / (tp + fn); with nothing in gold, 1 when nothing was predicted either, else 0.
    public var recall: Double {
        let gold = truePositives + falseNegatives
        if gold == 0 { return falsePositives == 0 ? 1 : 0 }
        return Double(truePositives) / Double(gold)
    }

    /// 2·tp / (2·tp + fp + fn), the harmonic mean of precision and recall; 1 when there is
    /// nothing at all (no prediction, no gold), 0 when there is something but no true positive.
    public var f1: Double {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        if denominator == 0 { return 1 }
        return Double(2 * truePositives) / Double(denominator)
    }

    /// The sum of two counts.
    public static func + (a: SetCounts, b: SetCounts) -> SetCounts {
        SetCounts(
            truePositives: a.truePositives + b.truePositives,
            falsePositives: a.falsePositives + b.falsePositives,
            falseNegatives: a.falseNegatives + b.falseNegatives)
    }

    /// Adds `b` to `a`.
    public static func += (a: inout SetCounts, b: SetCounts) { a = a + b }
}

/// A predicted task matched to a gold task, and whether they agree.
public struct TaskMatch: Sendable, Equatable {
    /// The position of the predicted task in the prediction's `tasks`.
    public var predictedIndex: Int
    /// The position of the gold task in the gold file's `tasks`.
    public var goldIndex: Int
    public var predicted: Assignment
    public var gold: Assignment
    /// The Jaccard overlap of their word sets (≥ 0.5).
    public var overlap: Double
    /// Whether their lead sets are equal.
    public var leadEqual: Bool
    /// Whether their support sets are equal.
    public var supportEqual: Bool
    /// Whether their deadlines agree (``DocumentScore/dueAgrees(_:_:)``).
    public var dueEqual: Bool
}

/// The document fields scored by equality (corpus README, "Scoring" 5).
public enum DocumentField: String, Sendable, CaseIterable {
    case kind, number, symbol, place, issued
    case meetingDate = "meeting.date"
    case meetingChair = "meeting.chair"
    case reportDue = "report_due"
    case signerName = "signer.name"

    /// The field's value as compared: text normalised, dates as `YYYY-MM-DD`; `nil` when absent
    /// (both meeting fields are `nil` when the meeting is).
    public func value(in header: NoticeHeader) -> String? {
        switch self {
        case .kind: ScoringText.normalized(header.kind)
        case .number: header.number.map(ScoringText.normalized)
        case .symbol: header.symbol.map(ScoringText.normalized)
        case .place: header.place.map(ScoringText.normalized)
        case .issued: header.issued.map(ScoringText.normalized)
        case .meetingDate: header.meeting?.date?.iso
        case .meetingChair: header.meeting?.chair.map(ScoringText.normalized)
        case .reportDue: header.reportDue?.iso
        case .signerName: header.signer.name.map(ScoringText.normalized)
        }
    }
}

/// A document field whose predicted and gold values differ (values as compared).
public struct FieldDifference: Sendable, Equatable {
    public var field: DocumentField
    public var predicted: String?
    public var gold: String?

    public init(field: DocumentField, predicted: String?, gold: String?) {
        self.field = field
        self.predicted = predicted
        self.gold = gold
    }
}

/// The one place scoring normalises text, so every comparison folds the same way.
public enum ScoringText {
    /// Unicode NFC, lower-cased, every run of white space folded to one space, and the ends
    /// trimmed. Diacritics are kept: in Vietnamese they tell words apart.
    public static func normalized(_ text: String) -> String {
        let folded = text.lowercased().precomposedStringWithCanonicalMapping
        var result = ""
        result.reserveCapacity(folded.utf8.count)
        var pendingSpace = false
        for character in folded {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result
    }

    /// The set of maximal runs of letters and digits (`isLetter || isNumber`) of the normalised
    /// text.
    public static func words(_ text: String) -> Set<String> {
        var words = Set<String>()
        var current = ""
        for character in normalized(text) {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                words.insert(current)
                current = ""
            }
        }
        if !current.isEmpty { words.insert(current) }
        return words
    }

    /// The set of normalised names (units of `lead` / `support`).
    public static func nameSet(_ names: [String]) -> Set<String> {
        Set(names.map(normalized))
    }

    /// The normalised names in order of first appearance, without duplicates.
    static func uniqueNames(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.map(normalized).filter { seen.insert($0).inserted }
    }
}

/// The greedy task matching of the scorer: candidates by Jaccard overlap ≥ 0.5, highest overlap
/// first, each task at most once.
enum TaskMatcher {
    /// A candidate or matched pair: indices into the predicted and gold task lists and the sizes
    /// behind their overlap (`intersection / union`; 0 / 0 for two tasks with no words).
    struct Pair: Equatable {
        var predicted: Int
        var gold: Int
        var intersection: Int
        var union: Int
    }

    /// Matches predicted to gold word sets; the result is in no particular order.
    static func match(predicted: [Set<String>], gold: [Set<String>]) -> [Pair] {
        // Sets with no words overlap only each other (with overlap 1), so they pair off apart, in
        // order, as the greedy tie-break (gold index, then predicted index) would pair them.
        let emptyPredicted = predicted.indices.filter { predicted[$0].isEmpty }
        let emptyGold = gold.indices.filter { gold[$0].isEmpty }
        var matched = zip(emptyGold, emptyPredicted).map {
            Pair(predicted: $1, gold: $0, intersection: 0, union: 0)
        }

        var candidates = candidatePairs(predicted: predicted, gold: gold)
        candidates.sort { a, b in
            // a.intersection / a.union > b.intersection / b.union, exactly.
            let left = a.intersection * b.union
            let right = b.intersection * a.union
            if left != right { return left > right }
            if a.gold != b.gold { return a.gold < b.gold }
            return a.predicted < b.predicted
        }
        var predictedUsed = [Bool](repeating: false, count: predicted.count)
        var goldUsed = [Bool](repeating: false, count: gold.count)
        for pair in candidates where !predictedUsed[pair.predicted] && !goldUsed[pair.gold] {
            predictedUsed[pair.predicted] = true
            goldUsed[pair.gold] = true
            matched.append(pair)
        }
        return matched
    }

    /// Every pair of non-empty sets whose Jaccard overlap is at least 0.5.
    ///
    /// Uses prefix filtering (Bayardo et al., "Scaling up all pairs similarity search", 2007):
    /// with the words of every set in one global order, two sets with overlap ≥ t share a word
    /// among the first |s| − ⌈t·|s|⌉ + 1 words of each, so only those prefixes are indexed and
    /// probed. Rare words come first to keep the posting lists short. Pairs whose sizes alone rule
    /// out 0.5 (the smaller less than half the larger) are skipped before the exact count.
    static func candidatePairs(predicted: [Set<String>], gold: [Set<String>]) -> [Pair] {
        var frequency: [String: Int] = [:]
        for set in predicted { for word in set { frequency[word, default: 0] += 1 } }
        for set in gold { for word in set { frequency[word, default: 0] += 1 } }
        let order = frequency.keys.sorted { a, b in
            let fa = frequency[a]!
            let fb = frequency[b]!
            return fa != fb ? fa < fb : a < b
        }
        var rank: [String: Int] = [:]
        rank.reserveCapacity(order.count)
        for (position, word) in order.enumerated() { rank[word] = position }

        func ranked(_ set: Set<String>) -> [Int] { set.map { rank[$0]! }.sorted() }
        let predictedWords = predicted.map(ranked)
        let goldWords = gold.map(ranked)

        // ⌈|s|/2⌉ words must be shared, so the prefix is |s| − ⌈|s|/2⌉ + 1 = |s|/2 + 1 words.
        func prefixLength(_ count: Int) -> Int { min(count, count / 2 + 1) }

        var postings = [[Int]](repeating: [], count: order.count)
        for (g, words) in goldWords.enumerated() {
            for word in words.prefix(prefixLength(words.count)) { postings[word].append(g) }
        }

        var pairs: [Pair] = []
        var lastProbe = [Int](repeating: -1, count: gold.count)
        for (p, words) in predictedWords.enumerated() where !words.isEmpty {
            for word in words.prefix(prefixLength(words.count)) {
                for g in postings[word] where lastProbe[g] != p {
                    lastProbe[g] = p
                    let other = goldWords[g]
                    let smaller = min(words.count, other.count)
                    let larger = max(words.count, other.count)
                    if 2 * smaller < larger { continue }
                    let common = intersectionCount(words, other)
                    let union = words.count + other.count - common
                    if 2 * common >= union {
                        pairs.append(Pair(predicted: p, gold: g, intersection: common, union: union))
                    }
                }
            }
        }
        return pairs
    }

    /// The number of values two ascending arrays share.
    static func intersectionCount(_ a: [Int], _ b: [Int]) -> Int {
        var i = 0
        var j = 0
        var count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                count += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }
}
