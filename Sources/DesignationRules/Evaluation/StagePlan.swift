/// Which rules each stage and each of its outcomes looks at, worked out once per
/// policy, so that a stage's outcome is a scan over rule statuses.
struct StagePlan: Sendable {
    struct StageRules: Sendable {
        var stage: Stage
        /// Indexes (into the procedure's rules) of every rule of the stage.
        var rules: [Int]
        /// For each outcome in order, the indexes of the rules whose kinds it names.
        var outcomes: [[Int]]
    }

    let stages: [StageRules]

    init(_ procedure: Procedure, _ rules: [Rule]) {
        stages = procedure.stages.map { stage in
            let kinds = Set(procedure.kinds.filter { $0.stage == stage.id }.map(\.id))
            let indexes = rules.indices.filter { kinds.contains(rules[$0].kind) }
            let outcomes = stage.outcomes.map { outcome in indexes.filter { outcome.whenFailed.contains(rules[$0].kind) } }
            return StageRules(stage: stage, rules: indexes, outcomes: outcomes)
        }
    }

    /// Each stage's result from the rules' statuses (parallel to the procedure's rules).
    func results(_ statuses: [RuleStatus]) -> [StageResult] {
        stages.map { result($0, statuses) }
    }

    /// The first outcome, in order, that a failed rule of its kinds calls for;
    /// undetermined when an earlier outcome still hangs on unknown rules.
    private func result(_ plan: StageRules, _ statuses: [RuleStatus]) -> StageResult {
        var pending = false
        for (outcome, rules) in zip(plan.stage.outcomes, plan.outcomes) {
            if rules.contains(where: { statuses[$0] == .fail }) {
                return pending ? StageResult(stage: plan.stage, outcome: nil, atLeast: outcome) : StageResult(stage: plan.stage, outcome: outcome)
            }
            if rules.contains(where: { statuses[$0] == .unknown }) { pending = true }
        }
        if pending || plan.rules.contains(where: { statuses[$0] == .unknown }) { return StageResult(stage: plan.stage, outcome: nil) }
        return StageResult(stage: plan.stage, outcome: plan.stage.otherwise)
    }

    /// Ineligible if any stage says so; otherwise undetermined if any stage is open;
    /// otherwise incomplete if materials are owed; otherwise eligible.
    static func verdict(_ outcomes: [StageOutcome?]) -> Verdict {
        let verdicts = outcomes.map { $0?.verdict ?? .undetermined }
        for candidate in [Verdict.ineligible, .undetermined, .incomplete] where verdicts.contains(candidate) { return candidate }
        return .eligible
    }
}
