/// An evaluator's scope test, rules and waivers compiled into one `Program`, each
/// named by the index of its instruction.
struct DecisionProgram: Sendable {
    struct RuleCode: Sendable {
        var appliesIf: Int32?
        var test: Int32
        var requires: Bool
        /// The waivers of the rule, in the policy's order; nil for one without condition.
        var waivers: [Int32?]
    }

    let program: Program
    let scope: Int32?
    let rules: [RuleCode]

    init(policy: Policy, rules: [Rule], parameters: [String: Value]) {
        var scope: Int32?
        var codes: [RuleCode] = []
        program = Program(parameters: parameters) { compiler in
            scope = policy.scopeTest.map { compiler.compile($0) }
            codes = rules.map { rule in
                RuleCode(appliesIf: rule.appliesIf.map { compiler.compile($0) },
                         test: compiler.compile(rule.test),
                         requires: rule.polarity == .requires,
                         waivers: policy.waivers.filter { $0.rule == rule.id }.map { waiver in waiver.appliesIf.map { compiler.compile($0) } })
            }
        }
        self.scope = scope
        self.rules = codes
    }
}
