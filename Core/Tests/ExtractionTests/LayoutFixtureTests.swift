import Foundation
import Testing

import Extraction

/// Independent layout fixtures (`Fixtures/layouts/NAME.txt` with the gold `NAME.json` written
/// by hand from the corpus README's rules, without running the extractor): Markdown and
/// `pdftotext -layout` headers, Party-style numbers, blank days, letters, NGHỊ QUYẾT and
/// CHƯƠNG TRÌNH, every label style, task tables, every deadline kind and the non-deadlines,
/// generic and qualified unit groups, persons as leads, footnotes and page numbers.
///
/// The fixtures are excluded from the target's sources (`exclude: ["Fixtures"]` in
/// Package.swift) and read from disk through `#filePath`.
@Suite struct LayoutFixtureTests {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().appendingPathComponent("Fixtures/layouts")

    struct Fixture: Sendable {
        var name: String
        var text: String
        var gold: NoticeExtraction
    }

    static func fixtures() throws -> [Fixture] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".txt") }.sorted()
        return try names.map { file in
            let name = String(file.dropLast(4))
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let gold = try JSONDecoder().decode(
                NoticeExtraction.self,
                from: Data(contentsOf: directory.appendingPathComponent(name + ".json")))
            return Fixture(name: name, text: text, gold: gold)
        }
    }

    @Test func everyFixtureHasAWellFormedGoldFile() throws {
        let fixtures = try Self.fixtures()
        #expect(fixtures.count >= 8)
        #expect(fixtures.map(\.gold.tasks.count).reduce(0, +) >= 80)
        for f in fixtures {
            #expect(f.gold.format == "dondoc.extraction/1", "\(f.name)")
            #expect(f.gold.source == f.name + ".txt", "\(f.name)")
        }
    }

    @Test func fixturesReachTheThresholds() throws {
        // Arrange
        let fixtures = try Self.fixtures()
        // Act
        var total = CorpusScore()
        for f in fixtures {
            let score = DocumentScore.score(
                predicted: NoticeParser.extract(text: f.text, source: f.name + ".txt"), gold: f.gold)
            print("\(f.name): \(score.figures.summary)")
            total.add(score)
        }
        print(total.totalLine)
        // Assert: the figures measured when the fixtures were written, less a small margin.
        let t = total.figures
        #expect(t.taskF1 >= 0.96, "task F1 \(t.taskF1)")
        #expect(t.leadAccuracy >= 0.95, "lead accuracy \(t.leadAccuracy)")
        #expect(t.dueAccuracy >= 0.97, "deadline accuracy \(t.dueAccuracy)")
        #expect(t.supportF1 >= 0.95, "support F1 \(t.supportF1)")
        #expect(t.documentAccuracy >= 0.97, "document fields \(t.documentAccuracy)")
        #expect(t.referencesF1 >= 0.98, "references F1 \(t.referencesF1)")
    }
}
