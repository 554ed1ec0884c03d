/// Which rules each stage and each of its outcomes looks at, worked out once per
/// policy, so that a stage's outcome is a scan over rule statuses.
struct StagePlan: Sendable {
    struct StageRules: Sendable {
        var stage: Stage
        /// Where the stage's rules sit in `members`: all of them, then each outcome's.
        var rules: Range<Int>
        /// Per outcome in order, where the rules whose kinds it names sit in `members`.
        var outcomes: [Range<Int>]
        /// Each outcome's verdict by position, `otherwise` last.
        var verdicts: [Verdict]
    }

    let stages: [StageRules]
    /// Whether a stage that ends the procedure leaves the later ones unreached.
    let isSequential: Bool
    /// Indexes into the procedure's rules, stage after stage: a stage's rules, then each
    /// outcome's (one array, so that a scan copies no list of its own).
    private let members: [Int]

    init(_ procedure: Procedure, _ rules: [Rule]) {
        var members: [Int] = []
        func add(_ indexes: [Int]) -> Range<Int> {
            members += indexes
            return members.count - indexes.count ..< members.count
        }
        stages = procedure.stages.map { stage in
            let kinds = Set(procedure.kinds.filter { $0.stage == stage.id }.map(\.id))
            let indexes = rules.indices.filter { kinds.contains(rules[$0].kind) }
            let all = add(indexes)
            let outcomes = stage.outcomes.map { outcome in add(indexes.filter { outcome.whenFailed.contains(rules[$0].kind) }) }
            return StageRules(stage: stage, rules: all, outcomes: outcomes,
                              verdicts: stage.outcomes.map(\.verdict) + [stage.otherwise.verdict])
        }
        self.members = members
        isSequential = procedure.isSequential
    }

    /// A stage's outcome by position: an index into the stage's `outcomes`, or their
    /// count for `otherwise`; nil when facts are missing that could change it. Batch
    /// mode keeps these rather than copies of the stages.
    struct OutcomeIndex: Sendable, Equatable {
        var outcome: Int?
        /// The outcome the known failures already call for, when `outcome` is nil.
        var atLeast: Int?
        /// False when an earlier stage ended the procedure: the stage then has no outcome.
        var reached = true
    }

    /// Each stage's result from the rules' statuses (parallel to the procedure's rules).
    func results(_ statuses: [RuleStatus]) -> [StageResult] {
        results(outcomeIndexes(statuses))
    }

    func results(_ indexes: [OutcomeIndex]) -> [StageResult] {
        zip(stages, indexes).map { plan, index in
            StageResult(stage: plan.stage, outcome: index.outcome.map { Self.outcome($0, of: plan.stage) },
                        atLeast: index.atLeast.map { Self.outcome($0, of: plan.stage) }, reached: index.reached)
        }
    }

    func outcomeIndexes(_ statuses: [RuleStatus]) -> [OutcomeIndex] {
        var indexes: [OutcomeIndex] = []
        outcomeIndexes(statuses, into: &indexes)
        return indexes
    }

    /// As above, into an array batch mode keeps from one profile to the next.
    func outcomeIndexes(_ statuses: [RuleStatus], into indexes: inout [OutcomeIndex]) {
        if indexes.count != stages.count { indexes = Array(repeating: OutcomeIndex(outcome: nil), count: stages.count) }
        indexes.withUnsafeMutableBufferPointer { indexes in
            statuses.withUnsafeBufferPointer { statuses in
                members.withUnsafeBufferPointer { members in
                    var ended = false
                    for stage in stages.indices {
                        // A stage after one that ended the procedure is not reached: it gets no
                        // outcome, whatever its rules say on the facts given.
                        if ended { indexes[stage] = OutcomeIndex(outcome: nil, reached: false); continue }
                        indexes[stage] = outcomeIndex(stage, statuses, members)
                        ended = isSequential && (indexes[stage].outcome.map { stages[stage].verdicts[$0].endsProcedure } ?? false)
                    }
                }
            }
        }
    }

    static func outcome(_ index: Int, of stage: Stage) -> StageOutcome {
        index < stage.outcomes.count ? stage.outcomes[index] : stage.otherwise
    }

    /// The first outcome, in order, that a failed rule of its kinds calls for;
    /// undetermined when an earlier outcome still hangs on unknown rules.
    private func outcomeIndex(_ stage: Int, _ statuses: UnsafeBufferPointer<RuleStatus>, _ members: UnsafeBufferPointer<Int>) -> OutcomeIndex {
        func any(_ range: Range<Int>, is status: RuleStatus) -> Bool {
            for member in range where statuses[members[member]] == status { return true }
            return false
        }
        var pending = false
        let outcomes = stages[stage].outcomes
        for index in outcomes.indices {
            if any(outcomes[index], is: .fail) {
                return pending ? OutcomeIndex(outcome: nil, atLeast: index) : OutcomeIndex(outcome: index)
            }
            if any(outcomes[index], is: .unknown) { pending = true }
        }
        if pending || any(stages[stage].rules, is: .unknown) { return OutcomeIndex(outcome: nil) }
        return OutcomeIndex(outcome: outcomes.count)
    }

    /// The verdict the stages' outcomes give.
    func verdict(_ indexes: [OutcomeIndex]) -> Verdict {
        var verdict = Verdict.eligible
        for (stage, index) in indexes.enumerated() where index.reached {
            verdict = Self.stronger(verdict, index.outcome.map { stages[stage].verdicts[$0] } ?? .undetermined)
        }
        return verdict
    }

    static func verdict(_ stages: [StageResult]) -> Verdict {
        stages.filter(\.reached).reduce(.eligible) { stronger($0, $1.outcome?.verdict ?? .undetermined) }
    }

    /// The strongest of several verdicts, by the order below.
    static func strongest(_ verdicts: [Verdict]) -> Verdict { verdicts.reduce(.eligible, stronger) }

    /// Ineligible if any stage says so; otherwise undetermined if any stage is open;
    /// otherwise deferred if the application is to be made again later; otherwise
    /// incomplete if materials are owed; otherwise eligible.
    private static func stronger(_ a: Verdict, _ b: Verdict) -> Verdict {
        precedence(b) < precedence(a) ? b : a
    }

    private static func precedence(_ verdict: Verdict) -> Int {
        switch verdict {
        case .ineligible: 0
        case .undetermined: 1
        case .deferred: 2
        case .incomplete: 3
        default: 4
        }
    }
}
