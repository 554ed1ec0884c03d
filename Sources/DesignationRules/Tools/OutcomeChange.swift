/// A fixture's decision as record mode and `policy test --compare` see it: the verdict,
/// each stage's outcome and each rule's status, by id; and the other things an expectation
/// file may check (`passes_from X`, `deadline X`, `earliest_eligible`, `text`, `judged_on X`).
public struct RecordedOutcome: Sendable, Equatable {
    public var verdict: String
    public var stages: [String: String]
    public var rules: [String: String]
    public var details: [String: String]

    public init(verdict: String, stages: [String: String], rules: [String: String], details: [String: String] = [:]) {
        self.verdict = verdict
        self.stages = stages
        self.rules = rules
        self.details = details
    }

    /// What an expectation file says.
    public init(_ expectation: Expectation) {
        var details: [String: String] = [:]
        for (id, value) in expectation.passesFrom { details["passes_from \(id)"] = value }
        for (id, value) in expectation.deadlines { details["deadline \(id)"] = value }
        for (id, value) in expectation.judgedOn { details["judged_on \(id)"] = value }
        details["earliest_eligible"] = expectation.earliestEligible
        details["text"] = expectation.text
        self.init(verdict: expectation.verdict, stages: expectation.stages, rules: expectation.rules, details: details)
    }

    /// What re-recording `expectation` from `evaluation` would write: the recorder's own
    /// words, read back, so that what record mode reports is what it writes.
    public init(recording evaluation: Evaluation, over expectation: Expectation) throws(DiagnosticList) {
        let text = ExpectationRecorder.record(evaluation, previous: expectation, summary: expectation.summary)
        self.init(try Expectation(bytes: Array(text.utf8), file: "(re-recorded)"))
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
        // Dates, deadlines and the governing text: reported, never a weakening by themselves.
        for key in Set(before.details.keys).union(after.details.keys).sorted() {
            compare(key, before.details[key], after.details[key], weakens: false)
        }
        self.differences = differences
    }

    /// One line: the verdict's change first, then how many stages and rules changed, each listed.
    public var summary: String {
        differences.map(\.description).joined(separator: "; ")
    }
}
