/// The decision alone, for batch mode: verdict, stage outcomes, each rule's status, the
/// failures with the dates time would cure them, the facts to ask for, and the earliest
/// eligible date. It is what `Evaluation` would say, reached without evidence.
public struct Decision: Sendable {
    public var verdict: Verdict
    /// Each stage's outcome by position (see `stages(in:)`).
    var outcomes: [StagePlan.OutcomeIndex]
    /// Statuses parallel to the evaluator's `rules`; empty when out of scope.
    public var statuses: [RuleStatus]
    /// Parallel to `statuses`: for a failed rule, the first date on which it would pass,
    /// if time cures it; nil for every other rule.
    public var passesFrom: [CivilDate?]
    public var questions: [String]
    public var earliest: EarliestEligibility?
    /// Which text governed: 0 for the region's own, k for the k-th text it extends
    /// (`Evaluator.layer(_:)`), whose rules `statuses` then follows.
    public var layer = 0

    init() {
        verdict = .eligible
        outcomes = []
        statuses = []
        passesFrom = []
        questions = []
    }

    /// Ready for a profile decided on `rules` rules: a status and a date a rule, the
    /// lists of the last profile overwritten in place rather than made anew.
    mutating func reset(rules: Int) {
        verdict = .eligible
        layer = 0
        if statuses.count != rules {
            statuses = Array(repeating: .pass, count: rules)
            passesFrom = Array(repeating: nil, count: rules)
        } else {
            passesFrom.withUnsafeMutableBufferPointer { dates in
                for index in dates.indices { dates[index] = nil }
            }
        }
        if !questions.isEmpty { questions = [] }
        if earliest != nil { earliest = nil }
    }
}

extension Decision {
    /// The stages' results, as an evaluation lists them; `evaluator` is the region's.
    public func stages(in evaluator: Evaluator) -> [StageResult] { evaluator.layer(layer).plan.results(outcomes) }
}

extension Evaluator {
    /// The decision for a profile, under the text that governs it (a convenience; batch
    /// mode keeps one `DecisionWorker` a thread and a text).
    public func decide(_ profile: Profile, asOf: CivilDate) -> Decision {
        var worker = DecisionWorker(evaluator: self, asOf: asOf)
        worker.load(profile)
        let layer = worker.governingLayer()
        guard layer > 0 else { return worker.decide() }
        var decision = ancestors[layer - 1].decide(profile, asOf: asOf)
        decision.layer = layer
        return decision
    }

    /// The evaluator of the text at `layer`: 0 for this one, k for the k-th it extends.
    public func layer(_ index: Int) -> Evaluator { index == 0 ? self : ancestors[index - 1] }
}

/// Decides profiles one after another on batch mode's fast path: a profile is decoded
/// into the worker's cells and every rule runs on the compiled program; the traced
/// evaluation's extra records (dates, missing facts) are kept only for the rules that
/// fail or stay unknown. A test checks that it decides as `Evaluator.evaluate` does.
public struct DecisionWorker: Sendable {
    public let evaluator: Evaluator
    public let asOf: CivilDate
    private let code: DecisionProgram
    /// `code.rules`, read in place (a rule is read a few times a profile; see `FixedMemory`).
    private let rules: FixedMemory<DecisionProgram.RuleCode>
    private var machine: Machine
    /// The loaded profile's named dates (`code.dates`), the as-of date standing in for one
    /// it does not give; worked out at the start of each decision.
    private var days: [CivilDate] = []
    /// Reads plain JSON straight into this worker's cells: made for its program, and
    /// private to it, so that no other worker's decoder can be handed in (its slots
    /// would not fit). Nil for a worker made without a vocabulary, which reads profiles only.
    private let decoder: CellDecoder?

    /// A worker deciding profiles as of `asOf`; with `vocabulary`, it also reads JSON lines
    /// itself (`load(_:source:)`).
    public init(evaluator: Evaluator, asOf: CivilDate, vocabulary: Vocabulary? = nil) {
        self.evaluator = evaluator
        self.asOf = asOf
        // Compiled here, for this worker alone: the traced evaluator never needs it, and
        // threads that shared one program's arrays would each count references to them, on
        // one cache line, at every read (a worker a lane has its own).
        code = DecisionProgram(evaluator)
        rules = FixedMemory(code.rules)
        machine = Machine(program: code.program, today: asOf, calendar: evaluator.calendar)
        decoder = vocabulary.map { [code] in CellDecoder(vocabulary: $0, program: code.program, asOf: asOf) }
    }

    /// Reads plain JSON bytes as the profile to decide: true when they were read; false
    /// when they need the full decoder (`ProfileDecoder`, whose profile `load(_:)` then
    /// takes), as always for a worker made without a vocabulary; thrown, the line's
    /// problems, when this worker's decoder found them all.
    public mutating func load(_ bytes: [UInt8], source: () -> String) throws(DiagnosticList) -> Bool {
        try bytes.withUnsafeBufferPointer { buffer throws(DiagnosticList) in try load(buffer, source: source) }
    }

    public mutating func load(_ bytes: UnsafeBufferPointer<UInt8>, source: () -> String) throws(DiagnosticList) -> Bool {
        guard let decoder else { return false }
        switch decoder.decode(bytes, into: &machine.store, source: source) {
        case .decoded: return true
        case .declined: return false
        case .problems(let problems): throw DiagnosticList(problems)
        }
    }

    public mutating func load(_ profile: Profile) {
        machine.store.load(profile.facts, layout: code.program.layout)
    }

    /// The loaded profile's facts, as far as the rules read them.
    func loadedFacts() -> [String: Value] { machine.store.facts(layout: code.program.layout) }

    public mutating func decide() -> Decision {
        var decision = Decision()
        decide(into: &decision)
        return decision
    }

    /// As `decide()`, into a decision kept from one profile to the next, whose lists
    /// keep their room (batch mode allocates nothing a line for it).
    public mutating func decide(into decision: inout Decision) {
        decision.reset(rules: code.rules.count)
        workOutDays()
        machine.today = day(code.scopeDate)
        var scopeNeeded: [String] = []
        var scopeUnknown = false
        if let scope = code.scope {
            switch machine.run(scope) {
            case .boolean(true): break
            case .boolean(false):
                decision = Decision()
                decision.verdict = .outOfScope
                return
            default:
                scopeUnknown = true
                scopeNeeded = needs(scope)
            }
        }
        decision.statuses.withUnsafeMutableBufferPointer { statuses in
            for index in statuses.indices {
                machine.today = day(rules.at(index).pointee.date)
                statuses[index] = status(rules.at(index))
            }
        }
        for index in decision.statuses.indices where decision.statuses[index] == .fail {
            machine.today = day(rules.at(index).pointee.date)
            decision.passesFrom[index] = firstPass(rules.at(index))
        }
        evaluator.plan.outcomeIndexes(decision.statuses, into: &decision.outcomes)
        decision.verdict = evaluator.plan.verdict(decision.outcomes)
        if scopeUnknown, decision.verdict != .ineligible { decision.verdict = .undetermined }
        if decision.verdict == .undetermined {
            let ruleNeeds = decision.statuses.indices.filter { decision.statuses[$0] == .unknown }.map { index in
                machine.today = day(rules.at(index).pointee.date)
                return needs(of: rules.at(index))
            }
            decision.questions = Evaluator.questions(verdict: decision.verdict, scope: scopeNeeded, rules: ruleNeeds)
        }
        decision.earliest = earliest(decision.statuses, decision.passesFrom)
    }

    // MARK: Dates

    /// Which text governs the loaded profile, as `Evaluator.governingText` decides: 0 for
    /// the evaluator's own, k for the k-th text it extends.
    public mutating func governingLayer() -> Int {
        guard !evaluator.ancestors.isEmpty else { return 0 }
        workOutDays()
        return evaluator.governingLayer(on: evaluator.inForceDate.map { days[$0] } ?? asOf)
    }

    /// The profile's named dates, each on the as-of date as `Evaluator.judgingDates` has them.
    private mutating func workOutDays() {
        if days.count != code.dates.count { days = Array(repeating: asOf, count: code.dates.count) }
        guard !days.isEmpty else { return }
        machine.today = asOf
        for index in code.dates.indices {
            if case .date(let day) = machine.run(code.dates[index]) { days[index] = CivilDate(dayNumber: Int(day)) } else { days[index] = asOf }
        }
    }

    /// The day a rule or the scope is judged on: a named date by index, or (-1) the as-of date.
    @inline(__always)
    private func day(_ index: Int32) -> CivilDate { index < 0 ? asOf : days[Int(index)] }

    /// The latest day any rule or the scope is judged on: a new application cannot be
    /// made before it (`Evaluator.earliestEligibility`).
    private func latestDay() -> CivilDate {
        var latest = day(code.scopeDate)
        for index in code.rules.indices { latest = max(latest, day(rules.at(index).pointee.date)) }
        return latest
    }

    // MARK: Rules

    /// A rule's status without waivers: `applies_if` holds, then `requires` must hold or
    /// `fails_if` must not; with applicability unknown, a test that passes anyway passes.
    @inline(__always)
    private mutating func unwaivedStatus(_ rule: UnsafePointer<DecisionProgram.RuleCode>) -> RuleStatus {
        var applies: Bool? = true
        if let condition = rule.pointee.appliesIf {
            switch machine.run(condition) {
            case .boolean(false): return .notApplicable
            case .boolean(true): break
            default: applies = nil
            }
        }
        guard case .boolean(let holds) = machine.run(rule.pointee.test) else { return .unknown }
        if holds == rule.pointee.requires { return .pass }
        return applies == true ? .fail : .unknown
    }

    /// The status with waivers applied: a waiver that holds sets the rule aside; one
    /// whose condition is unknown makes a failure unknown.
    private mutating func status(_ rule: UnsafePointer<DecisionProgram.RuleCode>) -> RuleStatus {
        var status = unwaivedStatus(rule)
        for index in rule.pointee.waiverRange {
            guard let condition = code.waivers[index] else { return .waived }
            switch machine.run(condition) {
            case .boolean(true): return .waived
            case .boolean(false): continue
            default: if status == .fail { status = .unknown }
            }
        }
        return status
    }

    /// For a failing rule, the first date after today on which it would pass: the result
    /// can only change where a comparison with today flips, so those dates are tried.
    private mutating func firstPass(_ rule: UnsafePointer<DecisionProgram.RuleCode>) -> CivilDate? {
        guard rule.pointee.readsToday else { return nil }
        let today = machine.today
        machine.clearRecords()
        machine.recordsBoundaries = true
        _ = unwaivedStatus(rule)
        machine.recordsBoundaries = false
        if let next = rule.pointee.nextPossible, case .date(let day) = machine.run(next) { machine.addCandidate(CivilDate(dayNumber: Int(day))) }
        machine.keepBoundaries(after: today)
        defer { machine.today = today }
        var tried: CivilDate?
        for index in machine.boundaries.indices {
            let date = machine.boundaries[index]
            guard date != tried else { continue }
            tried = date
            machine.today = date
            if unwaivedStatus(rule) == .pass { return date }
        }
        return nil
    }

    /// The paths of the missing facts an unknown rule hangs on, as the traced evaluation
    /// lists them: its own, or, for a failure only a waiver's condition leaves open, the waiver's.
    private mutating func needs(of rule: UnsafePointer<DecisionProgram.RuleCode>) -> [String] {
        machine.clearRecords()
        machine.recordsNeeds = true
        defer { machine.recordsNeeds = false }
        if unwaivedStatus(rule) != .fail { return machine.needed }
        for index in rule.pointee.waiverRange {
            guard let condition = code.waivers[index] else { return [] }
            machine.clearRecords()
            switch machine.run(condition) {
            case .boolean: continue
            default: return machine.needed
            }
        }
        return []
    }

    private mutating func needs(_ expression: Int32) -> [String] {
        machine.clearRecords()
        machine.recordsNeeds = true
        defer { machine.recordsNeeds = false }
        _ = machine.run(expression)
        return machine.needed
    }

    // MARK: Earliest eligibility

    /// As `Evaluator.earliestEligibility`, on statuses: the latest of the failures' own
    /// dates, checked by deciding every rule on it (a rule that passes now might fail then).
    private mutating func earliest(_ statuses: [RuleStatus], _ passesFrom: [CivilDate?]) -> EarliestEligibility? {
        // The commonest answers first, read off the statuses without a list of their own:
        // no failure, or a failure time does not cure.
        var anyFailure = false, timeless = false
        for index in statuses.indices where statuses[index] == .fail {
            anyFailure = true
            if passesFrom[index] == nil { timeless = true }
        }
        guard anyFailure else { return nil }
        let policyRules = evaluator.rules
        if timeless {
            var ids: [String] = []
            for index in statuses.indices where statuses[index] == .fail && passesFrom[index] == nil { ids.append(policyRules[index].id) }
            return EarliestEligibility(date: nil, rules: ids)
        }
        var failing = statuses.indices.filter { statuses[$0] == .fail }
        defer { machine.today = asOf }
        var dates = passesFrom
        let notBefore = latestDay()
        for _ in 0..<8 {
            guard failing.allSatisfy({ dates[$0] != nil }) else {
                return EarliestEligibility(date: nil, rules: failing.filter { dates[$0] == nil }.map { policyRules[$0].id })
            }
            let latest = failing.lazy.map { dates[$0]! }.max()!
            let candidate = max(latest, notBefore)
            machine.today = candidate
            // On that date the applicant may have left the text's scope (a transitional rule).
            if let scope = code.scope, machine.run(scope) == .boolean(false) {
                return EarliestEligibility(date: nil, rules: failing.map { policyRules[$0].id })
            }
            // A rule that does not read today has the same status on every date.
            let later = code.rules.indices.filter { index in
                (rules.at(index).pointee.readsToday ? status(rules.at(index)) : statuses[index]) == .fail
            }
            if later.isEmpty {
                return EarliestEligibility(date: candidate, rules: failing.filter { dates[$0] == latest }.map { policyRules[$0].id })
            }
            for index in later where dates[index] == nil || dates[index]! <= candidate {
                dates[index] = firstPass(rules.at(index))
            }
            failing = later
        }
        return EarliestEligibility(date: nil, rules: failing.map { policyRules[$0].id })
    }
}
