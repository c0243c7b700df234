import ArgumentParser
import Extraction
import Foundation
import Testing

@testable import CLI

/// `dondoc parse` run as a library: arguments parsed by swift-argument-parser, the work done by
/// `execute(console:)`, whose output and messages the tests capture.
@Suite struct ParseCommandTests {
    // MARK: What is printed

    @Test func emptyFilePrintsAnExtractionWithNoTasks() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("empty.txt", Data())
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .success)
        let json = try #require(try JSONSerialization.jsonObject(with: console.output) as? [String: Any])
        #expect(json["format"] as? String == "dondoc.extraction/1")
        #expect(json["source"] as? String == "empty.txt")
        #expect((json["tasks"] as? [Any])?.isEmpty == true)
        #expect(console.output.last == 0x0A)
        #expect(console.messages.isEmpty)
    }

    @Test func corpusNoticePrintsTheGoldLayout() throws {
        let file = corpus.appending(path: "docs/000_9713a99d404ca7b9.txt").path
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .success)
        let text = String(decoding: console.output, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "{\n  \"format\": \"dondoc.extraction/1\",\n  \"source\": \"000_9713a99d404ca7b9.txt\",\n"))
        #expect(text.contains("\"place\": \"Nghệ An\""))  // non-ASCII as is
        #expect(text.contains("/"))  // slashes not escaped…
        #expect(!text.contains("\\/"))  // …ever
        #expect(try ExtractionJSON.decode(console.output).source == "000_9713a99d404ca7b9.txt")
    }

    @Test func compactPrintsOneLine() throws {
        let file = corpus.appending(path: "docs/004_e683584258a215c3.txt").path
        let console = CapturedConsole()

        let status = try Parse.parse([file, "--compact"]).execute(console: console.console)

        #expect(status == .success)
        let text = String(decoding: console.output, as: UTF8.self)
        #expect(
            text.hasPrefix("{\"format\":\"dondoc.extraction/1\",\"source\":\"004_e683584258a215c3.txt\","))
        #expect(text.firstIndex(of: "\n") == text.index(before: text.endIndex))
    }

    @Test(arguments: ["000_9713a99d404ca7b9", "002_d8d3ceafbecc0ac7", "ext-018"])
    func goldFilesSurviveARoundTripByteForByte(name: String) throws {
        let gold = try Data(contentsOf: corpus.appending(path: "gold/\(name).json"))

        let encoded = try ExtractionJSON.encode(try ExtractionJSON.decode(gold))

        #expect(String(decoding: encoded, as: UTF8.self) == String(decoding: gold, as: UTF8.self))
    }

    @Test func wordsWithoutStructureGiveValidJSON() throws {
        let directory = try TemporaryDirectory()
        var generator = SeededRandom(seed: 7)
        let words = (0..<3000).map { _ in vocabulary.randomElement(using: &generator)! }
        let lines = stride(from: 0, to: words.count, by: 12).map {
            words[$0..<min($0 + 12, words.count)].joined(separator: " ")
        }
        let file = try directory.file("words.txt", Data(lines.joined(separator: "\n").utf8))
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .success)
        #expect(try ExtractionJSON.decode(console.output).source == "words.txt")
    }

    @Test(.timeLimit(.minutes(1)))
    func oneMegabyteSingleLineCompletes() throws {
        let directory = try TemporaryDirectory()
        var generator = SeededRandom(seed: 11)
        var line =
            "Giao Phòng Quản lý khoa học chủ trì, phối hợp với Văn phòng hoàn thành trước ngày 15/8/2021; "
        while line.utf8.count < 1_048_576 {
            line += vocabulary.randomElement(using: &generator)! + " "
        }
        let file = try directory.file("line.txt", Data(line.utf8))
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .success)
        #expect(try JSONSerialization.jsonObject(with: console.output) is [String: Any])
    }

    @Test func standardInputIsReadForADash() throws {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("THÔNG BÁO\nKết luận giao ban\n".utf8))
        try pipe.fileHandleForWriting.close()
        let console = CapturedConsole(input: pipe.fileHandleForReading)

        let status = try Parse.parse(["-"]).execute(console: console.console)

        #expect(status == .success)
        #expect(try ExtractionJSON.decode(console.output).source == "stdin")
    }

    // MARK: Refused input

    @Test func binaryFileIsRefusedWith65() throws {
        let directory = try TemporaryDirectory()
        var generator = SeededRandom(seed: 3)
        let file = try directory.file(
            "scan.txt", Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }))
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .inputRefused)
        #expect(status.rawValue == 65)
        #expect(console.output.isEmpty)
        #expect(console.messages.count == 1)
        #expect(
            console.messages.first?.hasPrefix("error: \(file): The input is binary data, not text") == true)
    }

    @Test func fiftyMegabyteFileIsRefusedBeforeReading() throws {
        let directory = try TemporaryDirectory()
        let file = try directory.file("huge.txt", Data())
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file))
        try handle.truncate(atOffset: 50 * 1_048_576)  // sparse: no 50 MB written to disk
        try handle.close()
        let console = CapturedConsole()
        let clock = ContinuousClock()

        let start = clock.now
        let status = try Parse.parse([file]).execute(console: console.console)
        let elapsed = clock.now - start

        #expect(status == .inputRefused)
        #expect(elapsed < .seconds(2))
        #expect(console.messages.first?.contains("is 50.0 MB, over the 16.0 MB limit") == true)
        #expect(console.messages.first?.contains(file) == true)
    }

    @Test func missingFileIs66() throws {
        let directory = try TemporaryDirectory()
        let file = directory.url.appending(path: "missing.txt").path
        let console = CapturedConsole()

        let status = try Parse.parse([file]).execute(console: console.console)

        #expect(status == .inputMissing)
        #expect(status.rawValue == 66)
        #expect(
            console.messages == ["error: There is no file at '\(file)'. Check the path and the file name."])
    }

    @Test func directoryIs66() throws {
        let directory = try TemporaryDirectory()
        let console = CapturedConsole()

        let status = try Parse.parse([directory.url.path]).execute(console: console.console)

        #expect(status == .inputMissing)
        #expect(console.messages.first?.contains("is a directory, not a file") == true)
    }

    // MARK: --out

    @Test func outWritesNameJSONForEachFile() throws {
        let directory = try TemporaryDirectory()
        let empty = try directory.file("blank.notice.txt", Data())
        let notice = corpus.appending(path: "docs/004_e683584258a215c3.txt").path
        let out = directory.url.appending(path: "out/nested").path  // created, parents too
        let console = CapturedConsole()

        let status = try Parse.parse([notice, empty, "--out", out]).execute(console: console.console)

        #expect(status == .success)
        let written = try ExtractionJSON.decode(
            Data(contentsOf: URL(fileURLWithPath: out + "/004_e683584258a215c3.json")))
        let blank = try ExtractionJSON.decode(
            Data(contentsOf: URL(fileURLWithPath: out + "/blank.notice.json")))
        #expect(written.source == "004_e683584258a215c3.txt")
        #expect(blank.tasks.isEmpty)
        #expect(console.output.isEmpty)
        #expect(console.messages.count == 2)
        #expect(console.messages[0].hasPrefix("wrote \(out)/004_e683584258a215c3.json ("))
        #expect(console.messages[0].hasSuffix(" tasks)") || console.messages[0].hasSuffix(" task)"))
        #expect(console.messages[1] == "wrote \(out)/blank.notice.json (0 tasks)")
    }

    @Test func outSkipsABadFileWritesTheOthersAndFailsAtTheEnd() throws {
        let directory = try TemporaryDirectory()
        let first = try directory.file("a.txt", Data("THÔNG BÁO\n".utf8))
        let missing = directory.url.appending(path: "b.txt").path
        let binary = try directory.file("c.txt", Data([0x00, 0x01, 0x02, 0xFF]))
        let last = try directory.file("d.txt", Data("KẾ HOẠCH\n".utf8))
        let out = directory.url.appending(path: "out").path
        let console = CapturedConsole()

        let status = try Parse.parse([first, missing, binary, last, "--out", out]).execute(
            console: console.console)

        #expect(status == .inputMissing)  // the first failure's code
        #expect(FileManager.default.fileExists(atPath: out + "/a.json"))
        #expect(FileManager.default.fileExists(atPath: out + "/d.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/b.json"))
        #expect(!FileManager.default.fileExists(atPath: out + "/c.json"))
        #expect(console.messages.count == 4)
        #expect(console.messages[1].hasPrefix("error: There is no file at"))
        #expect(console.messages[2].hasPrefix("error: \(binary): The input is binary data"))
    }

    @Test func outThatIsAFileIs73() throws {
        let directory = try TemporaryDirectory()
        let notice = try directory.file("a.txt", Data("THÔNG BÁO\n".utf8))
        let out = try directory.file("out", Data("not a directory".utf8))
        let console = CapturedConsole()

        let status = try Parse.parse([notice, "--out", out]).execute(console: console.console)

        #expect(status == .cannotWrite)
        #expect(status.rawValue == 73)
        #expect(
            console.messages == [
                "error: --out '\(out)' is a file, not a directory. Choose a directory for the JSON files."
            ])
    }

    // MARK: Usage errors

    @Test func severalFilesWithoutOutAreAUsageError() {
        let arguments = ["a.txt", "b.txt"]

        let error = parseError(arguments)

        #expect(error.map { Parse.exitCode(for: $0).rawValue } == 64)
        #expect(error.map { Parse.message(for: $0) }?.hasPrefix("several files need --out DIR") == true)
    }

    @Test func severalFilesWithoutOutAreAUsageErrorFromTheRootCommand() {
        let arguments = ["parse", "a.txt", "b.txt"]

        var error: (any Error)?
        do { _ = try DonDocCommand.parseAsRoot(arguments) } catch let caught { error = caught }

        #expect(error.map { DonDocCommand.exitCode(for: $0).rawValue } == 64)
    }

    @Test func noFileIsAUsageError() {
        let error = parseError([])

        #expect(error.map { Parse.exitCode(for: $0).rawValue } == 64)
    }

    @Test func twoFilesWithTheSameNameAreAUsageError() {
        let error = parseError(["a/notice.txt", "b/notice.md", "--out", "out"])

        #expect(error.map { Parse.exitCode(for: $0).rawValue } == 64)
        #expect(
            error.map { Parse.message(for: $0) }?.contains("would both be written to out/notice.json") == true
        )
    }

    // MARK: Helpers

    private var corpus: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "../Corpus").standardized
    }

    private func parseError(_ arguments: [String]) -> (any Error)? {
        do {
            _ = try Parse.parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    /// Words of the genre, for text that has the notices' vocabulary and none of their structure.
    private let vocabulary = [
        "Giao", "Phòng", "chủ", "trì", "phối", "hợp", "với", "Văn", "phòng", "Sở", "Khoa", "học", "Công",
        "nghệ",
        "triển", "khai", "thực", "hiện", "báo", "cáo", "trước", "ngày", "tháng", "năm", "quý", "II", "1.",
        "2.3.",
        "-", "(1)", "a)", "Số:", "/TB-SKHCN", "15/8", "2021", "Nơi", "nhận:", "KT.", "GIÁM", "ĐỐC", "|", "**",
        "#",
        "thường", "xuyên", "hằng", "kể", "từ", "không", "quá", "07", "ngày", "làm", "việc", "đơn", "vị",
        "các",
    ]
}
