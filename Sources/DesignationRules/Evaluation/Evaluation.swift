/// How one rule came out.
public enum RuleStatus: String, Sendable, CaseIterable {
    case pass, fail, unknown
    case notApplicable = "not-applicable"
    case waived
}

/// One rule's result, with the values that decided it.
public struct RuleResult: Sendable {
    public var rule: Rule
    public var status: RuleStatus
    public var evidence: [Evidence]
    /// Paths of the missing facts that left the rule unknown.
    public var needed: [String]
    /// For a failure that is only a matter of time: the first date on which the rule passes.
    public var passesFrom: CivilDate?
    /// Whether a date behind the result was counted on weekends alone.
    public var isApproximate: Bool
    /// For a rule with alternatives that passed: the ones that hold.
    public var matched: [Alternative]
    /// For a waived rule: the regional text that sets it aside.
    public var waiver: Waiver?
    /// The day the rule was judged on (its stage's, unless it names its own).
    public var judgedOn: JudgedOn? = nil
}

/// Whether the applicant is one the text speaks to.
public struct ScopeResult: Sendable {
    /// pass: in scope; fail: out of scope; unknown: facts needed to tell.
    public var status: RuleStatus
    public var evidence: [Evidence]
    public var needed: [String]
}

/// How one stage of the procedure came out.
public struct StageResult: Sendable {
    public var stage: Stage
    /// nil when facts are missing that could change the outcome.
    public var outcome: StageOutcome?
    /// The outcome the known failures already call for, when `outcome` is nil.
    public var atLeast: StageOutcome?
    /// False when an earlier stage ended the procedure (a refusal, an application to be
    /// made again later): the stage has no outcome then, and none of its deadlines apply.
    public var reached: Bool = true
    /// The day the stage's rules were judged on.
    public var judgedOn: JudgedOn? = nil
}

/// Which texts governed: the region's own and each it extends, with whether it was in
/// force on the day that decides (the day the application was received), and which one
/// governed. An expired regional text falls away for the cases after it expired.
public struct TextsInForce: Sendable {
    public struct Standing: Sendable {
        public var policy: Policy
        public var governs: Bool
        public var inForce: Bool
    }

    /// The day whose texts in force govern.
    public var decidedOn: JudgedOn
    /// The region's text first, then each it extends.
    public var texts: [Standing]
}

/// A date or a term the text fixes, computed for this applicant.
public struct DeadlineResult: Sendable {
    public var deadline: Deadline
    public var value: Value?
    public var evidence: [Evidence]
    public var needed: [String]
    public var isApproximate: Bool
    /// Whether the date lies before the as-of date.
    public var hasPassed: Bool
}

/// When an applicant that fails only for want of time would pass.
public struct EarliestEligibility: Sendable {
    /// The first date on which no rule fails, or nil when some failure is not a matter of time.
    public var date: CivilDate?
    /// The rules whose waiting decides the date, or the failures time does not cure.
    public var rules: [String]
}

/// A policy applied to a profile as of a date.
public struct Evaluation: Sendable {
    public var policy: Policy
    public var procedure: Procedure
    public var asOf: CivilDate
    public var profile: Profile
    public var profileSource: String { profile.source }
    public var verdict: Verdict
    public var scope: ScopeResult
    public var stages: [StageResult]
    public var rules: [RuleResult]
    public var deadlines: [DeadlineResult]
    /// Warnings about the text itself (a draft, expired or not yet in force).
    public var warnings: [Label]
    /// Missing facts that could change the decision, in the order rules first need them.
    public var questions: [String]
    /// For an applicant with failures: whether, and from when, time alone cures them.
    public var earliest: EarliestEligibility?
    /// Which texts governed, and why; nil when not worked out (a text evaluated on its own).
    public var texts: TextsInForce? = nil
    /// The facts of the named dates the profile did not give, where something read the
    /// date (a rule comparing with `today`, the choice of the text in force): the as-of
    /// date stood in for them. An interview asks them; a report says so.
    public var standIns: [String] = []
}

extension Evaluation {
    /// Whom the procedure speaks to, in words: its own scope, else the text's.
    public var scopeLabel: Label { procedure.scope?.label ?? policy.scope }
    public var scopeNote: Label? { procedure.scope.map(\.note) ?? policy.scopeNote }
    /// The articles that say whom the procedure speaks to: cited when the applicant is out of scope.
    public var scopeProvisions: [Provision] { procedure.scope.map(\.provisions) ?? policy.scopeProvisions }

    /// Whether the procedure gets to `stage`: no earlier stage ended it.
    public func reached(_ stage: StageResult) -> Bool { stage.reached }
}
