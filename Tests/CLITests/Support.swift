import Foundation

@testable import CLI

/// A console whose output and messages the test reads.
final class CapturedConsole {
    var output = Data()
    var messages: [String] = []
    let input: FileHandle

    init(input: FileHandle = FileHandle.nullDevice) { self.input = input }

    var console: Console {
        Console(write: { self.output.append($0) }, report: { self.messages.append($0) }, input: input)
    }
}

/// A directory under the system's temporary directory, unique to one test, removed with it.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "dondoc-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `contents` to `name` in the directory and returns its path.
    func file(_ name: String, _ contents: Data) throws -> String {
        let file = url.appending(path: name)
        try contents.write(to: file)
        return file.path
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
