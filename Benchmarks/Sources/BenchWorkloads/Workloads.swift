import Extraction
import Foundation

/// The inputs of DonDoc's parser benchmarks, built deterministically from the reference corpus
/// (`Tests/Corpus/docs/*.txt`), and the timing helpers both drivers share.
///
/// Everything here runs outside the measured part: texts are read, decoded and NFC-normalised once.
public enum Workloads {
    /// 10 MiB, the size of the "10 MB" inputs.
    public static let tenMB = 10 * 1_048_576
    /// 1 MiB, the size of the "1 MB" line.
    public static let oneMB = 1_048_576
    /// Items in the task-list document: 10 MiB / 50,000 ≈ 210 bytes an item.
    public static let taskListItems = 50_000

    /// One notice of the corpus.
    public struct Notice: Sendable {
        public let name: String
        public let text: String
    }

    /// The folder of the corpus: `$DONDOC_CORPUS_DIR`, else `Tests/Corpus/docs` of the repository
    /// this file belongs to.
    public static var corpusDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["DONDOC_CORPUS_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir, isDirectory: true)
        }
        // <repo>/Benchmarks/Sources/BenchWorkloads/Workloads.swift → <repo>
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Corpus/docs", isDirectory: true)
    }

    /// The corpus notices, sorted by file name. Exits with a message when the folder has none.
    public static func corpus() -> [Notice] {
        let dir = corpusDirectory
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".txt") }.sorted()
        guard !names.isEmpty else {
            FileHandle.standardError.write(
                Data("no .txt notices in \(dir.path); set DONDOC_CORPUS_DIR\n".utf8))
            exit(2)
        }
        return names.map { name in
            let data = (try? Data(contentsOf: dir.appendingPathComponent(name))) ?? Data()
            return Notice(name: String(name.dropLast(4)), text: decode(data, name: name))
        }
    }

    /// Text as the parser expects it, decoded by `NoticeText.decode` (UTF-8, no byte order mark,
    /// LF line ends, NFC), as `dondoc` reads a file. Exits with the reason when it refuses one.
    public static func decode(_ data: Data, name: String = "input") -> String {
        do {
            return try NoticeText.decode(data)
        } catch {
            FileHandle.standardError.write(Data("\(name): \(error)\n".utf8))
            exit(2)
        }
    }

    /// ~10 MiB: the corpus notices one after another (in file-name order, cycled, a blank line
    /// between two), up to the first notice boundary at or past `bytes`. Parsed as one document.
    public static func concatenatedCorpus(_ notices: [Notice], bytes: Int = tenMB) -> String {
        var out = ""
        out.reserveCapacity(bytes + 40_000)
        var i = 0
        while out.utf8.count < bytes {
            if !out.isEmpty { out += "\n\n" }
            out += notices[i % notices.count].text
            i += 1
        }
        return out
    }

    /// One document with one huge body: the header of notice `000_…` up to its first numbered
    /// heading, then the "- " items of its task list repeated (in order, cycled) `items` times,
    /// then its closing ("Nơi nhận" onwards). 50,000 items make ~10 MiB.
    public static func repeatedTaskList(_ notices: [Notice], items: Int = taskListItems) -> (
        text: String, items: Int
    ) {
        let notice = notices.first { $0.name.hasPrefix("000") } ?? notices[0]
        let lines = notice.text.split(separator: "\n", omittingEmptySubsequences: false)
        let heading =
            lines.firstIndex { line in
                let t = line.drop { $0 == " " }
                return t.first?.isNumber == true && t.drop { $0.isNumber }.first == "."
            } ?? 0
        let tail = lines.firstIndex { $0.hasPrefix("Nơi nhận") } ?? lines.count
        let list = lines[(heading + 1)..<tail].filter { $0.drop { $0 == " " }.hasPrefix("- ") }
        precondition(!list.isEmpty, "notice \(notice.name) has no '- ' items")
        var out = lines[...heading].joined(separator: "\n") + "\n\n"
        out.reserveCapacity(items * 240)
        for k in 0..<items {
            out += list[k % list.count]
            out += "\n"
        }
        out += "\n" + lines[tail...].joined(separator: "\n")
        return (out, items)
    }

    /// ~1 MiB without a newline: the corpus's words (split on white space, in order, cycled)
    /// joined by single spaces, cut at the first word boundary at or past `bytes`.
    public static func longLine(_ notices: [Notice], bytes: Int = oneMB) -> String {
        let words = notices.flatMap { $0.text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }) }
        var out = ""
        out.reserveCapacity(bytes + 64)
        var i = 0
        while out.utf8.count < bytes {
            if !out.isEmpty { out += " " }
            out += words[i % words.count]
            i += 1
        }
        return out
    }

    /// Keeps the optimiser from dropping a parse whose result is not used.
    @inline(never)
    public static func consume(_ extraction: NoticeExtraction) -> Int {
        extraction.tasks.count
    }

    /// CPU time of the calling thread in seconds (what the parse costs on one core, whatever
    /// else the machine is running), or 0 where the clock is missing.
    public static func threadCPUSeconds() -> Double {
        var ts = timespec()
        guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0 else { return 0 }
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// The process's peak resident set size in KiB (`VmHWM` of /proc/self/status), or nil.
    public static func peakRSSKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            return nil
        }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "")
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}
