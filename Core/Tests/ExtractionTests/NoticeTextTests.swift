import Foundation
import Testing

@testable import Extraction

/// The reading boundary: what `NoticeText` accepts, how it normalises it, and how it names what
/// it refuses.
@Suite struct NoticeTextTests {
    // MARK: Accepted input

    @Test func emptyInputIsEmptyText() throws {
        let data = Data()

        let text = try NoticeText.decode(data)

        #expect(text == "")
    }

    @Test func byteOrderMarkIsDropped() throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array("THÔNG BÁO".utf8))

        let text = try NoticeText.decode(data)

        #expect(Array(text.utf8) == Array("THÔNG BÁO".utf8))
    }

    @Test func byteOrderMarkAloneIsEmptyText() throws {
        let data = Data([0xEF, 0xBB, 0xBF])

        let text = try NoticeText.decode(data)

        #expect(text.isEmpty)
    }

    @Test func crlfLineEndsBecomeLF() throws {
        let data = Data("Số: 709/SKHCN-VP\r\nNghệ An\r\n\r\n- Giao Văn phòng\r\n".utf8)

        let text = try NoticeText.decode(data)

        #expect(Array(text.utf8) == Array("Số: 709/SKHCN-VP\nNghệ An\n\n- Giao Văn phòng\n".utf8))
    }

    @Test func loneCRLineEndsBecomeLF() throws {
        let data = Data("THÔNG BÁO\rKẾT LUẬN\r\r\nGIAO BAN\r".utf8)

        let text = try NoticeText.decode(data)

        #expect(Array(text.utf8) == Array("THÔNG BÁO\nKẾT LUẬN\n\nGIAO BAN\n".utf8))
    }

    @Test func decomposedVietnameseBecomesNFC() throws {
        // "kết luận" typed in decomposed form ("Unicode tổ hợp"): e + circumflex + acute, …
        let decomposed = "Thông báo kết luận giao ban".decomposedStringWithCanonicalMapping
        let data = Data(decomposed.utf8)

        let text = try NoticeText.decode(data)

        // `==` on String ignores the NFC/NFD difference, so compare the scalars.
        let expected = "Thông báo kết luận giao ban".precomposedStringWithCanonicalMapping
        #expect(Array(text.unicodeScalars) == Array(expected.unicodeScalars))
        #expect(Array(decomposed.unicodeScalars) != Array(expected.unicodeScalars))
    }

    @Test func longDecomposedTextIsNormalisedAcrossPieces() throws {
        // Longer than one 2 KB piece, with a decomposed letter right at the piece edges.
        let line = "Giao Phòng Quản lý khoa học chủ trì, phối hợp với các đơn vị triển khai.\n"
        let nfc = String(repeating: line, count: 400).precomposedStringWithCanonicalMapping
        let data = Data(nfc.decomposedStringWithCanonicalMapping.utf8)

        let text = try NoticeText.decode(data)

        #expect(Array(text.utf8) == Array(nfc.utf8))
    }

    @Test func tenMegabytesDecodeWithoutQuadraticSlowdown() throws {
        // Foundation's NFC is quadratic on Linux (10 MB of decomposed text: about six minutes);
        // the reader normalises in pieces. Measured at 1–2.5 s in a debug build and 0.8 s in a
        // release build (NFC input: 0.3 s and 0.05 s); the bound only catches a return to
        // quadratic time without failing on a busy machine.
        let line = "Giao Phòng Quản lý khoa học chủ trì, phối hợp với các đơn vị liên quan.\r\n"
        var decomposed = line.decomposedStringWithCanonicalMapping
        while decomposed.utf8.count < 10_000_000 { decomposed += decomposed }
        let data = Data(decomposed.utf8)

        let clock = ContinuousClock()
        let start = clock.now
        let text = try NoticeText.decode(data)
        let elapsed = clock.now - start

        #expect(elapsed < .seconds(30))
        #expect(text.utf8.count < data.count)
        #expect(!text.utf8.contains(0x0D))
    }

    @Test func readsACorpusNotice() throws {
        let url = corpusDocs.appending(path: "000_9713a99d404ca7b9.txt")

        let text = try NoticeText.read(contentsOf: url)

        #expect(text.contains("THÔNG BÁO"))
        #expect(!text.contains("\r"))
    }

    // MARK: Other Unicode forms

    @Test func utf16WithByteOrderMarkIsRefused() {
        let littleEndian = Data([0xFF, 0xFE] + utf16LE("Thông báo"))
        let bigEndian = Data([0xFE, 0xFF] + utf16BE("Thông báo"))

        let little = refusal(littleEndian)
        let big = refusal(bigEndian)

        #expect(little == .utf16(bigEndian: false, byteOrderMark: true))
        #expect(big == .utf16(bigEndian: true, byteOrderMark: true))
        #expect(little?.description.contains("UTF-16 (little-endian") == true)
    }

    @Test func utf16WithoutByteOrderMarkIsRecognisedByItsNULs() {
        let data = Data(utf16LE("Thông báo kết luận giao ban tháng 8/2021"))

        let error = refusal(data)

        #expect(error == .utf16(bigEndian: false, byteOrderMark: false))
    }

    @Test func shortBinaryWithNULsInPlaceIsNotUTF16() {
        // NULs where UTF-16 BE or UTF-32 BE would have them, but U+0001 and U+02FF are no text.
        let data = Data([0x00, 0x01, 0x02, 0xFF])

        let error = refusal(data)

        #expect(error == .binary(nulOffset: 0, controlBytes: 0, sampledBytes: 0))
    }

    @Test func utf32WithByteOrderMarkIsRefused() {
        let data = Data([0xFF, 0xFE, 0x00, 0x00, 0x54, 0x00, 0x00, 0x00])

        let error = refusal(data)

        #expect(error == .utf32(bigEndian: false, byteOrderMark: true))
    }

    // MARK: Legacy Vietnamese 8-bit encodings

    @Test func tcvn3IsNamed() {
        let data = Data(LegacySamples.tcvn3(LegacySamples.sentence))

        let error = refusal(data)

        #expect(error == .legacyEncoding(guess: .tcvn3))
        #expect(error?.description.contains("TCVN3 (ABC)") == true)
    }

    @Test func vniIsNamed() {
        let data = Data(LegacySamples.vni(LegacySamples.sentence))

        let error = refusal(data)

        #expect(error == .legacyEncoding(guess: .vni))
        #expect(error?.description.contains("VNI") == true)
    }

    @Test func windows1258IsNamed() {
        let data = Data(LegacySamples.windows1258(LegacySamples.sentence))

        let error = refusal(data)

        #expect(error == .legacyEncoding(guess: .windows1258))
        #expect(error?.description.contains("Windows-1258") == true)
    }

    @Test(arguments: ["Thông báo kết luận giao ban", "Việt Nam", "Đề nghị các phòng thực hiện"])
    func shortSamplesAreNamedToo(sentence: String) {
        let samples: [(LegacyEncoding, [UInt8])] = [
            (.tcvn3, LegacySamples.tcvn3(sentence)), (.vni, LegacySamples.vni(sentence)),
            (.windows1258, LegacySamples.windows1258(sentence)),
        ]

        let guesses = samples.map { refusal(Data($0.1)) }

        for ((encoding, _), guess) in zip(samples, guesses) {
            // A short sample may be too thin to name, but must never be named wrongly.
            #expect(guess == .legacyEncoding(guess: encoding) || guess == .legacyEncoding(guess: nil))
        }
    }

    @Test func anUnclearEightBitTextNamesAllThree() {
        // "Café" in Latin-1: not UTF-8, and nothing Vietnamese-shaped about it.
        let data = Data([0x43, 0x61, 0x66, 0xE9])

        let error = refusal(data)

        #expect(error == .legacyEncoding(guess: nil))
        #expect(error?.description.contains("a legacy 8-bit encoding (TCVN3, VNI or Windows-1258)") == true)
    }

    @Test func damagedUTF8IsLocated() {
        var bytes = Array("Thông báo kết luận\ngiao ban tháng 8\n".utf8)
        let damage = bytes.count
        bytes += [0xE1, 0x28] + Array(" Nghệ An\n".utf8)

        let error = refusal(Data(bytes))

        #expect(error == .invalidUTF8(offset: damage, line: 3))
    }

    // MARK: Documents and binary data

    @Test func pdfIsRefusedWithItsVersion() {
        let data = Data("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj".utf8)

        let error = refusal(data)

        #expect(error == .pdf(version: "1.7"))
        #expect(error?.description.contains("pdftotext") == true)
    }

    @Test func zipIsRefused() {
        let data = Data([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + Array("notes.txt".utf8))

        let error = refusal(data)

        #expect(error == .zipArchive(format: "ZIP"))
        #expect(error?.description.contains("DOCX input arrives in a later version") == true)
    }

    @Test func docxIsNamedFromItsEntries() {
        let data = Data(
            [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] + Array("[Content_Types].xml word/document.xml".utf8))

        let error = refusal(data)

        #expect(error == .zipArchive(format: "DOCX"))
        #expect(error?.description.hasPrefix("The input is a DOCX document") == true)
    }

    @Test func randomBytesAreBinary() {
        var generator = SplitMix64(seed: 2021)
        let data = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })

        let error = refusal(data)

        guard case .binary(let nulOffset?, _, _) = error else {
            Issue.record("expected binary with a NUL offset, got \(String(describing: error))")
            return
        }
        #expect(data[nulOffset] == 0)
    }

    @Test func controlCharactersWithoutNULAreBinary() {
        let data = Data((0..<1000).map { UInt8(1 + $0 % 8) })

        let error = refusal(data)

        #expect(error == .binary(nulOffset: nil, controlBytes: 1000, sampledBytes: 1000))
        #expect(error?.description.contains("100.0% of its first 1000 bytes are control characters") == true)
    }

    @Test func aStrayFormFeedIsText() throws {
        let data = Data("Trang 1\u{0C}Trang 2\tcột".utf8)

        let text = try NoticeText.decode(data)

        #expect(text == "Trang 1\u{0C}Trang 2\tcột")
    }

    // MARK: Files

    @Test func missingFileIsNamed() throws {
        let url = try TemporaryDirectory().url.appending(path: "missing.txt")

        let error = readRefusal(url)

        #expect(error == .fileNotFound(path: url.relativePath))
        #expect(error?.isMissingInput == true)
    }

    @Test func directoryIsRefused() throws {
        let directory = try TemporaryDirectory()

        let error = readRefusal(directory.url)

        #expect(error == .isDirectory(path: directory.url.relativePath))
    }

    @Test func fileOverTheLimitIsRefusedBeforeReading() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appending(path: "big.txt")
        try Data(repeating: 0x61, count: 3 * 1_048_576 + 1).write(to: url)

        let error = readRefusal(url, maxBytes: 1_048_576)

        #expect(error == .tooLarge(path: url.relativePath, bytes: 3 * 1_048_576 + 1, limit: 1_048_576))
        #expect(error?.description.contains("is 3.0 MB, over the 1.0 MB limit") == true)
        #expect(error?.isMissingInput == false)
    }

    @Test func emptyFileIsEmptyText() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appending(path: "empty.txt")
        try Data().write(to: url)

        let text = try NoticeText.read(contentsOf: url)

        #expect(text == "")
    }

    @Test func everyRefusalIsASentenceThatSaysWhatToDo() {
        let errors: [NoticeTextError] = [
            .fileNotFound(path: "a.txt"), .isDirectory(path: "docs"),
            .unreadable(path: "a.txt", reason: "permission denied"),
            .tooLarge(path: "a.txt", bytes: 50 * 1_048_576, limit: 16 * 1_048_576),
            .tooLarge(path: "stdin", bytes: nil, limit: 16 * 1_048_576),
            .utf16(bigEndian: true, byteOrderMark: false), .utf32(bigEndian: false, byteOrderMark: true),
            .pdf(version: nil), .zipArchive(format: "XLSX"), .legacyOfficeDocument, .rtf,
            .binary(nulOffset: 3, controlBytes: 0, sampledBytes: 0), .legacyEncoding(guess: .vni),
            .legacyEncoding(guess: nil), .invalidUTF8(offset: 10, line: 2),
        ]

        let descriptions = errors.map(\.description)

        for description in descriptions {
            #expect(description.first?.isUppercase == true || description.first == "'", "\(description)")
            #expect(description.hasSuffix("."), "\(description)")
            #expect(
                description.split(separator: ". ").count >= 2, "needs a what-to-do sentence: \(description)")
        }
        #expect(descriptions[3].contains("50.0 MB") && descriptions[3].contains("16.0 MB"))
    }

    // MARK: Helpers

    private var corpusDocs: URL {
        URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../../Tests/Corpus/docs")
            .standardized
    }

    private func refusal(_ data: Data) -> NoticeTextError? {
        do {
            _ = try NoticeText.decode(data)
            return nil
        } catch {
            return error
        }
    }

    private func readRefusal(_ url: URL, maxBytes: Int = NoticeText.defaultMaxBytes) -> NoticeTextError? {
        do {
            _ = try NoticeText.read(contentsOf: url, maxBytes: maxBytes)
            return nil
        } catch {
            return error
        }
    }

    private func utf16LE(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    private func utf16BE(_ text: String) -> [UInt8] {
        text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }
}

/// Vietnamese text in the three legacy encodings, built by hand from their tables for just the
/// letters the samples use.
///
/// Tables: TCVN 5712:1993 (VN3) as in glibc's TCVN5712-1 charmap; VNI-Windows as in the VNI
/// fonts' layout (a base letter then a mark byte; the same table as xvnkb's vni.h); Windows-1258
/// as in Microsoft's code page table (bestfit1258.txt). The TCVN3 and Windows-1258 bytes here
/// were checked with `iconv -f TCVN5712-1` and `iconv -f CP1258`.
private enum LegacySamples {
    static let sentence =
        "Thông báo kết luận giao ban tháng 8 của Giám đốc Sở Khoa học và Công nghệ. "
        + "Đề nghị các phòng, đơn vị triển khai thực hiện."

    static func tcvn3(_ text: String) -> [UInt8] { encode(text, tcvn3Table) }
    static func vni(_ text: String) -> [UInt8] { encode(text, vniTable) }
    static func windows1258(_ text: String) -> [UInt8] { encode(text, windows1258Table) }

    private static func encode(_ text: String, _ table: [Character: [UInt8]]) -> [UInt8] {
        text.precomposedStringWithCanonicalMapping.flatMap { character -> [UInt8] in
            if let bytes = table[character] { return bytes }
            precondition(character.isASCII, "no legacy bytes for \(character) in the test table")
            return Array(character.utf8)
        }
    }

    /// One byte per precomposed letter; upper-case Đ has its own code (0xA7).
    private static let tcvn3Table: [Character: [UInt8]] = [
        "ô": [0xAB], "á": [0xB8], "ế": [0xD5], "ậ": [0xCB], "ủ": [0xF1], "đ": [0xAE], "ố": [0xE8],
        "ở": [0xEB], "ọ": [0xE4], "à": [0xB5], "ệ": [0xD6], "Đ": [0xA7], "ề": [0xD2], "ị": [0xDE],
        "ơ": [0xAC], "ể": [0xD3], "ự": [0xF9], "ò": [0xDF],
    ]

    /// A base letter followed by a mark: F9 acute, F8 grave, FB hook, F5 tilde, EF dot below;
    /// E2 circumflex, E1/E0/E5/E3/E4 circumflex with acute/grave/hook/tilde/dot; ơ = F4, ư = F6,
    /// đ = F1, Đ = D1, ị = F2.
    private static let vniTable: [Character: [UInt8]] = [
        "ô": [0x6F, 0xE2], "á": [0x61, 0xF9], "ế": [0x65, 0xE1], "ậ": [0x61, 0xE4], "ủ": [0x75, 0xFB],
        "đ": [0xF1], "ố": [0x6F, 0xE1], "ở": [0xF4, 0xFB], "ọ": [0x6F, 0xEF], "à": [0x61, 0xF8],
        "ệ": [0x65, 0xE4], "Đ": [0xD1], "ề": [0x65, 0xE0], "ị": [0xF2], "ơ": [0xF4], "ể": [0x65, 0xE5],
        "ự": [0xF6, 0xEF], "ò": [0x6F, 0xF8],
    ]

    /// Latin-1 letters where they exist (â ê ô á à; not ò, whose F2 became the dot below), Vietnamese ones at D0 F0 (Đ đ), F5 (ơ),
    /// FD (ư); other tones as a combining byte after the vowel: EC acute, CC grave, D2 hook,
    /// DE tilde, F2 dot below.
    private static let windows1258Table: [Character: [UInt8]] = [
        "ô": [0xF4], "á": [0xE1], "ế": [0xEA, 0xEC], "ậ": [0xE2, 0xF2], "ủ": [0x75, 0xD2], "đ": [0xF0],
        "ố": [0xF4, 0xEC], "ở": [0xF5, 0xD2], "ọ": [0x6F, 0xF2], "à": [0xE0], "ệ": [0xEA, 0xF2],
        "Đ": [0xD0], "ề": [0xEA, 0xCC], "ị": [0x69, 0xF2], "ơ": [0xF5], "ể": [0xEA, 0xD2], "ự": [0xFD, 0xF2],
        "ò": [0x6F, 0xCC],
    ]
}

/// A directory under the system's temporary directory, unique to one test, removed with it.
private final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "dondoc-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
