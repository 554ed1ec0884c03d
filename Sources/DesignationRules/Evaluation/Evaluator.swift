/// Applies one procedure of a policy to a profile: every rule of the procedure, then its
/// stages in order, then the deadlines that the outcome calls for.
public struct Evaluator: Sendable {
    public let policy: Policy
    public let calendar: WorkingDayCalendar
    public let procedure: Procedure
    /// The rules of the procedure, in the policy's order.
    public let rules: [Rule]

    /// Parameter values by name, as the policy (after any regional replacement) sets them.
    let parameters: [String: Value]
    /// Which rules each stage outcome looks at, worked out once.
    let plan: StagePlan
    /// The scope, rules and waivers compiled for `DecisionWorker`.
    let decisionProgram: DecisionProgram

    /// An evaluator of `procedure` (the application procedure unless named); nil when the
    /// policy lays down no such procedure.
    public init?(policy: Policy, calendar: WorkingDayCalendar, procedure id: String = Procedure.application) {
        guard let procedure = policy.procedure(id) else { return nil }
        self.policy = policy
        self.calendar = calendar
        self.procedure = procedure
        let kinds = Set(procedure.kinds.map(\.id))
        self.rules = policy.rules.filter { kinds.contains($0.kind) }
        self.parameters = Dictionary(policy.parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        self.plan = StagePlan(procedure, rules)
        self.decisionProgram = DecisionProgram(policy: policy, rules: rules, parameters: parameters)
    }

    /// An applicant outside the text's scope gets that answer alone, not a list of failures.
    public func evaluate(_ profile: Profile, asOf: CivilDate) -> Evaluation {
        let scope = scopeResult(profile.facts, asOf)
        if scope.status == .fail {
            return Evaluation(policy: policy, procedure: procedure, asOf: asOf, profile: profile, verdict: .outOfScope, scope: scope,
                              stages: [], rules: [], deadlines: [], warnings: warnings(asOf), questions: [], earliest: nil)
        }
        let rules = self.rules.map { evaluateOrWaive($0, profile.facts, asOf) }
        let stages = plan.results(rules.map(\.status))
        let deadlines = policy.deadlines.filter { $0.procedure == procedure.id }.compactMap { deadline($0, stages, profile.facts, asOf) }
        var verdict = StagePlan.verdict(stages.map(\.outcome))
        if scope.status == .unknown, verdict != .ineligible { verdict = .undetermined }
        let questions = Self.questions(verdict: verdict, scope: scope.needed, rules: rules.filter { $0.status == .unknown }.map(\.needed))
        return Evaluation(policy: policy, procedure: procedure, asOf: asOf, profile: profile, verdict: verdict, scope: scope,
                          stages: stages, rules: rules, deadlines: deadlines, warnings: warnings(asOf), questions: questions,
                          earliest: earliestEligibility(rules, profile.facts))
    }

    /// Where every failure is a matter of time, the first date on which none fails:
    /// the latest of the rules' own dates, checked by evaluating every rule on it (a
    /// rule that passes now might fail then). Otherwise the failures time does not cure.
    private func earliestEligibility(_ rules: [RuleResult], _ facts: [String: Value]) -> EarliestEligibility? {
        var failing = rules.filter { $0.status == .fail }
        guard !failing.isEmpty else { return nil }
        for _ in 0..<8 {
            let timeless = failing.filter { $0.passesFrom == nil }
            if !timeless.isEmpty { return EarliestEligibility(date: nil, rules: timeless.map(\.rule.id)) }
            let candidate = failing.compactMap(\.passesFrom).max()!
            // On that date the applicant may have left the text's scope (a transitional rule).
            if scopeResult(facts, candidate).status == .fail { return EarliestEligibility(date: nil, rules: failing.map(\.rule.id)) }
            let later = self.rules.map { evaluateOrWaive($0, facts, candidate) }.filter { $0.status == .fail }
            if later.isEmpty {
                let deciding = failing.filter { $0.passesFrom == candidate }.map(\.rule.id)
                return EarliestEligibility(date: candidate, rules: deciding)
            }
            failing = later
        }
        return EarliestEligibility(date: nil, rules: failing.map(\.rule.id))
    }

    /// Whether the applicant is one the text speaks to: pass, fail (out of scope) or unknown.
    func scopeResult(_ facts: [String: Value], _ asOf: CivilDate) -> ScopeResult {
        guard let test = policy.scopeTest else { return ScopeResult(status: .pass, evidence: [], needed: []) }
        var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
        let outcome = evaluator.evaluate(test)
        let needed = Self.neededPaths(outcome.evidence)
        switch outcome.value {
        case .boolean(true)?: return ScopeResult(status: .pass, evidence: outcome.evidence, needed: [])
        case .boolean(false)?: return ScopeResult(status: .fail, evidence: outcome.evidence, needed: [])
        default: return ScopeResult(status: .unknown, evidence: outcome.evidence, needed: needed)
        }
    }

    /// A rule that a waiver sets aside for this applicant is `waived`. When it is not
    /// known whether the waiver applies, the rule is evaluated, and a failure is unknown.
    func evaluateOrWaive(_ rule: Rule, _ facts: [String: Value], _ asOf: CivilDate) -> RuleResult {
        var result = evaluate(rule, facts, asOf)
        for waiver in policy.waivers where waiver.rule == rule.id {
            guard let condition = waiver.appliesIf else { return waived(rule, by: waiver, []) }
            var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
            let outcome = evaluator.evaluate(condition)
            switch outcome.value {
            case .boolean(true)?: return waived(rule, by: waiver, outcome.evidence)
            case .boolean(false)?: continue
            default:
                if result.status == .fail {
                    result.status = .unknown
                    result.evidence += outcome.evidence
                    result.needed += Self.neededPaths(outcome.evidence).filter { !result.needed.contains($0) }
                    result.passesFrom = nil
                }
            }
        }
        return result
    }

    private func waived(_ rule: Rule, by waiver: Waiver, _ evidence: [Evidence]) -> RuleResult {
        RuleResult(rule: rule, status: .waived, evidence: evidence, needed: [], passesFrom: nil, isApproximate: false,
                   matched: [], waiver: waiver)
    }

    /// The facts to ask for: none once the decision is settled; otherwise those that
    /// could change it, the scope's first, then by how many open rules each would help
    /// decide (the most first), then in the order the rules need them.
    static func questions(verdict: Verdict, scope: [String], rules: [[String]]) -> [String] {
        guard verdict == .undetermined else { return [] }
        // Each path once, in first-seen order, with how many open rules need it.
        var order: [String] = []
        var weights: [Int] = []
        var positions = PositionIndex()
        for needed in rules {
            for path in needed {
                if let index = positions.position(of: path, in: order) {
                    weights[index] += 1
                } else {
                    order.append(path)
                    positions.appended(path, to: order)
                    weights.append(1)
                }
            }
        }
        let ranked = order.indices.sorted { weights[$0] != weights[$1] ? weights[$0] > weights[$1] : $0 < $1 }.map { order[$0] }
        return scope + ranked.filter { !scope.contains($0) }
    }

    static func neededPaths(_ evidence: [Evidence]) -> [String] {
        var needed: [String] = []
        var positions = PositionIndex()
        for path in evidence.compactMap(\.neededPath) where positions.position(of: path, in: needed) == nil {
            needed.append(path)
            positions.appended(path, to: needed)
        }
        return needed
    }

    // MARK: Rules

    func evaluate(_ rule: Rule, _ facts: [String: Value], _ asOf: CivilDate) -> RuleResult {
        var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
        var (status, evidence) = Self.status(rule, &evaluator)
        var passesFrom: CivilDate?
        if status == .fail {
            passesFrom = earliestPass(rule, facts, after: asOf, candidates: evaluator.boundaries)
        }
        if status != .unknown { evidence = evidence.filter { $0.neededPath == nil } }
        for name in rule.shows {
            evidence.append(facts[name].map { .fact(path: name, definition: name, value: $0) } ?? .absent(path: name, definition: name))
        }
        evidence = Self.withoutRepeats(evidence)
        let needed = Self.neededPaths(evidence)
        let approximate = evidence.contains { if case .approximate = $0 { return true } else { return false } }
        let matched = status == .pass ? rule.alternatives.filter { evaluator.evaluate($0.test).value == .boolean(true) } : []
        return RuleResult(rule: rule, status: status, evidence: evidence, needed: needed, passesFrom: passesFrom,
                          isApproximate: approximate, matched: matched, waiver: nil)
    }

    /// A rule applies when `applies_if` holds; then `requires` must hold, or `fails_if` must not.
    /// With applicability unknown, a test that passes anyway still passes.
    static func status(_ rule: Rule, _ evaluator: inout ExpressionEvaluator) -> (RuleStatus, [Evidence]) {
        var scopeEvidence: [Evidence] = []
        var applies: Bool?
        if let condition = rule.appliesIf {
            let outcome = evaluator.evaluate(condition)
            if outcome.value == .boolean(false) { return (.notApplicable, outcome.evidence) }
            applies = outcome.value == .boolean(true) ? true : nil
            scopeEvidence = outcome.evidence
        } else {
            applies = true
        }
        let test = evaluator.evaluate(rule.test)
        guard case .boolean(let holds)? = test.value else { return (.unknown, scopeEvidence + test.evidence) }
        let passes = rule.polarity == .requires ? holds : !holds
        if passes { return (.pass, test.evidence) }
        return applies == true ? (.fail, scopeEvidence + test.evidence) : (.unknown, scopeEvidence + test.evidence)
    }

    /// The evidence in first-seen order, each item once (`a in l and b in l` reads `l` twice).
    static func withoutRepeats(_ evidence: [Evidence]) -> [Evidence] {
        var seen: Set<Evidence> = []
        return evidence.filter { seen.insert($0).inserted }
    }

    /// The first date after `asOf` on which the rule would pass, when only the date
    /// makes it fail. The result can only change where a comparison with today flips,
    /// so those dates are the only ones tried.
    private func earliestPass(_ rule: Rule, _ facts: [String: Value], after asOf: CivilDate, candidates: Set<CivilDate>) -> CivilDate? {
        for date in candidates.sorted() where date > asOf {
            var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: date, calendar: calendar)
            if Self.status(rule, &evaluator).0 == .pass { return date }
        }
        return nil
    }

    // MARK: Deadlines and warnings

    private func deadline(_ deadline: Deadline, _ stages: [StageResult], _ facts: [String: Value], _ asOf: CivilDate) -> DeadlineResult? {
        if !deadline.when.isEmpty {
            let reached = deadline.when.contains { when in stages.contains { $0.stage.id == when.stage && $0.outcome?.id == when.outcome } }
            guard reached else { return nil }
        }
        var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: asOf, calendar: calendar)
        if let condition = deadline.appliesIf, evaluator.evaluate(condition).value != .boolean(true) { return nil }
        let outcome = evaluator.evaluate(deadline.value)
        let needed = Self.neededPaths(outcome.evidence)
        let approximate = outcome.evidence.contains { if case .approximate = $0 { return true } else { return false } }
        var passed = false
        if case .date(let date)? = outcome.value { passed = date < asOf }
        return DeadlineResult(deadline: deadline, value: outcome.value, evidence: outcome.evidence, needed: needed,
                              isApproximate: approximate, hasPassed: passed)
    }

    private func warnings(_ asOf: CivilDate) -> [Label] {
        var warnings: [Label] = []
        if policy.status == .draft {
            warnings.append(Label(zh: "本文件为征求意见稿，尚未生效", en: "This text is a draft for comment and not in force"))
        }
        if policy.status == .expired || policy.effectiveUntil.map({ asOf > $0 }) == true {
            let until = policy.effectiveUntil.map { " (\($0))" } ?? ""
            warnings.append(Label(zh: "本文件已失效\(until)", en: "This text has expired\(until)"))
        }
        if let from = policy.effectiveFrom, asOf < from {
            warnings.append(Label(zh: "本文件自\(from)起施行，评估日期尚未生效", en: "This text takes effect on \(from), after the as-of date"))
        }
        return warnings
    }
}
