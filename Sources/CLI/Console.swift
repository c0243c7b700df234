import Foundation

/// Where a command writes its result and its messages, and the standard input it may read.
///
/// Commands take a `Console` instead of using the process's streams directly, so tests run them
/// as a library and read what they wrote.
struct Console {
    /// Writes bytes to standard output (the command's result).
    var write: (Data) -> Void
    /// Writes one line to standard error (progress and error messages); the newline is added.
    var report: (String) -> Void
    /// What `-` reads.
    var input: FileHandle

    /// The process's standard output, standard error and standard input.
    static var standard: Console {
        Console(
            write: { FileHandle.standardOutput.write($0) },
            report: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) },
            input: FileHandle.standardInput
        )
    }
}
