import CLI

// Top-level code resolves `DonDocCommand.main()` to ParsableCommand's synchronous `main()`, which
// stops every run with "Asynchronous root command needs availability annotation"; inside an async
// function the compiler picks AsyncParsableCommand's `main() async`.
func runDonDoc() async { await DonDocCommand.main() }

await runDonDoc()
