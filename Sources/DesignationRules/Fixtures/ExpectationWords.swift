/// An evaluation's results in the words an expectation file writes them, so that the
/// fixture runner, the recorder and record mode's report of changes read them alike.
extension Evaluation {
    /// The text that governed: the region's own, or one it extends when its own had expired.
    public var governingTextID: String { texts?.texts.first { $0.governs }?.policy.id ?? policy.id }
    /// The text a fixture is about unless it says otherwise: the region's own.
    var ownTextID: String { texts?.texts.first?.policy.id ?? governingTextID }

    func passesFromWord(_ rule: String) -> String {
        rules.first { $0.rule.id == rule }?.passesFrom?.description ?? "none"
    }

    func deadlineWord(_ id: String) -> String {
        deadlines.first { $0.deadline.id == id }.map { $0.value?.description ?? "unknown" } ?? "not shown"
    }

    var earliestWord: String { earliest?.date?.description ?? "none" }

    func judgedOnWord(ofStage id: String) -> String {
        stages.first { $0.stage.id == id }?.judgedOn?.date.description ?? "the as-of date"
    }
}
