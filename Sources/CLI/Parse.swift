import ArgumentParser
import Extraction
import Foundation

/// `dondoc parse FILE... [--out DIR] [--compact]`: reads notices and writes their extraction.
///
/// One file without `--out` prints its `dondoc.extraction/1` JSON on standard output; with
/// `--out DIR` each file's extraction goes to `DIR/NAME.json`. The work itself is `execute`
/// (Parse+Run.swift), which returns an exit status so that tests can run it.
struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the tasks of notices as dondoc.extraction/1 JSON.",
        discussion: """
            Each FILE is the text of one notice: UTF-8 (with or without a byte-order mark), at \
            most 16 MB. `-` reads standard input. Other encodings (UTF-16, TCVN3, VNI, \
            Windows-1258), PDF, DOCX and binary files are refused with a message that says how \
            to convert them.

            With one FILE and no --out, the extraction is printed on standard output. With \
            --out DIR, DIR/NAME.json is written for each FILE (NAME is the file name without its \
            extension; standard input is named "stdin"), DIR is created if missing, and one line \
            per file is reported on standard error. A file that cannot be parsed is reported and \
            skipped; the others are still written.

            Exit codes:
              0   success
              64  usage error (wrong arguments, several files without --out)
              65  input refused: not UTF-8 text, binary, or larger than 16 MB
              66  input missing or unreadable, or a directory
              70  internal error
              73  cannot write output (--out DIR is a file, or a file cannot be written)
            When several files fail, the exit code is that of the first failure.
            """
    )

    @Argument(help: ArgumentHelp("Notice text files (UTF-8); '-' reads standard input.", valueName: "file"))
    var files: [String] = []

    @Option(
        help: ArgumentHelp(
            "Write DIR/NAME.json for each file instead of printing; needed for several files.",
            valueName: "dir"))
    var out: String?

    @Flag(help: "Write each extraction on one line instead of pretty-printed.")
    var compact = false

    func validate() throws {
        guard !files.isEmpty else {
            throw ValidationError("Pass the notice file to parse ('-' reads standard input).")
        }
        guard let out else {
            if files.count > 1 {
                throw ValidationError(
                    "several files need --out DIR: pass --out with a directory to write one NAME.json per file."
                )
            }
            return
        }
        guard !out.isEmpty else {
            throw ValidationError("--out needs a directory path.")
        }
        if files.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("Standard input can be read only once: pass '-' once.")
        }
        var firstByName: [String: String] = [:]
        for file in files {
            let name = Self.outputName(of: file)
            if let earlier = firstByName[name] {
                throw ValidationError(
                    "'\(earlier)' and '\(file)' would both be written to \(Self.outputPath(dir: out, name: name)); "
                        + "parse them into different --out directories.")
            }
            firstByName[name] = file
        }
    }

    func run() async throws {
        let status = execute(console: .standard)
        if status != .success { throw ExitCode(status.rawValue) }
    }

    /// NAME of `DIR/NAME.json`: the file name without its extension; "stdin" for `-`.
    static func outputName(of file: String) -> String {
        file == "-" ? "stdin" : URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    }

    /// `DIR/NAME.json` as the user will recognise it (DIR as typed).
    static func outputPath(dir: String, name: String) -> String {
        (dir.hasSuffix("/") ? dir : dir + "/") + name + ".json"
    }
}
