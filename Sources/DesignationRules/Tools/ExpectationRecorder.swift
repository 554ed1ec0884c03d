/// Re-records a fixture's expectation from an evaluation, after an intended change;
/// the difference is then reviewed in git. The as-of date and summary are kept, and
/// the optional sections keep the keys they had (nothing the fixture checked is dropped).
public enum ExpectationRecorder {
    public static func record(_ evaluation: Evaluation, previous: Expectation, summary: String?) -> String {
        var members: [(String, JSONOutput)] = [("as_of", .string(previous.asOf.description))]
        if let summary { members.append(("summary", .string(summary))) }
        if previous.procedure != Procedure.application { members.append(("procedure", .string(previous.procedure))) }
        // The governing text, where the fixture names one or another than the region's own governs.
        if previous.text != nil || evaluation.governingTextID != evaluation.ownTextID {
            members.append(("text", .string(evaluation.governingTextID)))
        }
        members.append(("verdict", .string(evaluation.verdict.rawValue)))
        members.append(("stages", .object(evaluation.stages.map { ($0.stage.id, .string($0.outcome?.id ?? ($0.reached ? "undetermined" : "not-reached"))) })))
        members.append(("rules", .object(evaluation.rules.map { ($0.rule.id, .string($0.status.rawValue)) })))
        if !previous.passesFrom.isEmpty {
            members.append(("passes_from", .object(previous.passesFrom.keys.sorted().map { ($0, .string(evaluation.passesFromWord($0))) })))
        }
        if !previous.deadlines.isEmpty {
            members.append(("deadlines", .object(previous.deadlines.keys.sorted().map { ($0, .string(evaluation.deadlineWord($0))) })))
        }
        if previous.earliestEligible != nil {
            members.append(("earliest_eligible", .string(evaluation.earliestWord)))
        }
        if !previous.judgedOn.isEmpty {
            members.append(("judged_on", .object(previous.judgedOn.keys.sorted().map { ($0, .string(evaluation.judgedOnWord(ofStage: $0))) })))
        }
        return JSONOutput.object(members).serialized() + "\n"
    }
}
