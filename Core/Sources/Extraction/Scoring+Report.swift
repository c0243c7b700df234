import Foundation

/// The score of a whole corpus: the documents' counts added up, so every figure is
/// micro-averaged (task F1 from the summed matches, accuracies over all matched pairs, document
/// accuracy over all fields, reference F1 from the summed set counts).
public struct CorpusScore: Sendable, Equatable {
    /// The summed counts.
    public private(set) var counts = ScoreCounts()
    /// The number of documents added.
    public private(set) var documents = 0

    /// An empty corpus; its figures follow ``ScoreCounts/figures`` (all 1: nothing to get wrong).
    public init() {}

    /// The corpus made of `scores`.
    public init(_ scores: some Sequence<DocumentScore>) {
        for score in scores { add(score) }
    }

    /// Adds one document.
    public mutating func add(_ score: DocumentScore) {
        counts += score.counts
        documents += 1
    }

    /// The six figures over the corpus.
    public var figures: ScoreFigures { counts.figures }

    /// The closing line of `dondoc eval`:
    /// `TOTAL task_f1=0.000 lead_acc=0.000 due_acc=0.000 support_f1=0.000 doc_acc=0.000 refs_f1=0.000`.
    public var totalLine: String { "TOTAL " + figures.summary }
}

/// The six figures of the corpus README's "Scoring", each between 0 and 1.
public struct ScoreFigures: Sendable, Equatable {
    /// F1 of task matching.
    public var taskF1: Double
    /// Share of matched pairs with equal lead sets.
    public var leadAccuracy: Double
    /// Share of matched pairs whose deadlines agree.
    public var dueAccuracy: Double
    /// Micro F1 of support names over matched pairs.
    public var supportF1: Double
    /// Share of equal document fields.
    public var documentAccuracy: Double
    /// F1 of references.
    public var referencesF1: Double

    public init(
        taskF1: Double, leadAccuracy: Double, dueAccuracy: Double, supportF1: Double,
        documentAccuracy: Double, referencesF1: Double
    ) {
        self.taskF1 = taskF1
        self.leadAccuracy = leadAccuracy
        self.dueAccuracy = dueAccuracy
        self.supportF1 = supportF1
        self.documentAccuracy = documentAccuracy
        self.referencesF1 = referencesF1
    }

    /// The figures by their report names, in report order.
    public var named: [(name: String, value: Double)] {
        [
            ("task_f1", taskF1), ("lead_acc", leadAccuracy), ("due_acc", dueAccuracy),
            ("support_f1", supportF1), ("doc_acc", documentAccuracy), ("refs_f1", referencesF1),
        ]
    }

    /// `task_f1=0.000 lead_acc=0.000 due_acc=0.000 support_f1=0.000 doc_acc=0.000 refs_f1=0.000`,
    /// three decimals each.
    public var summary: String {
        named.map { "\($0.name)=\(String(format: "%.3f", $0.value))" }.joined(separator: " ")
    }
}
