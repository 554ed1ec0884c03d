/// Re-records a fixture's expectation from an evaluation, after an intended change;
/// the difference is then reviewed in git. The as-of date and summary are kept, and
/// the optional sections keep the keys they had.
public enum ExpectationRecorder {
    public static func record(_ evaluation: Evaluation, previous: Expectation, summary: String?) -> String {
        var members: [(String, JSONOutput)] = [("as_of", .string(previous.asOf.description))]
        if let summary { members.append(("summary", .string(summary))) }
        if previous.procedure != Procedure.application { members.append(("procedure", .string(previous.procedure))) }
        members.append(("verdict", .string(evaluation.verdict.rawValue)))
        members.append(("stages", .object(evaluation.stages.map { ($0.stage.id, .string($0.outcome?.id ?? ($0.reached ? "undetermined" : "not-reached"))) })))
        members.append(("rules", .object(evaluation.rules.map { ($0.rule.id, .string($0.status.rawValue)) })))
        if !previous.passesFrom.isEmpty {
            members.append(("passes_from", .object(previous.passesFrom.keys.sorted().map { id in
                (id, .string(evaluation.rules.first { $0.rule.id == id }?.passesFrom?.description ?? "none"))
            })))
        }
        if !previous.deadlines.isEmpty {
            members.append(("deadlines", .object(previous.deadlines.keys.sorted().map { id in
                let result = evaluation.deadlines.first { $0.deadline.id == id }
                return (id, .string(result.map { $0.value?.description ?? "unknown" } ?? "not shown"))
            })))
        }
        if previous.earliestEligible != nil {
            members.append(("earliest_eligible", .string(evaluation.earliest?.date?.description ?? "none")))
        }
        return JSONOutput.object(members).serialized() + "\n"
    }
}
