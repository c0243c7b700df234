/// A word, number or punctuation mark of a text, with its place in the text.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct }

    let kind: Kind
    /// The token as written.
    let text: Substring
    /// Lower-cased, diacritics kept.
    let lower: String
    /// Whether the first character is an upper-case letter.
    let isCapitalized: Bool

    var range: Range<String.Index> { text.startIndex..<text.endIndex }
    var isWord: Bool { kind == .word }
    var isPunct: Bool { kind == .punct }
}

/// The tokens of one text, with phrase matching on their lower-cased forms.
struct Tokens: Sendable {
    let source: String
    let items: [Token]

    var count: Int { items.count }
    subscript(i: Int) -> Token { items[i] }
    subscript(r: Range<Int>) -> ArraySlice<Token> { items[r] }

    /// Splits `source` into tokens. Letters and digits form words; `&`, `/`, `-`, `.`, `+` and `:`
    /// stay inside a word when letters or digits stand on both sides ("KH&CN", "03/2016/QĐ-UBND",
    /// "các-bon", "1.280", "9001:2015"); every other visible character is a punctuation token.
    init(_ source: String) {
        self.source = source
        var items: [Token] = []
        items.reserveCapacity(source.utf8.count / 4)
        var i = source.startIndex
        let end = source.endIndex
        while i < end {
            let ch = source[i]
            if ch.isWhitespace {
                i = source.index(after: i)
                continue
            }
            if ch.isLetter || ch.isNumber {
                var j = source.index(after: i)
                var allDigits = ch.isNumber
                while j < end {
                    let c = source[j]
                    if c.isLetter || c.isNumber {
                        if !c.isNumber { allDigits = false }
                        j = source.index(after: j)
                        continue
                    }
                    if c == "&" || c == "/" || c == "-" || c == "." || c == "+" || c == ":" || c == "," {
                        let k = source.index(after: j)
                        guard k < end else { break }
                        let next = source[k]
                        // "," and "." join only digits ("1.280", "2,6km"); ":" only digits ("9001:2015").
                        if c == "," || c == "." || c == ":" {
                            if source[source.index(before: j)].isNumber && next.isNumber {
                                j = k
                                continue
                            }
                            break
                        }
                        if next.isLetter || next.isNumber {
                            j = k
                            continue
                        }
                    }
                    break
                }
                let text = source[i..<j]
                items.append(
                    Token(
                        kind: allDigits ? .number : .word, text: text, lower: text.lowercased(),
                        isCapitalized: ch.isUppercase))
                i = j
            } else {
                let j = source.index(after: i)
                let text = source[i..<j]
                items.append(Token(kind: .punct, text: text, lower: String(text), isCapitalized: false))
                i = j
            }
        }
        self.items = items
    }

    /// Whether the lower-cased words of `phrase` (space-separated) start at token `i`; returns the
    /// index after the phrase.
    func match(_ phrase: [String], at i: Int) -> Int? {
        guard i + phrase.count <= items.count else { return nil }
        for (k, word) in phrase.enumerated() where items[i + k].lower != word {
            return nil
        }
        return i + phrase.count
    }

    /// The longest phrase of `lexicon` starting at token `i`; returns the index after it.
    func longestMatch(_ lexicon: PhraseSet, at i: Int) -> Int? {
        guard i < items.count, let candidates = lexicon.byFirst[items[i].lower] else { return nil }
        for phrase in candidates {  // sorted longest first
            if let e = match(phrase, at: i) { return e }
        }
        return nil
    }

    /// The text of the source from token `a` to token `b` (exclusive), as written.
    func text(_ a: Int, _ b: Int) -> Substring {
        guard a < b, a < items.count else { return "" }
        return source[items[a].text.startIndex..<items[min(b, items.count) - 1].text.endIndex]
    }

    /// The first index ≥ `i` whose token is one of `punct`, or `count`.
    func next(_ punct: Set<String>, from i: Int) -> Int {
        var k = i
        while k < items.count && !(items[k].isPunct && punct.contains(items[k].lower)) { k += 1 }
        return k
    }
}

/// A set of lower-cased phrases indexed by their first word, for `Tokens.longestMatch`.
struct PhraseSet: Sendable {
    let byFirst: [String: [[String]]]

    init(_ phrases: [String]) {
        var map: [String: [[String]]] = [:]
        for p in phrases {
            let words = p.lowercased().split(separator: " ").map(String.init)
            guard let first = words.first else { continue }
            map[first, default: []].append(words)
        }
        for key in map.keys { map[key]!.sort { $0.count > $1.count } }
        byFirst = map
    }

    func contains(_ phrase: String) -> Bool {
        let words = phrase.lowercased().split(separator: " ").map(String.init)
        guard let first = words.first else { return false }
        return byFirst[first]?.contains(words) ?? false
    }
}
