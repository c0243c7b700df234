import ArgumentParser

struct Parse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Extract the tasks of notices as dondoc.extraction/1 JSON.")
    func run() async throws {}
}
