/// A fixture's decision as record mode and `policy test --compare` see it: the verdict,
/// each stage's outcome and each rule's status, by id.
public struct RecordedOutcome: Sendable, Equatable {
    public var verdict: String
    public var stages: [String: String]
    public var rules: [String: String]

    public init(verdict: String, stages: [String: String], rules: [String: String]) {
        self.verdict = verdict
        self.stages = stages
        self.rules = rules
    }

    /// What an expectation file says.
    public init(_ expectation: Expectation) {
        self.init(verdict: expectation.verdict, stages: expectation.stages, rules: expectation.rules)
    }

    /// What an evaluation decided, in the words an expectation file uses.
    public init(_ evaluation: Evaluation) {
        self.init(verdict: evaluation.verdict.rawValue,
                  stages: Dictionary(evaluation.stages.map { ($0.stage.id, $0.outcome?.id ?? Self.undetermined) }, uniquingKeysWith: { a, _ in a }),
                  rules: Dictionary(evaluation.rules.map { ($0.rule.id, $0.status.rawValue) }, uniquingKeysWith: { a, _ in a }))
    }

    static let undetermined = Verdict.undetermined.rawValue
    static let fail = RuleStatus.fail.rawValue
}

/// How a fixture's decision changes from one outcome to another, and whether the change
/// weakens what the fixture guards: a decided verdict or stage becoming undetermined, a
/// rule expected to fail no longer failing, or one expected to pass becoming unknown. Record mode refuses to write a weakening
/// unless told to, so that an edit cannot turn the fixtures that should catch it quiet.
public struct OutcomeChange: Sendable {
    /// One thing that differs: `what` (`verdict`, `stage acceptance`, `rule art5-licence`),
    /// its value before and after (nil: not there).
    public struct Difference: Sendable, Equatable, CustomStringConvertible {
        public var what: String
        public var before: String?
        public var after: String?
        /// Whether this difference weakens the guard (see ``OutcomeChange``).
        public var weakens: Bool

        public var description: String { "\(what): \(before ?? "(none)") → \(after ?? "(none)")" }
    }

    public var differences: [Difference]

    public var isEmpty: Bool { differences.isEmpty }
    public var weakenings: [Difference] { differences.filter(\.weakens) }

    /// The differences from `before` to `after`: the verdict, then the stages and the rules by id.
    public init(from before: RecordedOutcome, to after: RecordedOutcome) {
        var differences: [Difference] = []
        func compare(_ what: String, _ old: String?, _ new: String?, weakens: Bool) {
            guard old != new else { return }
            differences.append(Difference(what: what, before: old, after: new, weakens: weakens))
        }
        let undetermined = RecordedOutcome.undetermined, fail = RecordedOutcome.fail
        compare("verdict", before.verdict, after.verdict, weakens: before.verdict != undetermined && after.verdict == undetermined)
        for id in Set(before.stages.keys).union(after.stages.keys).sorted() {
            let old = before.stages[id], new = after.stages[id]
            compare("stage \(id)", old, new, weakens: old != nil && old != undetermined && (new == nil || new == undetermined))
        }
        for id in Set(before.rules.keys).union(after.rules.keys).sorted() {
            let old = before.rules[id], new = after.rules[id]
            compare("rule \(id)", old, new, weakens: (old == fail && new != fail) || (old == RuleStatus.pass.rawValue && new == RuleStatus.unknown.rawValue))
        }
        self.differences = differences
    }

    /// One line: the verdict's change first, then how many stages and rules changed, each listed.
    public var summary: String {
        differences.map(\.description).joined(separator: "; ")
    }
}
