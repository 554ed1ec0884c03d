/// An evaluator's scope test, rules and waivers compiled into one `Program`, each
/// named by the index of its instruction.
struct DecisionProgram: Sendable {
    /// Plain bits, so that reading one costs no reference counting.
    struct RuleCode: Sendable {
        var appliesIf: Int32?
        var test: Int32
        var requires: Bool
        /// The rule's waivers: `waivers[firstWaiver ..< firstWaiver + waiverCount]`.
        var firstWaiver: Int32
        var waiverCount: Int32
        /// Whether the rule or a waiver of it reads `today`; if not, its status is the
        /// same on every date.
        var readsToday = false
        /// The index of the date it is judged on in `DecisionProgram.dates`; -1: the as-of date.
        var date: Int32 = -1
        /// `Rule.nextPossible`'s instruction, if the rule has one.
        var nextPossible: Int32? = nil

        /// Where the rule's waivers sit in `DecisionProgram.waivers`.
        var waiverRange: Range<Int> { Int(firstWaiver) ..< Int(firstWaiver + waiverCount) }
    }

    private(set) var program: Program
    let scope: Int32?
    /// The index in `dates` of the date the scope is judged on; -1: the as-of date.
    let scopeDate: Int32
    /// The policy's named dates (`Policy.dates`), each the instruction that computes it.
    let dates: [Int32]
    private(set) var rules: [RuleCode]
    /// Every rule's waivers, in the policy's order, rule after rule: the instruction of
    /// each waiver's condition, or nil for a waiver without one.
    private(set) var waivers: [Int32?]

    /// The scope, rules and waivers of the evaluator's procedure.
    init(_ evaluator: Evaluator) {
        self.init(policy: evaluator.policy, rules: evaluator.rules, parameters: evaluator.parameters, scope: evaluator.scopeTest,
                  ruleDates: evaluator.ruleDates, scopeDate: evaluator.scopeDate)
    }

    /// `ruleDates` and `scopeDate` name, by index in `policy.dates`, the date each rule
    /// and the scope are judged on (nil: the as-of date).
    init(policy: Policy, rules: [Rule], parameters: [String: Value], scope scopeTest: Compiled?, ruleDates: [Int?], scopeDate: Int?) {
        var scope: Int32?
        var codes: [RuleCode] = []
        var waivers: [Int32?] = []
        var dates: [Int32] = []
        program = Program(parameters: parameters) { compiler in
            dates = policy.dates.map { compiler.compile($0.value) }
            scope = scopeTest.map { compiler.compile($0) }
            codes = zip(rules, ruleDates).map { rule, date in
                let first = waivers.count
                waivers += policy.waivers.filter { $0.rule == rule.id }.map { waiver in waiver.appliesIf.map { compiler.compile($0) } }
                return RuleCode(appliesIf: rule.appliesIf.map { compiler.compile($0) },
                                test: compiler.compile(rule.test),
                                requires: rule.polarity == .requires,
                                firstWaiver: Int32(first), waiverCount: Int32(waivers.count - first),
                                date: Int32(date ?? -1), nextPossible: rule.nextPossible.map { compiler.compile($0) })
            }
        }
        self.scope = scope
        self.scopeDate = Int32(scopeDate ?? -1)
        self.dates = dates
        self.waivers = waivers
        self.rules = codes.map { [program] rule in
            var rule = rule
            let roots = [rule.appliesIf, rule.test] + waivers[rule.waiverRange]
            rule.readsToday = roots.contains { $0.map(program.readsToday) ?? false }
            return rule
        }
    }
}
