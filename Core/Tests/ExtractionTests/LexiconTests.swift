import Testing

@testable import Extraction

/// The packed words, their tables and the lexicons built on them.
@Suite struct LexiconTests {
    /// `Tokens.longestMatch` searches a set only where a token's `starts` has the set's flag, so
    /// every set must be in `Lexicon.phraseSets` with a flag of its own.
    @Test func everyPhraseSetHasItsOwnFlagInTheFirstWordTable() {
        let sets = Lexicon.phraseSets
        #expect(Set(sets.map(\.flag)).count == sets.count)
        #expect(sets.allSatisfy { $0.flag.nonzeroBitCount == 1 })
        for set in sets {
            for (first, _) in set.byFirst.entries {
                #expect((Lexicon.firstWords[first] ?? 0) & set.flag != 0, "\(first)")
            }
        }
        // And a set is found where its phrase starts, not elsewhere.
        let t = Tokens("Đề nghị Phòng Quản lý Khoa học khẩn trương thực hiện.")
        #expect(t.longestMatch(Lexicon.unitHeads, at: 2) == 3)
        #expect(t.longestMatch(Lexicon.urgency, at: 7) == 9)
        #expect(t.longestMatch(Lexicon.urgency, at: 2) == nil)
    }

    /// Lexicon words compare exactly only when packed whole (`Word.maxPacked` bytes).
    @Test func lexiconWordsArePackedWhole() {
        var words: [Word] = []
        for set in Lexicon.phraseSets {
            words += set.phrases.flatMap { $0 }
        }
        for set in [Lexicon.capitalOnlyHeads, Lexicon.pluralUnitNouns, Lexicon.tierNouns, Lexicon.surnames, Lexicon.foldedStops] {
            words += Array(set)
        }
        #expect(words.count > 500)
        for w in words { #expect(!w.isLong, "\(w)") }
    }

    @Test func wordsRoundTripAndCompareByBytes() {
        for s in ["a", "sở", "khẩn trương", "sở ban ngành", "quản lý thị trường", String(repeating: "x", count: 31)] {
            let w = Word(s)
            #expect(w.string == s)
            #expect(w.count == s.utf8.count)
            #expect(w == Word(Substring(s)))
        }
        #expect(Word("sở") != Word("số"))
        #expect(Word("ab") != Word("ab\u{0}"))
        // Long words: equal when their bytes are, different when any byte differs.
        let long = String(repeating: "ư", count: 20) + "/QĐ-UBND"
        #expect(Word(long).isLong && Word(long) == Word(String(long)))
        #expect(Word(long) != Word(long + "x"))
        #expect(Word(long) != Word(String(long.dropLast()) + "E"))
        #expect(Word(long).string == nil)
        #expect(Word("giao").hasPrefix("gi") && !Word("đề").hasPrefix("gi"))
    }

    @Test func tablesFindEveryKeyAndNoOther() {
        var table = WordTable<Int>()
        let keys = (0..<2_000).map { Word("từ\($0)") }
        for (i, k) in keys.enumerated() { table.set(k, i) }
        #expect(table.count == keys.count)
        for (i, k) in keys.enumerated() { #expect(table[k] == i) }
        #expect(table[Word("từ2000")] == nil)
        table.set(keys[7], -1)
        #expect(table[keys[7]] == -1 && table.count == keys.count)
    }

    @Test(arguments: [
        ("ĐỀ NGHỊ Phòng", ["đề", "nghị", "phòng"]),
        ("ƯU TIÊN ỨNG DỤNG", ["ưu", "tiên", "ứng", "dụng"]),
        ("ĐÔN ĐỐC, KIỂM TRA", ["đôn", "đốc", ",", "kiểm", "tra"]),
        ("ÀÉÌÒÙÝ Ăn Ĩ Ũ Ơ", ["àéìòùý", "ăn", "ĩ", "ũ", "ơ"]),
        // Capitals outside Vietnamese go through the Unicode tables.
        ("ÆSIR ΑΘΗΝΑ", ["æsir", "αθηνα"]),
    ])
    func tokensAreLowerCased(text: String, expected: [String]) {
        let t = Tokens(text)
        #expect(t.items.map { $0.lower.string ?? "" } == expected)
    }
}
