/// Whether a text is law yet, still law, or only proposed.
public enum PolicyStatus: String, Sendable, CaseIterable {
    case inForce = "in-force", draft, expired
}

/// The document a policy file encodes.
public struct PolicyDocument: Sendable {
    public var title: String
    public var number: String
    public var issuer: String
    public var issued: CivilDate?
    /// The official text, relative to the policies folder.
    public var source: String?
    /// Where the text applies, in words (国家 / 北京市): named in a report's header.
    public var jurisdiction: Label? = nil
}

/// A kind of rule (condition, refusal ground, material, …) and the stage it belongs to.
public struct RuleKind: Sendable {
    public var id: String
    public var stage: String
    public var label: Label
}

/// What a stage of the procedure can end in.
public struct StageOutcome: Sendable {
    public var id: String
    public var label: Label
    /// The outcome applies when a rule of one of these kinds fails.
    public var whenFailed: [String]
    public var verdict: Verdict
}

/// A procedure a text lays down: applying for designation, reporting a change, renewing,
/// suspending, terminating, … — its stages, and the kinds of rule each stage looks at.
public struct Procedure: Sendable {
    /// `application` for the procedure of the policy's `procedure` key.
    public var id: String
    public var label: Label
    public var stages: [Stage]
    public var kinds: [RuleKind]
    /// The words for the overall verdict in this procedure (the agreement continues /
    /// is terminated …), where the default words about designation do not fit.
    public var verdictLabels: [Verdict: Label] = [:]
    /// Whether the stages follow one another, so that one ending the procedure (a refusal)
    /// leaves the later ones unreached (`sequential: false`: each stage is a question of its
    /// own about the institution, as the grounds for suspension and the end of a suspension).
    public var isSequential = true
    /// Whom the procedure speaks to, where that differs from the text's scope (an
    /// institution already designated, not an applicant): it replaces the text's scope
    /// for this procedure.
    public var scope: ProcedureScope? = nil
    /// For a procedure other than the application: the named date on which a text must be
    /// in force to govern it; nil: the as-of date (the policy's `inForceFor` is the
    /// application's).
    public var inForceFor: String? = nil

    public static let application = "application"
}

/// A procedure's own scope: its words, the reading taken, and the test an applicant
/// must meet (out of scope otherwise).
public struct ProcedureScope: Sendable {
    public var label: Label
    public var note: Label?
    public var test: Compiled
    /// The articles that say whom the procedure speaks to, cited when an applicant is out of it.
    public var provisions: [Provision] = []
}

/// An article a result rests on, with its wording (a scope's provisions).
public struct Provision: Sendable {
    public var citation: Citation
    public var quote: String
}

/// One stage of the procedure (受理, 评估), with its outcomes in order of precedence.
public struct Stage: Sendable {
    public var id: String
    public var label: Label
    public var outcomes: [StageOutcome]
    /// The outcome when no rule of the stage fails and none is unknown.
    public var otherwise: StageOutcome
    /// The named date (`dates`) the stage's rules are judged on; nil: the as-of date.
    public var judgedOn: String? = nil
}

/// A rule of a policy: a condition to meet, a ground for refusal, a material to submit.
public struct Rule: Sendable {
    public enum Polarity: String, Sendable {
        /// The rule passes when the test holds.
        case requires
        /// The rule fails when the test holds (refusal grounds).
        case failsIf = "fails_if"
    }

    public var id: String
    public var kind: String
    public var citation: Citation
    /// The source wording, verbatim.
    public var quote: String
    public var explanation: Label
    /// The reading taken where the wording leaves a choice; shown beside the result.
    public var note: Label?
    public var appliesIf: Compiled?
    public var polarity: Polarity
    /// For a rule with alternatives, their disjunction.
    public var test: Compiled
    /// Items of which one must hold, each with its own citation (第五条（一）…（六）).
    public var alternatives: [Alternative]
    /// Facts shown with the result whatever it is (the district office a form names),
    /// without being conditions.
    public var shows: [String] = []
    /// The id of the inherited rule this one takes the place of.
    public var replaces: String?
    /// That inherited rule, once merged, so results can show both texts.
    public var superseded: Superseded?
    public var location: SourceLocation
    /// The named date the rule is judged on, where it differs from its stage's.
    public var judgedOn: String? = nil
    /// For a rule that holds only at times no comparison with `today` names (a window
    /// that opens again each quarter): the next date on which it can hold, worked out on
    /// the day judged, offered to the search for `passes_from` with the comparisons' dates.
    public var nextPossible: Compiled? = nil
    /// Other units of the text that state what the rule checks (an annex's form or checklist
    /// restating an article): text coverage counts them as encoded by the rule (`also_cites`).
    public var alsoCites: [Provision] = []
}

/// What an inherited rule, parameter or deadline said before a region replaced it.
public struct Superseded: Sendable {
    public var id: String
    public var citation: Citation
    public var quote: String
    /// The rule's explanation or the deadline's label; a parameter's value as written.
    public var text: Label
    /// A parameter's value.
    public var value: Value?
}

/// A region setting an inherited rule aside, with its own citation; with `appliesIf`,
/// only for the applicants it describes (a rule for hospitals, waived for pharmacies).
public struct Waiver: Sendable {
    public var rule: String
    public var appliesIf: Compiled?
    public var citation: Citation
    public var quote: String
    public var explanation: Label
    public var location: SourceLocation
}

/// One item of a rule that lists alternatives.
public struct Alternative: Sendable {
    public var citation: Citation
    public var quote: String
    public var test: Compiled
}

/// A date the text fixes (a notice period, an evaluation period) or a term it sets.
public struct Deadline: Sendable {
    public var id: String
    public var citation: Citation
    public var quote: String
    public var label: Label
    public var note: Label?
    /// Shown only when a stage ends in one of these outcomes (`acceptance:supplement-required`);
    /// always shown when empty.
    public var when: [(stage: String, outcome: String)]
    /// Shown only for the applicants this describes (one with an earlier failed evaluation).
    public var appliesIf: Compiled?
    /// The procedure whose results show it.
    public var procedure: String = Procedure.application
    /// A date expression, or a duration expression for a term.
    public var value: Compiled
    public var replaces: String?
    public var superseded: Superseded?
    public var location: SourceLocation
}

/// A named value a rule uses (3 months of operation), with where the text sets it.
public struct Parameter: Sendable {
    public var name: String
    public var value: Value
    public var text: String
    public var citation: Citation
    public var quote: String
    public var label: Label
    public var superseded: Superseded?
}

/// One jurisdiction's text, loaded and checked against the vocabulary.
public struct Policy: Sendable {
    public var id: String
    public var file: String
    public var document: PolicyDocument
    public var status: PolicyStatus
    public var effectiveFrom: CivilDate?
    public var effectiveUntil: CivilDate?
    /// The policy this one extends.
    public var parent: String?
    public var scope: Label
    /// The reading taken where the text leaves its scope unclear.
    public var scopeNote: Label?
    /// Whether an applicant is one the text speaks to; nil when it speaks to all.
    public var scopeTest: Compiled?
    /// The procedures the text lays down, the application procedure first.
    public var procedures: [Procedure]
    public var parameters: [Parameter]
    public var rules: [Rule]
    public var deadlines: [Deadline]
    /// Inherited rules this text sets aside.
    public var waivers: [Waiver]
    /// The notices the outcomes call for (`policies/notices/<id>.json5`), most specific first.
    public var notices: [Notice] = []
    /// The named dates stages and rules are judged on, inherited ones included.
    public var dates: [JudgingDate] = []
    /// The named date on which this text must be in force to govern an application (the
    /// day it was received); nil: the as-of date. Other procedures name their own.
    public var inForceFor: String? = nil
    /// The named date the scope is judged on; nil: the as-of date.
    public var scopeJudgedOn: String? = nil
    /// The articles that say whom the text speaks to, cited when an applicant is out of scope.
    public var scopeProvisions: [Provision] = []
    /// The units of its own text this file declares it does not encode, and why (`TextCoverage`).
    public var notEncoded: [NotEncoded] = []
    /// The texts this one extends, each merged with its own parents, nearest first: what
    /// governs instead when this text is not in force on the day that decides.
    public var ancestors: [Policy] = []

    /// Every kind of rule, of every procedure.
    public var kinds: [RuleKind] { procedures.flatMap(\.kinds) }

    public func kind(_ id: String) -> RuleKind? { kinds.first { $0.id == id } }

    public func procedure(_ id: String) -> Procedure? { procedures.first { $0.id == id } }

    /// The procedure a rule belongs to, through its kind.
    public func procedure(of rule: Rule) -> Procedure? { procedures.first { $0.kinds.contains { $0.id == rule.kind } } }

    /// The ids of the documents that anything of this policy cites.
    var citedDocuments: Set<String> {
        var citations = parameters.map(\.citation) + rules.map(\.citation) + deadlines.map(\.citation) + waivers.map(\.citation)
        citations += rules.flatMap { $0.alternatives.map(\.citation) } + notices.compactMap(\.citation)
        citations += (parameters.map(\.superseded) + rules.map(\.superseded) + deadlines.map(\.superseded)).compactMap { $0?.citation }
        return Set(citations.map(\.document))
    }
}

/// The overall answer of an evaluation.
public enum Verdict: String, Sendable, CaseIterable {
    /// Every stage passed.
    case eligible
    /// Some stage ended in a refusal or an unqualified result.
    case ineligible
    /// Nothing refuses the applicant, but materials must be supplemented.
    case incomplete
    /// Nothing is wrong with the application, but it cannot be handled now: it is to be
    /// made again at a time the text sets (outside an application window).
    case deferred
    /// Facts are missing that could change the answer.
    case undetermined
    /// The applicant is not one the text speaks to.
    case outOfScope = "out-of-scope"

    /// Whether a stage ending in this verdict ends the procedure: the stages after it are
    /// not reached.
    public var endsProcedure: Bool { self == .ineligible || self == .deferred }
}
