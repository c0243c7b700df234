import ArgumentParser

struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Score extractions against gold files.")
    func run() async throws {}
}
