import Foundation
import Testing

@testable import Extraction

/// The reference corpus (a copy of ../shared/corpus under Tests/Corpus): every notice is parsed and
/// scored against its gold extraction by the corpus README's rules.
@Suite struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/Corpus")

    static func pairs() throws -> [(name: String, text: String, gold: NoticeExtraction)] {
        let goldDir = corpus.appendingPathComponent("gold")
        let names = try FileManager.default.contentsOfDirectory(atPath: goldDir.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        return try names.map { file in
            let name = String(file.dropLast(5))
            let gold = try JSONDecoder().decode(
                NoticeExtraction.self, from: Data(contentsOf: goldDir.appendingPathComponent(file)))
            let text = try String(
                contentsOf: corpus.appendingPathComponent("docs/\(name).txt"), encoding: .utf8)
            return (name, text, gold)
        }
    }

    @Test func corpusReachesTheTargets() throws {
        // Arrange
        let pairs = try Self.pairs()
        #expect(pairs.count == 9)
        // Act
        var total = CorpusScore()
        for p in pairs {
            total.add(DocumentScore.score(predicted: NoticeParser.extract(text: p.text, source: p.name + ".txt"), gold: p.gold))
        }
        // Assert: the figures the extraction issue asks for.
        let f = total.figures
        #expect(f.taskF1 >= 0.97, "task F1 \(f.taskF1)")
        #expect(f.leadAccuracy >= 0.95, "lead accuracy \(f.leadAccuracy)")
        #expect(f.dueAccuracy >= 0.95, "deadline accuracy \(f.dueAccuracy)")
        #expect(f.supportF1 >= 0.85, "support F1 \(f.supportF1)")
        #expect(f.documentAccuracy >= 0.95, "document fields \(f.documentAccuracy)")
        #expect(f.referencesF1 >= 0.95, "references F1 \(f.referencesF1)")
    }

    @Test(arguments: ["000_9713a99d404ca7b9", "002_d8d3ceafbecc0ac7", "ext-002", "ext-018"])
    func everyDocumentKeepsItsTasks(name: String) throws {
        let p = try #require(try Self.pairs().first { $0.name == name })
        let score = DocumentScore.score(predicted: NoticeParser.extract(text: p.text, source: name + ".txt"), gold: p.gold)
        #expect(score.figures.taskF1 >= 0.95, "\(name): \(score.figures.summary)")
    }

    @Test func parsingIsDeterministic() throws {
        let p = try #require(try Self.pairs().first)
        #expect(NoticeParser.extract(text: p.text, source: "a") == NoticeParser.extract(text: p.text, source: "a"))
    }
}
