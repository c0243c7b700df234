import Deadlines
import Foundation
import Testing

@testable import Extraction

/// The scorer against the corpus README's "Scoring" rules.
@Suite struct ScoringTests {
    // MARK: Tasks

    @Test func identicalExtractionScoresOneEverywhere() {
        let gold = extraction(tasks: [
            task("Trình tham mưu phương án tự chủ", lead: ["Văn phòng"], support: ["Phòng KHTC"], due: date("2021-08-15")),
            task("Tổ chức hội nghị tổng kết năm", lead: ["*"], due: period("2021-12-01", "2021-12-31")),
            task("Rà soát lại tất cả các văn bản"),
        ])

        let score = DocumentScore.score(predicted: gold, gold: gold)

        #expect(score.figures == allOnes)
        #expect(score.counts.matchedTasks == 3)
        #expect(score.counts.fieldsEqual == 9 && score.counts.fieldsTotal == 9)
        #expect(score.missed.isEmpty && score.extra.isEmpty && score.differing.isEmpty)
    }

    @Test func missingTaskLowersRecallByItsShare() {
        let gold = extraction(tasks: [
            task("Xây dựng kế hoạch chuyển đổi số năm 2022"),
            task("Tổ chức kiểm tra cơ sở sản xuất kinh doanh"),
            task("Báo cáo kết quả thực hiện nhiệm vụ quý III"),
            task("Hoàn thiện hồ sơ đề tài khoa học cấp tỉnh"),
        ])
        var predicted = gold
        predicted.tasks.remove(at: 2)

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.tasks == SetCounts(truePositives: 3, falsePositives: 0, falseNegatives: 1))
        #expect(score.counts.tasks.recall == 0.75)
        #expect(score.counts.tasks.precision == 1)
        #expect(score.figures.taskF1 == 6.0 / 7.0)
        #expect(score.missed == [gold.tasks[2]])
        #expect(score.extra.isEmpty)
    }

    @Test func extraTaskLowersPrecision() {
        let gold = extraction(tasks: [task("Tổ chức kiểm tra cơ sở sản xuất")])
        var predicted = gold
        predicted.tasks.append(task("Nay thông báo để các đơn vị biết và triển khai thực hiện"))

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.tasks.precision == 0.5)
        #expect(score.counts.tasks.recall == 1)
        #expect(score.figures.taskF1 == 2.0 / 3.0)
        #expect(score.extra == [predicted.tasks[1]])
    }

    struct OverlapCase: CustomTestStringConvertible, Sendable {
        var predicted: String
        var gold: String
        var matches: Bool
        var testDescription: String { "\(predicted) ~ \(gold)" }
    }

    @Test(arguments: [
        // 2 shared of 4 distinct words: exactly 0.5 is a match.
        OverlapCase(predicted: "a b", gold: "a b c d", matches: true),
        OverlapCase(predicted: "a b c d", gold: "a b", matches: true),
        // 3 of 6: exactly 0.5.
        OverlapCase(predicted: "một hai ba bốn năm sáu", gold: "một hai ba", matches: true),
        // 2 of 5 and 3 of 7: just below.
        OverlapCase(predicted: "a b", gold: "a b c d e", matches: false),
        OverlapCase(predicted: "một hai ba bốn năm sáu bảy", gold: "một hai ba", matches: false),
        // 4 of 7 (0.57): above.
        OverlapCase(predicted: "a b c d e", gold: "a b c d f g", matches: true),
        // Punctuation and repeated words do not count.
        OverlapCase(predicted: "a, a; b.", gold: "(a) b - c - d", matches: true),
    ])
    func jaccardThreshold(_ c: OverlapCase) {
        let score = DocumentScore.score(
            predicted: extraction(tasks: [task(c.predicted)]),
            gold: extraction(tasks: [task(c.gold)]))

        #expect(score.counts.matchedTasks == (c.matches ? 1 : 0))
    }

    @Test func greedyTakesHighestOverlapFirst() {
        // P0 = G0 exactly (1.0), P0 ~ G1 (4/6), P1 ~ G0 (4/6), P1 ~ G1 (3/7, no candidate).
        // Highest first gives P0–G0 and leaves P1 and G1 unmatched, although P0–G1 and P1–G0
        // would have matched both.
        let gold = extraction(tasks: [task("a b c d e"), task("a b c d x")])
        let predicted = extraction(tasks: [task("a b c d e"), task("a b c e y")])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.matches.map { [$0.predictedIndex, $0.goldIndex] } == [[0, 0]])
        #expect(score.matches.first?.overlap == 1)
        #expect(score.missed == [gold.tasks[1]])
        #expect(score.extra == [predicted.tasks[1]])
    }

    @Test func greedyPrefersHigherOverlapOverEarlierGold() {
        // P0 ~ G0 is 4/6, P0 ~ G1 is 1.0: G1 wins although G0 comes first.
        let gold = extraction(tasks: [task("a b c d x"), task("a b c d e")])
        let predicted = extraction(tasks: [task("a b c d e")])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.matches.map { [$0.predictedIndex, $0.goldIndex] } == [[0, 1]])
    }

    @Test func tiesGoToLowerGoldThenLowerPredictedIndex() {
        let gold = extraction(tasks: [task("a b"), task("a b")])
        let predicted = extraction(tasks: [task("a b"), task("a b"), task("a b")])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.matches.map { [$0.predictedIndex, $0.goldIndex] } == [[0, 0], [1, 1]])
        #expect(score.extra.count == 1)
    }

    @Test func textAndNamesIgnoreCaseNormalFormAndWhiteSpace() {
        let gold = extraction(tasks: [
            task("Phòng Quản lý khoa học chủ trì triển khai", lead: ["Phòng Quản lý khoa học"], support: ["Văn phòng"])
        ])
        let predicted = extraction(tasks: [
            task(
                nfd("PHÒNG QUẢN LÝ KHOA HỌC\n  chủ trì   triển khai"), lead: [nfd(" phòng quản lý  KHOA HỌC ")],
                support: [nfd("VĂN PHÒNG")])
        ])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.matchedTasks == 1)
        #expect(score.matches.first?.overlap == 1)
        #expect(score.figures == allOnes)
    }

    @Test func diacriticsStillTellWordsApart() {
        // "bản" and "ban" are different words: 3 shared of 4.
        let gold = extraction(tasks: [task("ban hành bản kế")])
        let predicted = extraction(tasks: [task("ban hành ban kế")])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.matches.first?.overlap == 0.75)
    }

    // MARK: Lead, support, deadline

    @Test func wrongLeadIsCountedPerMatchedPair() {
        let gold = extraction(tasks: [
            task("Tổ chức kiểm tra cơ sở", lead: ["Thanh tra"]),
            task("Xây dựng kế hoạch chuyển đổi số", lead: ["Văn phòng", "Phòng KHTC"]),
            task("Hoàn thiện hồ sơ đề tài", lead: ["*"]),
        ])
        var predicted = gold
        predicted.tasks[0].lead = ["Phòng QLKH"]
        predicted.tasks[1].lead = ["Phòng KHTC", "Văn phòng", "Văn phòng"]  // same set

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.leadEqual == 2)
        #expect(score.figures.leadAccuracy == 2.0 / 3.0)
        #expect(score.differing.map(\.goldIndex) == [0])
        #expect(score.figures.taskF1 == 1)
    }

    @Test func supportIsMicroAveragedOverMatchedPairs() {
        let gold = extraction(tasks: [
            task("Tổ chức kiểm tra cơ sở", support: ["Sở Tài chính", "Công an tỉnh"]),
            task("Xây dựng kế hoạch chuyển đổi số", support: []),
            task("Hoàn thiện hồ sơ đề tài", support: ["Văn phòng"]),
        ])
        var predicted = gold
        predicted.tasks[0].support = ["Sở Tài chính", "Đài truyền hình"]  // tp 1, fp 1, fn 1
        predicted.tasks[1].support = ["Văn phòng"]  // fp 1
        predicted.tasks[2].support = []  // fn 1

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.support == SetCounts(truePositives: 1, falsePositives: 2, falseNegatives: 2))
        #expect(score.figures.supportF1 == 2.0 / 6.0)
        #expect(score.differing.count == 3)
        #expect(score.figures.leadAccuracy == 1)
    }

    @Test func supportOfPairsThatAllHaveNoneIsPerfect() {
        let gold = extraction(tasks: [task("Tổ chức kiểm tra cơ sở")])

        let score = DocumentScore.score(predicted: gold, gold: gold)

        #expect(score.counts.support == SetCounts())
        #expect(score.figures.supportF1 == 1)
    }

    struct DueCase: CustomTestStringConvertible, Sendable {
        var name: String
        var predicted: Due?
        var gold: Due?
        var agrees: Bool
        var testDescription: String { name }
    }

    @Test(arguments: [
        DueCase(name: "both null", predicted: nil, gold: nil, agrees: true),
        DueCase(name: "null vs date", predicted: nil, gold: date("2021-08-15"), agrees: false),
        DueCase(name: "date vs null", predicted: date("2021-08-15"), gold: nil, agrees: false),
        DueCase(name: "same date, other text", predicted: date("2021-08-15", "trước 15/8"), gold: date("2021-08-15", "hoàn tất trước 15/8"), agrees: true),
        DueCase(name: "other date", predicted: date("2021-08-16"), gold: date("2021-08-15"), agrees: false),
        DueCase(name: "date vs period ending that day", predicted: date("2021-08-31"), gold: period("2021-08-01", "2021-08-31"), agrees: false),
        DueCase(name: "same period", predicted: period("2020-12-01", "2020-12-31"), gold: period("2020-12-01", "2020-12-31"), agrees: true),
        DueCase(name: "period, other start", predicted: period("2020-10-01", "2020-12-31"), gold: period("2020-12-01", "2020-12-31"), agrees: false),
        DueCase(name: "same from", predicted: Due(.from(start: day("2021-01-01")), text: ""), gold: Due(.from(start: day("2021-01-01")), text: "từ năm 2021"), agrees: true),
        DueCase(name: "recurring, other day", predicted: Due(.recurring(every: .month, day: 20), text: ""), gold: Due(.recurring(every: .month, day: nil), text: ""), agrees: true),
        DueCase(name: "recurring, other every", predicted: Due(.recurring(every: .quarter, day: nil), text: ""), gold: Due(.recurring(every: .month, day: nil), text: ""), agrees: false),
        DueCase(name: "relative, other after", predicted: Due(.relative(count: 7, unit: .workingDay, after: "khi nhận hồ sơ"), text: ""), gold: Due(.relative(count: 7, unit: .workingDay, after: "kể từ khi nhận được hồ sơ hợp lệ"), text: ""), agrees: true),
        DueCase(name: "relative, other unit", predicted: Due(.relative(count: 7, unit: .day, after: ""), text: ""), gold: Due(.relative(count: 7, unit: .workingDay, after: ""), text: ""), agrees: false),
        DueCase(name: "relative, other count", predicted: Due(.relative(count: 3, unit: .day, after: ""), text: ""), gold: Due(.relative(count: 7, unit: .day, after: ""), text: ""), agrees: false),
        DueCase(name: "continuing", predicted: Due(.continuing, text: "liên tục"), gold: Due(.continuing, text: "thường xuyên"), agrees: true),
        DueCase(name: "continuing vs recurring", predicted: Due(.continuing, text: ""), gold: Due(.recurring(every: .year, day: nil), text: ""), agrees: false),
    ])
    func deadlineAgreement(_ c: DueCase) {
        let gold = extraction(tasks: [task("Tổ chức kiểm tra cơ sở", due: c.gold)])
        let predicted = extraction(tasks: [task("Tổ chức kiểm tra cơ sở", due: c.predicted)])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.dueEqual == (c.agrees ? 1 : 0))
        #expect(score.figures.dueAccuracy == (c.agrees ? 1 : 0))
        #expect(score.differing.isEmpty == c.agrees)
    }

    // MARK: Document fields and references

    struct FieldCase: CustomTestStringConvertible, Sendable {
        var field: DocumentField
        var change: @Sendable (inout NoticeHeader) -> Void
        var testDescription: String { field.rawValue }
    }

    @Test(arguments: [
        FieldCase(field: .kind) { $0.kind = "ke-hoach" },
        FieldCase(field: .number) { $0.number = nil },
        FieldCase(field: .symbol) { $0.symbol = "SKHCN" },
        FieldCase(field: .place) { $0.place = "Nghệ Tĩnh" },
        FieldCase(field: .issued) { $0.issued = "2021-08" },
        FieldCase(field: .meetingDate) { $0.meeting?.date = day("2021-08-10") },
        FieldCase(field: .meetingChair) { $0.meeting?.chair = "Trần Quốc" },
        FieldCase(field: .reportDue) { $0.reportDue = nil },
        FieldCase(field: .signerName) { $0.signer.name = "" },
    ])
    func eachDocumentFieldCountsOnce(_ c: FieldCase) {
        let gold = extraction(header: fullHeader)
        var predicted = gold
        c.change(&predicted.document)

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.fieldsEqual == 8)
        #expect(score.counts.fieldsTotal == 9)
        #expect(score.figures.documentAccuracy == 8.0 / 9.0)
        #expect(score.fieldDifferences.map(\.field) == [c.field])
    }

    @Test func unscoredFieldsDoNotCount() {
        let gold = extraction(header: fullHeader)
        var predicted = gold
        predicted.document.title = "KHÁC"
        predicted.document.signer.position = "GIÁM ĐỐC"
        predicted.document.recipients = []
        predicted.document.period = nil

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.figures.documentAccuracy == 1)
    }

    @Test func documentFieldsIgnoreCaseAndNormalForm() {
        var header = fullHeader
        header.place = nfd("NGHỆ  AN")
        header.signer.name = nfd("trần văn quang")
        let gold = extraction(header: fullHeader)

        let score = DocumentScore.score(predicted: extraction(header: header), gold: gold)

        #expect(score.figures.documentAccuracy == 1)
    }

    @Test func nullMeetingMeansNullMeetingFields() {
        var noMeeting = fullHeader
        noMeeting.meeting = nil
        var emptyMeeting = fullHeader
        emptyMeeting.meeting = Meeting()
        var dateOnly = fullHeader
        dateOnly.meeting = Meeting(date: day("2021-08-09"))

        let same = DocumentScore.score(predicted: extraction(header: noMeeting), gold: extraction(header: emptyMeeting))
        let differs = DocumentScore.score(predicted: extraction(header: noMeeting), gold: extraction(header: dateOnly))

        #expect(same.counts.fieldsEqual == 9)
        #expect(differs.fieldDifferences == [FieldDifference(field: .meetingDate, predicted: nil, gold: "2021-08-09")])
    }

    @Test func referencesAreASetComparedWithoutCase() {
        var goldHeader = fullHeader
        goldHeader.references = ["60/2021/NĐ-CP", "57-NQ/TW", "03/2016/QĐ-UBND"]
        var predictedHeader = fullHeader
        predictedHeader.references = [nfd("60/2021/nđ-cp"), "57-nq/tw", "57-NQ/TW", "1703/QĐ-TTg"]

        let score = DocumentScore.score(predicted: extraction(header: predictedHeader), gold: extraction(header: goldHeader))

        #expect(score.counts.references == SetCounts(truePositives: 2, falsePositives: 1, falseNegatives: 1))
        #expect(score.figures.referencesF1 == 4.0 / 6.0)
        #expect(score.missedReferences == ["03/2016/qđ-ubnd"])
        #expect(score.extraReferences == ["1703/qđ-ttg"])
    }

    // MARK: Edge cases and the corpus

    @Test func nothingPredictedAgainstGold() {
        var header = fullHeader
        header.references = ["60/2021/NĐ-CP"]
        let gold = extraction(tasks: [task("Tổ chức kiểm tra cơ sở")], header: header)

        let score = DocumentScore.score(predicted: NoticeExtraction(source: "x.txt"), gold: gold)

        #expect(score.figures.taskF1 == 0)
        #expect(score.figures.leadAccuracy == 0)
        #expect(score.figures.dueAccuracy == 0)
        #expect(score.figures.supportF1 == 0)
        #expect(score.figures.referencesF1 == 0)
        #expect(score.missed == gold.tasks)
    }

    @Test func emptyAgainstEmptyIsPerfect() {
        let empty = NoticeExtraction(source: "x.txt")

        #expect(DocumentScore.score(predicted: empty, gold: empty).figures == allOnes)
        #expect(CorpusScore().figures == allOnes)
    }

    @Test func tasksPredictedWhereGoldHasNone() {
        let predicted = extraction(tasks: [task("Tổ chức kiểm tra cơ sở")])

        let score = DocumentScore.score(predicted: predicted, gold: extraction())

        #expect(score.figures.taskF1 == 0)
        #expect(score.figures.leadAccuracy == 1)
        #expect(score.figures.supportF1 == 1)
    }

    @Test func tasksWithoutWordsMatchEachOtherOnly() {
        let gold = extraction(tasks: [task("-"), task("Tổ chức kiểm tra")])
        let predicted = extraction(tasks: [task("Tổ chức kiểm tra"), task("")])

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.matches.map { [$0.predictedIndex, $0.goldIndex] } == [[1, 0], [0, 1]])
    }

    @Test func corpusIsMicroAveraged() {
        let one = extraction(tasks: [task("Tổ chức kiểm tra cơ sở", lead: ["Thanh tra"])])
        let three = extraction(tasks: [task("Xây dựng kế hoạch"), task("Hoàn thiện hồ sơ"), task("Báo cáo kết quả")])
        let perfect = DocumentScore.score(predicted: one, gold: one)
        let allMissed = DocumentScore.score(predicted: extraction(), gold: three)

        let corpus = CorpusScore([perfect, allMissed])

        #expect(corpus.documents == 2)
        #expect(corpus.counts.tasks == SetCounts(truePositives: 1, falsePositives: 0, falseNegatives: 3))
        #expect(corpus.figures.taskF1 == 2.0 / 5.0)
        #expect(corpus.figures.leadAccuracy == 1)  // 1 of 1 matched pair; a macro mean would say 0.5
        #expect(corpus.figures.documentAccuracy == 1)
    }

    @Test func totalLineHasTheReportShape() {
        let gold = extraction(tasks: [task("a b c"), task("d e f")])
        let predicted = extraction(tasks: [task("a b c")])

        let corpus = CorpusScore([DocumentScore.score(predicted: predicted, gold: gold)])

        #expect(
            corpus.totalLine
                == "TOTAL task_f1=0.667 lead_acc=1.000 due_acc=1.000 support_f1=1.000 doc_acc=1.000 refs_f1=1.000")
    }

    @Test func everyGoldFileDecodesAndScoresOneAgainstItself() throws {
        let files = try FileManager.default.contentsOfDirectory(at: goldDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count >= 9)

        var corpus = CorpusScore()
        for file in files {
            let gold = try JSONDecoder().decode(NoticeExtraction.self, from: Data(contentsOf: file))
            #expect(!gold.tasks.isEmpty, "\(file.lastPathComponent) has no tasks")

            let score = DocumentScore.score(predicted: gold, gold: gold)

            #expect(score.figures == allOnes, "\(file.lastPathComponent)")
            #expect(score.counts.matchedTasks == gold.tasks.count, "\(file.lastPathComponent)")
            corpus.add(score)
        }
        #expect(corpus.figures == allOnes)
        #expect(corpus.totalLine.hasSuffix("=1.000 doc_acc=1.000 refs_f1=1.000"))
    }

    // MARK: Matching at scale

    @Test func matcherAgreesWithBruteForce() {
        var random = SplitMix64(seed: 2024)
        let vocabulary = (0..<12).map { "w\($0)" }
        for _ in 0..<200 {
            let predicted = (0..<Int(random.next() % 8)).map { _ in randomSet(vocabulary, &random) }
            let gold = (0..<Int(random.next() % 8)).map { _ in randomSet(vocabulary, &random) }

            let fast = TaskMatcher.match(predicted: predicted, gold: gold)

            let expected = bruteForceMatch(predicted: predicted, gold: gold)
            #expect(
                fast.sorted(by: { ($0.gold, $0.predicted) < ($1.gold, $1.predicted) })
                    == expected.sorted(by: { ($0.gold, $0.predicted) < ($1.gold, $1.predicted) }))
        }
    }

    @Test func thousandsOfTasksMatchQuickly() {
        // 4,000 tasks of 10 to 40 words: a third from a template vocabulary every task shares,
        // the rest drawn from 3,000 words, frequent ones more often, as in a long plan.
        var random = SplitMix64(seed: 7)
        let template = ["phòng", "chủ", "trì", "phối", "hợp", "các", "đơn", "vị", "triển", "khai", "thực", "hiện"]
        let gold = extraction(tasks: (0..<4_000).map { _ in
            let words = (0..<(10 + Int(random.next() % 30))).map { _ in
                if random.next() % 3 == 0 { return template[Int(random.next() % UInt64(template.count))] }
                return "từ\(random.next() % (random.next() % 3_000 + 1))"
            }
            return task(words.joined(separator: " "))
        })
        let predicted = extraction(tasks: gold.tasks.reversed())

        let clock = ContinuousClock()
        var score: DocumentScore?
        let elapsed = clock.measure { score = DocumentScore.score(predicted: predicted, gold: gold) }

        #expect(score?.counts.matchedTasks == 4_000)
        #expect(score?.matches.allSatisfy { $0.overlap == 1 } == true)
        // Comparing all 16 million pairs as sets takes minutes in a debug build.
        #expect(elapsed < .seconds(30))
    }

    @Test func nearDuplicatesAreAllCandidatesAndStillMatchOneToOne() {
        // Every pair overlaps ≥ 0.5 (15 shared words of 19 or 22): the matcher's worst case.
        let gold = extraction(tasks: (0..<600).map { i in
            task("Phòng \(i % 7) chủ trì phối hợp các đơn vị triển khai nhiệm vụ số n\(i) mục m\(i) ý y\(i)")
        })
        let predicted = extraction(tasks: gold.tasks.reversed())

        let score = DocumentScore.score(predicted: predicted, gold: gold)

        #expect(score.counts.matchedTasks == 600)
        #expect(score.matches.allSatisfy { $0.overlap == 1 && $0.predictedIndex == 599 - $0.goldIndex })
    }
}

// MARK: - Helpers

private let allOnes = ScoreFigures(
    taskF1: 1, leadAccuracy: 1, dueAccuracy: 1, supportF1: 1, documentAccuracy: 1, referencesF1: 1)

/// `Tests/Corpus/gold` of the root package.
private let goldDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ExtractionTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // Core
    .deletingLastPathComponent()  // the root package
    .appendingPathComponent("Tests/Corpus/gold")

private let fullHeader: NoticeHeader = {
    var header = NoticeHeader()
    header.kind = "thong-bao"
    header.number = "709"
    header.symbol = "SKHCN-VP"
    header.place = "Nghệ An"
    header.issued = "2021-08-10"
    header.meeting = Meeting(date: day("2021-08-09"), chair: "Trần Quốc Thành")
    header.reportDue = day("2021-08-31")
    header.signer = Signer(name: "Trần Văn Quang", position: "CHÁNH VĂN PHÒNG", authority: "TL. GIÁM ĐỐC")
    return header
}()

private func extraction(tasks: [Assignment] = [], header: NoticeHeader = NoticeHeader()) -> NoticeExtraction {
    NoticeExtraction(source: "test.txt", document: header, tasks: tasks)
}

private func task(_ text: String, lead: [String] = [], support: [String] = [], due: Due? = nil) -> Assignment {
    Assignment(section: "", text: text, lead: lead, support: support, due: due)
}

private func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso)! }

private func date(_ iso: String, _ text: String = "") -> Due { Due(.date(day(iso)), text: text) }

private func period(_ start: String, _ end: String) -> Due {
    Due(.period(start: day(start), end: day(end)), text: "")
}

private func nfd(_ text: String) -> String { text.decomposedStringWithCanonicalMapping }

private func randomSet(_ vocabulary: [String], _ random: inout SplitMix64) -> Set<String> {
    Set(vocabulary.filter { _ in random.next() % 3 == 0 })
}

/// The README's rule stated directly: every pair, Jaccard on `Set`s, greedy by overlap.
private func bruteForceMatch(predicted: [Set<String>], gold: [Set<String>]) -> [TaskMatcher.Pair] {
    var candidates: [TaskMatcher.Pair] = []
    for (g, goldSet) in gold.enumerated() {
        for (p, predictedSet) in predicted.enumerated() {
            let common = goldSet.intersection(predictedSet).count
            let union = goldSet.union(predictedSet).count
            if union == 0 || 2 * common >= union {
                candidates.append(TaskMatcher.Pair(predicted: p, gold: g, intersection: common, union: union))
            }
        }
    }
    func overlap(_ pair: TaskMatcher.Pair) -> Double {
        pair.union == 0 ? 1 : Double(pair.intersection) / Double(pair.union)
    }
    candidates.sort { a, b in
        overlap(a) != overlap(b) ? overlap(a) > overlap(b) : (a.gold, a.predicted) < (b.gold, b.predicted)
    }
    var usedPredicted = Set<Int>()
    var usedGold = Set<Int>()
    var matched: [TaskMatcher.Pair] = []
    for pair in candidates where !usedPredicted.contains(pair.predicted) && !usedGold.contains(pair.gold) {
        usedPredicted.insert(pair.predicted)
        usedGold.insert(pair.gold)
        matched.append(pair)
    }
    return matched
}
