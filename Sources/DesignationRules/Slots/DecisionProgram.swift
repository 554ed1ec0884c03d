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

    private(set) var program: Program
    let scope: Int32?
    private(set) var rules: [RuleCode]

    /// A copy with arrays of its own, for one thread (see `Program.detached`).
    func detached() -> DecisionProgram {
        var copy = self
        copy.program = program.detached()
        copy.rules = rules.map { RuleCode(appliesIf: $0.appliesIf, test: $0.test, requires: $0.requires, waivers: $0.waivers.map { $0 }) }
        return copy
    }

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
