import ArgumentParser
import Deadlines
import Extraction
import Foundation

/// `dondoc eval`: scores extractions against gold files by the corpus README's "Scoring" rules.
///
/// For each `NAME.json` in `--gold` (sorted by name), the prediction is either the parse of the
/// document `NAME.txt` (or `NAME.md`) in `--docs`, or the extraction `NAME.json` in `--pred`.
/// Prints one row per document and, last, one `TOTAL` line of the six corpus figures.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score extractions against gold files.",
        discussion: """
            For each NAME.json in the gold folder, scores the parse of the document NAME.txt \
            (or NAME.md) in --docs, or the extraction NAME.json in --pred. Prints one row per \
            document, then a TOTAL line of the six figures over the corpus, micro-averaged: \
            task_f1, lead_acc, due_acc, support_f1, doc_acc, refs_f1.
            """)

    @Option(help: ArgumentHelp("The folder of gold extractions (NAME.json).", valueName: "dir"))
    var gold: String

    @Option(help: ArgumentHelp("The folder of documents to parse (NAME.txt or NAME.md).", valueName: "dir"))
    var docs: String?

    @Option(help: ArgumentHelp("The folder of extractions to score (NAME.json).", valueName: "dir"))
    var pred: String?

    @Flag(help: "Under each document, list missed and extra tasks, matched tasks whose lead, support or deadline differ, and differing fields.")
    var verbose = false

    func validate() throws {
        guard Self.isDirectory(gold) else {
            throw ValidationError("The gold folder '\(gold)' does not exist or is not a folder; pass --gold with the folder of NAME.json gold files.")
        }
        switch (docs, pred) {
        case (nil, nil):
            throw ValidationError("Nothing to score: pass --docs with a folder of documents to parse, or --pred with a folder of extractions.")
        case (.some, .some):
            throw ValidationError("Pass either --docs or --pred, not both.")
        case (let docs?, nil):
            guard Self.isDirectory(docs) else {
                throw ValidationError("The documents folder '\(docs)' does not exist or is not a folder.")
            }
        case (nil, let pred?):
            guard Self.isDirectory(pred) else {
                throw ValidationError("The predictions folder '\(pred)' does not exist or is not a folder.")
            }
        }
    }

    func run() async throws {
        let goldFiles = try Self.files(in: URL(fileURLWithPath: gold), extensions: ["json"])
        guard !goldFiles.isEmpty else { throw EvalError.noGoldFiles(folder: gold) }
        let source: PredictionSource =
            if let docs {
                .documents(try Self.documentIndex(in: URL(fileURLWithPath: docs)))
            } else {
                .predictions(URL(fileURLWithPath: pred ?? "."))
            }

        // Every gold file is read before any row is printed, so a corrupt one stops the run at once.
        let golds = try goldFiles.map { file in
            (name: file.deletingPathExtension().lastPathComponent, gold: try Self.decodeGold(at: file))
        }

        let nameWidth = golds.map(\.name.count).max() ?? 0
        var corpus = CorpusScore()
        for (name, goldExtraction) in golds {
            let predicted = source.prediction(named: name, goldTasks: goldExtraction.tasks.count)
            let score = DocumentScore.score(predicted: predicted, gold: goldExtraction)
            corpus.add(score)
            print(Self.row(name: name, width: nameWidth, score: score))
            if verbose {
                for line in Self.details(of: score) { print("    " + line) }
            }
        }
        print(corpus.totalLine)
    }
}

// MARK: - Predictions

/// Where the predicted extractions come from.
private enum PredictionSource {
    /// Documents to parse, by name without extension.
    case documents([String: URL])
    /// A folder of `NAME.json` extractions.
    case predictions(URL)

    /// The prediction for the gold file `name`; an empty extraction, reported on stderr, when the
    /// document or prediction is missing or unreadable, so the document counts as all missed.
    func prediction(named name: String, goldTasks: Int) -> NoticeExtraction {
        let consequence = "counting its \(goldTasks) gold task(s) as missed."
        switch self {
        case .documents(let index):
            guard let url = index[name] else {
                printError("No document \(name).txt or \(name).md in the documents folder; \(consequence)")
                return NoticeExtraction(source: name)
            }
            do {
                let text = try readDocumentText(at: url)
                return NoticeParser.extract(text: text, source: url.lastPathComponent)
            } catch {
                printError("\(error) Parsing nothing for it; \(consequence)")
                return NoticeExtraction(source: url.lastPathComponent)
            }
        case .predictions(let folder):
            let url = folder.appendingPathComponent(name + ".json")
            guard FileManager.default.fileExists(atPath: url.path) else {
                printError("No prediction \(name).json in the predictions folder; \(consequence)")
                return NoticeExtraction(source: name)
            }
            do {
                return try JSONDecoder().decode(NoticeExtraction.self, from: Data(contentsOf: url))
            } catch {
                printError("The prediction \(url.path) is not dondoc.extraction/1 JSON (\(Eval.describe(error))); \(consequence)")
                return NoticeExtraction(source: name)
            }
        }
    }
}

/// Reads a document as the parser expects it: UTF-8, NFC, without a byte order mark.
///
/// The one place `eval` reads documents, to be replaced by `NoticeText.read` (which detects other
/// encodings) when it lands.
func readDocumentText(at url: URL) throws -> String {
    // The same reader as `dondoc parse`: UTF-8 with or without BOM, CRLF, NFC, named refusals.
    try NoticeText.read(contentsOf: url)
}

/// What stops `dondoc eval`, or what it reports about one document.
enum EvalError: Error, LocalizedError {
    case noGoldFiles(folder: String)
    case unreadableFolder(path: String)
    case corruptGold(path: String, detail: String)

    var errorDescription: String? {
        switch self {
        case .noGoldFiles(let folder):
            "The gold folder '\(folder)' holds no .json files; pass the folder of the corpus's gold extractions."
        case .unreadableFolder(let path):
            "Cannot list the folder '\(path)'."
        case .corruptGold(let path, let detail):
            "The gold file \(path) is not valid dondoc.extraction/1 JSON: \(detail). Fix or remove it."
        }
    }
}

// MARK: - Files

extension Eval {
    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The regular files of `folder` whose extension (any case) is one of `extensions`, by name.
    static func files(in folder: URL, extensions: Set<String>) throws -> [URL] {
        let contents: [URL]
        do {
            contents = try FileManager.default.contentsOfDirectory(
                at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        } catch {
            throw EvalError.unreadableFolder(path: folder.path)
        }
        return
            contents
            .filter { extensions.contains($0.pathExtension.lowercased()) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The documents of `folder` by name without extension; `.txt` wins over `.md`.
    static func documentIndex(in folder: URL) throws -> [String: URL] {
        var index: [String: URL] = [:]
        for url in try files(in: folder, extensions: ["txt", "md"]) {
            let name = url.deletingPathExtension().lastPathComponent
            if let existing = index[name], existing.pathExtension.lowercased() == "txt" { continue }
            index[name] = url
        }
        return index
    }

    static func decodeGold(at url: URL) throws -> NoticeExtraction {
        do {
            return try JSONDecoder().decode(NoticeExtraction.self, from: Data(contentsOf: url))
        } catch {
            throw EvalError.corruptGold(path: url.path, detail: describe(error))
        }
    }

    /// A decoding error as one sentence part: where in the JSON and what was wrong.
    static func describe(_ error: Error) -> String {
        let context: DecodingError.Context
        var path: [CodingKey] = []
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: context = c
        case .keyNotFound(let key, let c)?:
            context = DecodingError.Context(codingPath: c.codingPath, debugDescription: "missing")
            path = [key]
        case .typeMismatch(_, let c)?: context = c
        case .valueNotFound(_, let c)?: context = c
        default: return error.localizedDescription
        }
        path = context.codingPath + path
        var detail = context.debugDescription
        if detail.hasSuffix(".") { detail.removeLast() }
        if let underlying = context.underlyingError { detail += " (\(underlying.localizedDescription))" }
        let location = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return location.isEmpty ? detail : "at \(location): \(detail)"
    }
}

// MARK: - Report

extension Eval {
    /// `NAME  pred=36 gold=36 matched=30  task_f1=… refs_f1=…`.
    static func row(name: String, width: Int, score: DocumentScore) -> String {
        let counts = score.counts
        let padded = name.padding(toLength: max(width, name.count), withPad: " ", startingAt: 0)
        return "\(padded)  pred=\(counts.predictedTasks) gold=\(counts.goldTasks) matched=\(counts.matchedTasks)  "
            + score.figures.summary
    }

    /// The verbose lines under a document row.
    static func details(of score: DocumentScore) -> [String] {
        var lines: [String] = []
        for difference in score.fieldDifferences {
            lines.append(
                "field \(difference.field.rawValue): predicted \(quoted(difference.predicted)), gold \(quoted(difference.gold))")
        }
        if !score.missedReferences.isEmpty {
            lines.append("references missed: " + score.missedReferences.joined(separator: ", "))
        }
        if !score.extraReferences.isEmpty {
            lines.append("references extra: " + score.extraReferences.joined(separator: ", "))
        }
        for task in score.missed {
            lines.append("missed: \(label(task))\(excerpt(task.text))")
        }
        for task in score.extra {
            lines.append("extra: \(label(task))\(excerpt(task.text))")
        }
        for match in score.differing {
            lines.append(
                "differs: \(label(match.gold))\(excerpt(match.gold.text)) "
                    + "[gold #\(match.goldIndex + 1), predicted #\(match.predictedIndex + 1), overlap \(String(format: "%.2f", match.overlap))]")
            if !match.leadEqual {
                lines.append("    lead: predicted \(names(match.predicted.lead)), gold \(names(match.gold.lead))")
            }
            if !match.supportEqual {
                lines.append("    support: predicted \(names(match.predicted.support)), gold \(names(match.gold.support))")
            }
            if !match.dueEqual {
                lines.append("    due: predicted \(describe(match.predicted.due)), gold \(describe(match.gold.due))")
            }
        }
        return lines
    }

    /// "(2.1) " for a task under heading 2.1; nothing for a task under none.
    private static func label(_ task: Assignment) -> String {
        task.section.isEmpty ? "" : "(\(task.section)) "
    }

    /// The first 80 characters of a text, on one line.
    private static func excerpt(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return line.count <= 80 ? line : String(line.prefix(80)) + "…"
    }

    private static func quoted(_ value: String?) -> String {
        value.map { "\"\($0)\"" } ?? "null"
    }

    private static func names(_ names: [String]) -> String {
        "[" + names.joined(separator: "; ") + "]"
    }

    /// A deadline by the fields scoring compares: "date 2021-08-15", "period 2020-12-01..2020-12-31".
    static func describe(_ due: Due?) -> String {
        guard let due else { return "null" }
        switch due.rule {
        case .date(let date): return "date \(date)"
        case .period(let start, let end): return "period \(start)..\(end)"
        case .from(let start): return "from \(start)"
        case .recurring(let every, _): return "recurring \(every.rawValue)"
        case .relative(let count, let unit, _): return "relative \(count) \(unit.rawValue)"
        case .continuing: return "continuing"
        }
    }
}

private func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
