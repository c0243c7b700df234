/// The exit codes of DonDoc's commands, from BSD's `sysexits.h`, so that a script can tell a
/// mistyped command from a refused file from a full disk.
enum ExitStatus: Int32, Sendable {
    /// Everything asked was done.
    case success = 0
    /// `EX_USAGE`: the arguments were wrong (swift-argument-parser exits with 64 when `validate()`
    /// or parsing fails).
    case usage = 64
    /// `EX_DATAERR`: an input was refused for what it holds (not UTF-8 text, binary, too large).
    case inputRefused = 65
    /// `EX_NOINPUT`: an input is missing, unreadable, or a directory.
    case inputMissing = 66
    /// `EX_UNAVAILABLE`: the database cannot be opened or reached.
    case unavailable = 69
    /// `EX_SOFTWARE`: an internal error (a bug; the message says what failed).
    case internalError = 70
    /// `EX_CANTCREAT`: an output file or directory could not be written.
    case cannotWrite = 73
    /// `EX_TEMPFAIL`: try again later (the database is locked; someone else changed the record).
    case temporaryFailure = 75
    /// `EX_CONFIG`: the configuration is wrong (DATABASE_URL; a database of a newer DonDoc).
    case configuration = 78
}
