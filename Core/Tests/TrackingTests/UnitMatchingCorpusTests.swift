import Foundation
import Testing

@testable import Tracking

/// How well the default directory resolves the unit names the reference corpus writes.
///
/// `Fixtures/corpus-unit-labels.json` labels every distinct `lead` and `support` name of the gold
/// files (`Tests/Corpus/gold`) by hand with the unit of the default directory it refers to, or
/// null when it refers to none: another agency, a person, a group that is not "*", a unit the
/// default directory does not have, or a unit that merges two of the default's ("Phòng Quản lý
/// Công nghệ và Chuyên ngành"), which only the secretariat can resolve.
@Suite struct UnitMatchingCorpusTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let gold = here.appendingPathComponent("../../../Tests/Corpus/gold").standardized
    static let labelsFile = here.appendingPathComponent("Fixtures/corpus-unit-labels.json")

    /// Each name and its label (nil: no unit).
    static func labels() throws -> [String: String?] {
        let object =
            try JSONSerialization.jsonObject(with: Data(contentsOf: labelsFile)) as? [String: Any] ?? [:]
        return object.mapValues { $0 as? String }
    }

    /// The distinct lead and support names of the gold files.
    static func corpusNames() throws -> Set<String> {
        let files = try FileManager.default.contentsOfDirectory(at: gold, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
        #expect(!files.isEmpty, "no gold files at \(gold.path)")
        var names = Set<String>()
        for file in files {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            for task in object?["tasks"] as? [[String: Any]] ?? [] {
                names.formUnion(task["lead"] as? [String] ?? [])
                names.formUnion(task["support"] as? [String] ?? [])
            }
        }
        return names
    }

    @Test func everyCorpusNameIsLabelled() throws {
        // Arrange
        let names = try Self.corpusNames()
        let labels = try Self.labels()
        let ids = Set(UnitDirectory.defaultSKHCN.units.map(\.id))

        // Assert
        #expect(names.subtracting(labels.keys).sorted() == ["*"], "label the new names of the corpus")
        #expect(Set(labels.keys).subtracting(names).isEmpty, "labels of names the corpus no longer has")
        for case (let name, let id?) in labels {
            #expect(ids.contains(id), "\(name): no unit \(id) in the default directory")
        }
    }

    @Test func matchingRate() throws {
        // Arrange
        let labels = try Self.labels()
        let matcher = UnitMatcher(.defaultSKHCN)
        var right: [String] = []
        var wrong: [String] = []
        var missed: [String] = []
        var rightlyUnmatched: [String] = []

        // Act
        for (name, label) in labels.sorted(by: { $0.key < $1.key }) {
            let found = matcher.match(name)
            switch (found.unitIDs.isEmpty, label) {
            case (true, nil): rightlyUnmatched.append(name)
            case (true, _?): missed.append("\(name) → \(found)")
            case (false, let id?) where found.unitIDs == [id]: right.append(name)
            case (false, _): wrong.append("\(name) → \(found), label \(label ?? "null")")
            }
        }

        // Assert
        print(
            """
            Unit names of the corpus (\(labels.count) distinct, "*" aside) against the default directory:
              matched correctly \(right.count) of \(right.count + missed.count) labelled with a unit
              wrongly matched \(wrong.count)
              unmatched \(missed.count)\(missed.map { "\n    " + $0 }.joined())
              correctly unmatched \(rightlyUnmatched.count)
            """)
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(right.count >= 28)
        #expect(matcher.match("*") == .all(UnitDirectory.defaultSKHCN.everyUnitIDs))
    }
}
