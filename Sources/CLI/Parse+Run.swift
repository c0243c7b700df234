import Extraction
import Foundation

extension Parse {
    /// Parses every file and prints or writes its extraction; returns the exit status instead of
    /// exiting, and never traps on bad input: each failure is one sentence on `console.report`.
    func execute(console: Console) -> ExitStatus {
        guard let first = files.first else {
            // validate() refuses this; a caller that skipped it gets the same sentence.
            console.report("error: Pass the notice file to parse ('-' reads standard input).")
            return .usage
        }
        guard let out else {
            // validate() allows a single file without --out.
            return printExtraction(of: first, console: console)
        }
        let directory = URL(fileURLWithPath: out)
        if let failure = Self.prepareDirectory(directory, as: out) {
            console.report("error: \(failure)")
            return .cannotWrite
        }
        var firstFailure: ExitStatus?
        for file in files {
            let status = writeExtraction(of: file, into: directory, console: console)
            if status != .success, firstFailure == nil { firstFailure = status }
        }
        return firstFailure ?? .success
    }

    private func printExtraction(of file: String, console: Console) -> ExitStatus {
        switch render(file, console: console) {
        case .failed(let status):
            return status
        case .rendered(let json, _):
            console.write(json)
            return .success
        }
    }

    private func writeExtraction(of file: String, into directory: URL, console: Console) -> ExitStatus {
        let json: Data
        let tasks: Int
        switch render(file, console: console) {
        case .failed(let status): return status
        case .rendered(let data, let count): (json, tasks) = (data, count)
        }
        let name = Self.outputName(of: file)
        let shown = Self.outputPath(dir: out ?? ".", name: name)
        do {
            try json.write(to: directory.appending(path: name + ".json"), options: .atomic)
        } catch {
            console.report(
                "error: cannot write '\(shown)'. Check that the directory is writable and the disk is not full."
            )
            return .cannotWrite
        }
        console.report("wrote \(shown) (\(tasks) \(tasks == 1 ? "task" : "tasks"))")
        return .success
    }

    /// One input's extraction as JSON with its task count, or the exit status of its failure
    /// (already reported).
    private enum Rendered {
        case rendered(Data, tasks: Int)
        case failed(ExitStatus)
    }

    /// Reads, parses and encodes one input; reports a failure in one sentence that names it.
    private func render(_ file: String, console: Console) -> Rendered {
        let text: String
        let source: String
        do {
            if file == "-" {
                source = "stdin"
                text = try NoticeText.read(from: console.input, name: "stdin")
            } else {
                let url = URL(fileURLWithPath: file)
                source = url.lastPathComponent
                text = try NoticeText.read(contentsOf: url)
            }
        } catch {
            // File-system errors name the path themselves; content errors are named here.
            let named =
                error.path == nil
                ? "\(file == "-" ? "stdin" : file): \(error.description)" : error.description
            console.report("error: \(named)")
            return .failed(error.isMissingInput ? .inputMissing : .inputRefused)
        }
        let extraction = NoticeParser.extract(text: text, source: source)
        do {
            return .rendered(
                try ExtractionJSON.encode(extraction, compact: compact), tasks: extraction.tasks.count)
        } catch {
            // Unreachable with the model's types (no floating-point values); a message, not a trap.
            console.report(
                "error: \(file): the extraction could not be encoded as JSON. This is a bug; please report it."
            )
            return .failed(.internalError)
        }
    }

    /// Makes sure `directory` exists as a directory; returns the sentence that says why not.
    private static func prepareDirectory(_ directory: URL, as shown: String) -> String? {
        var isDirectory: ObjCBool = false
        let path = directory.path(percentEncoded: false)
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue
                ? nil : "--out '\(shown)' is a file, not a directory. Choose a directory for the JSON files."
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return nil
        } catch {
            return
                "cannot create the --out directory '\(shown)'. Check the path and that you may write there."
        }
    }
}
