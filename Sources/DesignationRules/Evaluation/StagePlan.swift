/// Which rules each stage and each of its outcomes looks at, worked out once per
/// policy, so that a stage's outcome is a scan over rule statuses.
struct StagePlan: Sendable {
    struct StageRules: Sendable {
        var stage: Stage
        /// Indexes (into the procedure's rules) of every rule of the stage.
        var rules: [Int]
        /// For each outcome in order, the indexes of the rules whose kinds it names.
        var outcomes: [[Int]]
        /// Each outcome's verdict by position, `otherwise` last.
        var verdicts: [Verdict]
    }

    let stages: [StageRules]

    init(_ procedure: Procedure, _ rules: [Rule]) {
        stages = procedure.stages.map { stage in
            let kinds = Set(procedure.kinds.filter { $0.stage == stage.id }.map(\.id))
            let indexes = rules.indices.filter { kinds.contains(rules[$0].kind) }
            let outcomes = stage.outcomes.map { outcome in indexes.filter { outcome.whenFailed.contains(rules[$0].kind) } }
            return StageRules(stage: stage, rules: indexes, outcomes: outcomes,
                              verdicts: stage.outcomes.map(\.verdict) + [stage.otherwise.verdict])
        }
    }

    /// A stage's outcome by position: an index into the stage's `outcomes`, or their
    /// count for `otherwise`; nil when facts are missing that could change it. Batch
    /// mode keeps these rather than copies of the stages.
    struct OutcomeIndex: Sendable, Equatable {
        var outcome: Int?
        /// The outcome the known failures already call for, when `outcome` is nil.
        var atLeast: Int?
    }

    /// Each stage's result from the rules' statuses (parallel to the procedure's rules).
    func results(_ statuses: [RuleStatus]) -> [StageResult] {
        results(outcomeIndexes(statuses))
    }

    func results(_ indexes: [OutcomeIndex]) -> [StageResult] {
        zip(stages, indexes).map { plan, index in
            StageResult(stage: plan.stage, outcome: index.outcome.map { Self.outcome($0, of: plan.stage) },
                        atLeast: index.atLeast.map { Self.outcome($0, of: plan.stage) })
        }
    }

    func outcomeIndexes(_ statuses: [RuleStatus]) -> [OutcomeIndex] {
        stages.indices.map { outcomeIndex($0, statuses) }
    }

    static func outcome(_ index: Int, of stage: Stage) -> StageOutcome {
        index < stage.outcomes.count ? stage.outcomes[index] : stage.otherwise
    }

    /// The first outcome, in order, that a failed rule of its kinds calls for;
    /// undetermined when an earlier outcome still hangs on unknown rules. (By index, so
    /// that batch mode copies no stage.)
    private func outcomeIndex(_ stage: Int, _ statuses: [RuleStatus]) -> OutcomeIndex {
        var pending = false
        for index in stages[stage].outcomes.indices {
            if Self.any(stages[stage].outcomes[index], is: .fail, statuses) {
                return pending ? OutcomeIndex(outcome: nil, atLeast: index) : OutcomeIndex(outcome: index)
            }
            if Self.any(stages[stage].outcomes[index], is: .unknown, statuses) { pending = true }
        }
        if pending || Self.any(stages[stage].rules, is: .unknown, statuses) { return OutcomeIndex(outcome: nil) }
        return OutcomeIndex(outcome: stages[stage].stage.outcomes.count)
    }

    private static func any(_ rules: [Int], is status: RuleStatus, _ statuses: [RuleStatus]) -> Bool {
        for rule in rules where statuses[rule] == status { return true }
        return false
    }

    /// The verdict the stages' outcomes give.
    func verdict(_ indexes: [OutcomeIndex]) -> Verdict {
        Self.verdict(indexes.indices.map { stage in
            indexes[stage].outcome.map { stages[stage].verdicts[$0] } ?? .undetermined
        })
    }

    static func verdict(_ outcomes: [StageOutcome?]) -> Verdict {
        verdict(outcomes.map { $0?.verdict ?? .undetermined })
    }

    /// Ineligible if any stage says so; otherwise undetermined if any stage is open;
    /// otherwise incomplete if materials are owed; otherwise eligible.
    private static func verdict(_ verdicts: [Verdict]) -> Verdict {
        for candidate in Self.verdictsByPrecedence where verdicts.contains(candidate) { return candidate }
        return .eligible
    }

    private static let verdictsByPrecedence: [Verdict] = [.ineligible, .undetermined, .incomplete]
}
