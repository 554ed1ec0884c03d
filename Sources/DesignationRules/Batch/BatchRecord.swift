/// The one-line JSON record batch mode writes for each input line: the decision, or
/// the reasons the line could not be read. Schema `designation-batch/1`:
///
///     {"line":1,"verdict":"ineligible","stages":{"acceptance":"refused","evaluation":null},"not_reached":["evaluation"],
///      "failed":[{"rule":"art12-4-…","citation":"第十二条（四）","passes_from":"2027-03-16"}],
///      "unknown":["art12-5-…"],"questions":["key_persons"],"earliest_eligible":"2027-03-16"}
///     {"line":2,"error":"bad-input","problems":[{"code":"wrong-type","at":"1:15","message":"…"}]}
public enum BatchRecord {
    public static let schema = "designation-batch/1"

    /// `evaluator` is the region's; when a text it extends governed the line (the region's
    /// own not being in force on the day that decides), `text` names that text.
    public static func decision(line: Int, _ decision: Decision, evaluator region: Evaluator) -> JSONOutput {
        let evaluator = region.layer(decision.layer)
        let (rules, policy) = (evaluator.rules, evaluator.policy)
        let failed = decision.statuses.indices.filter { decision.statuses[$0] == .fail }
        let stages = decision.stages(in: region)
        return .object([
            ("line", .int(line)),
        ] + (decision.layer == 0 ? [] : [("text", .string(policy.id))]) + [
            ("verdict", .string(decision.verdict.rawValue)),
            ("stages", .object(stages.map { ($0.stage.id, $0.outcome.map { .string($0.id) } ?? .null) })),
            // A stage after one that ended the procedure has no outcome; null alone would read as undetermined.
            ("not_reached", .array(stages.filter { !$0.reached }.map { .string($0.stage.id) })),
            ("failed", .array(failed.map { index in
                .object([("rule", .string(rules[index].id)),
                         ("citation", .string(citation(rules[index].citation, policy))),
                         ("passes_from", decision.passesFrom[index].map { .string($0.description) } ?? .null)])
            })),
            ("unknown", .array(decision.statuses.indices.filter { decision.statuses[$0] == .unknown }.map { .string(rules[$0].id) })),
            ("questions", .array(decision.questions.map(JSONOutput.string))),
            ("earliest_eligible", decision.earliest?.date.map { .string($0.description) } ?? .null),
        ])
    }

    public static func error(line: Int, code: String, _ problems: [Diagnostic]) -> JSONOutput {
        .object([
            ("line", .int(line)),
            ("error", .string(code)),
            ("problems", .array(problems.map { problem in
                .object([("code", .string(problem.code)),
                         ("at", problem.location.map { .string("\($0.line):\($0.column)") } ?? .null),
                         ("message", .string(problem.message))])
            })),
        ])
    }

    static func citation(_ citation: Citation, _ policy: Policy) -> String {
        policy.parent == nil && citation.document == policy.id ? citation.text : "\(citation.document) \(citation.text)"
    }
}
