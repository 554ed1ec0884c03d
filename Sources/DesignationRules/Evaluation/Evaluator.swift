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
    /// Whether an applicant is one the procedure speaks to: the procedure's own scope, else
    /// the text's; nil when it speaks to all.
    let scopeTest: Compiled?
    /// Per rule of `rules`, the index in `policy.dates` of the date it is judged on; nil:
    /// the as-of date.
    let ruleDates: [Int?]
    /// Per stage of the procedure, likewise.
    let stageDates: [Int?]
    let scopeDate: Int?
    /// The index in `policy.dates` of the date on which a text must be in force to govern.
    let inForceDate: Int?
    /// The procedure under each text this one extends, nearest first: what governs
    /// instead when this text is not in force on the day that decides. Empty for a
    /// text that extends none, or when no ancestor lays down the procedure.
    let ancestors: [Evaluator]

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
        let dateIndex = { (name: String?) in name.flatMap { name in policy.dates.firstIndex { $0.id == name } } }
        self.ruleDates = rules.map { dateIndex(policy.judgingDateName(of: $0, in: procedure)) }
        self.stageDates = procedure.stages.map { dateIndex($0.judgedOn) }
        self.scopeDate = dateIndex(policy.scopeJudgedOn)
        self.inForceDate = dateIndex(procedure.id == Procedure.application ? policy.inForceFor : procedure.inForceFor)
        self.scopeTest = procedure.scope?.test ?? policy.scopeTest
        self.ancestors = policy.ancestors.compactMap { Evaluator(policy: $0, calendar: calendar, procedure: id) }
    }

    /// The profile under the text in force on the day that decides (see `governingText`).
    /// An applicant outside the text's scope gets that answer alone, not a list of failures.
    public func evaluate(_ profile: Profile, asOf: CivilDate) -> Evaluation {
        let (layer, texts) = governingText(profile.facts, asOf)
        var evaluation = layer == 0 ? evaluateUnderThisText(profile, asOf: asOf) : ancestors[layer - 1].evaluateUnderThisText(profile, asOf: asOf)
        if texts.texts.count > 1, texts.decidedOn.isFallback, let index = inForceDate {
            evaluation.standIns = Self.union(evaluation.standIns, policy.dates[index].value.facts.sorted())
        }
        evaluation.texts = texts
        evaluation.warnings = Self.warnings(texts, label: inForceDate.map { policy.dates[$0].label }, asOf: asOf)
        if let earliest = evaluation.earliest?.date, !evaluation.policy.isInForce(on: earliest), let until = evaluation.policy.effectiveUntil {
            // The earliest date is worked out under the text that governed this application;
            // a new one made after that text expired falls under the text it extends.
            evaluation.warnings.append(Label(
                zh: "最早可符合日期\(earliest)在本文件有效期（至\(until)）之后：届时提出的新申请由其所依据的文件管辖，该日期按本文件条文计算，仅供参考",
                en: "The earliest date, \(earliest), falls after this text's validity (until \(until)): a new application then falls under the text it builds on, and the date, worked out under this text, is indicative only"))
        }
        return evaluation
    }

    /// The profile under this evaluator's own text; `evaluate` adds which texts governed
    /// and the warnings about them.
    func evaluateUnderThisText(_ profile: Profile, asOf: CivilDate) -> Evaluation {
        let dates = judgingDates(profile.facts, asOf)
        let on = { (index: Int?) in index.map { dates[$0] } ?? .asOf(asOf) }
        let scope = scopeResult(profile.facts, on(scopeDate).date)
        if scope.status == .fail {
            return Evaluation(policy: policy, procedure: procedure, asOf: asOf, profile: profile, verdict: .outOfScope, scope: scope,
                              stages: [], rules: [], deadlines: [], warnings: [], questions: [], earliest: nil)
        }
        var rules: [RuleResult] = []
        for (rule, date) in zip(self.rules, ruleDates) {
            var result = evaluateOrWaive(rule, profile.facts, on(date).date)
            result.judgedOn = on(date)
            rules.append(result)
        }
        var stages = plan.results(rules.map(\.status))
        for index in stages.indices { stages[index].judgedOn = on(stageDates[index]) }
        let deadlines = policy.deadlines.filter { $0.procedure == procedure.id }.compactMap { deadline($0, stages, profile.facts, asOf) }
        var verdict = StagePlan.verdict(stages)
        if scope.status == .unknown, verdict != .ineligible { verdict = .undetermined }
        let questions = Self.questions(verdict: verdict, scope: scope.needed, rules: rules.filter { $0.status == .unknown }.map(\.needed))
        let latest = (ruleDates + [scopeDate]).map { on($0).date }.max() ?? asOf
        var evaluation = Evaluation(policy: policy, procedure: procedure, asOf: asOf, profile: profile, verdict: verdict, scope: scope,
                                    stages: stages, rules: rules, deadlines: deadlines, warnings: [], questions: questions,
                                    earliest: earliestEligibility(rules, profile.facts, notBefore: latest))
        for (index, rule) in self.rules.enumerated() {
            guard let date = ruleDates[index], dates[date].isFallback, Self.readsToday(rule, policy) else { continue }
            evaluation.standIns = Self.union(evaluation.standIns, policy.dates[date].value.facts.sorted())
        }
        return evaluation
    }

    /// Where every failure is a matter of time, the first date on which a new application,
    /// made and judged that day, would meet every rule: the latest of the rules' own
    /// dates (and not before the latest day anything was judged on), checked by
    /// evaluating every rule on it, each of its dates moved there together (a rule that
    /// passes now might fail then). Otherwise the failures time does not cure.
    private func earliestEligibility(_ rules: [RuleResult], _ facts: [String: Value], notBefore: CivilDate) -> EarliestEligibility? {
        var failing = rules.filter { $0.status == .fail }
        guard !failing.isEmpty else { return nil }
        for _ in 0..<8 {
            let timeless = failing.filter { $0.passesFrom == nil }
            if !timeless.isEmpty { return EarliestEligibility(date: nil, rules: timeless.map(\.rule.id)) }
            let latest = failing.compactMap(\.passesFrom).max()!
            let candidate = max(latest, notBefore)
            // On that date the applicant may have left the text's scope (a transitional rule).
            if scopeResult(facts, candidate).status == .fail { return EarliestEligibility(date: nil, rules: failing.map(\.rule.id)) }
            let later = self.rules.map { evaluateOrWaive($0, facts, candidate) }.filter { $0.status == .fail }
            if later.isEmpty {
                let deciding = failing.filter { $0.passesFrom == latest }.map(\.rule.id)
                return EarliestEligibility(date: candidate, rules: deciding)
            }
            failing = later
        }
        return EarliestEligibility(date: nil, rules: failing.map(\.rule.id))
    }

    /// Whether the applicant is one the text speaks to: pass, fail (out of scope) or unknown.
    func scopeResult(_ facts: [String: Value], _ asOf: CivilDate) -> ScopeResult {
        guard let test = scopeTest else { return ScopeResult(status: .pass, evidence: [], needed: []) }
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
            var candidates = evaluator.boundaries
            if let next = rule.nextPossible, case .date(let date)? = evaluator.evaluate(next).value { candidates.insert(date) }
            passesFrom = earliestPass(rule, facts, after: asOf, candidates: candidates)
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
            // An outcome of a stage not reached is none: its deadlines are not shown.
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
}
