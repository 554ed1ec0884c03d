import DesignationRules
import Foundation

/// `policy explain RULE-ID [--fixtures DIR]`.
enum Explain {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: ["--fixtures"])
        guard options.positional.count == 1 else { throw UsageError(message: "explain takes one rule id, e.g. `policy explain art6-1-operation`") }
        let policies = options.loadPolicies()
        let runner = FixtureRunner(policies: policies)
        let fixtures = Fixture.collect([URL(fileURLWithPath: options.values["--fixtures"] ?? "fixtures")])
        let explainer = RuleExplainer(policies: policies, language: options.language)
        let id = options.positional[0]
        guard let text = explainer.explain(id, results: fixtures.map(runner.run)) else {
            let ids = policies.policies.values.flatMap { $0.rules.map(\.id) }
            var message = "no rule `\(id)`"
            if let near = ids.min(by: { distance($0, id) < distance($1, id) }) { message += "; did you mean `\(near)`?" }
            throw UsageError(message: message)
        }
        output(text, terminator: "")
        return .ok
    }

    /// Characters two ids do not share, enough to suggest the closest one.
    static func distance(_ a: String, _ b: String) -> Int {
        let common = zip(a, b).prefix { $0 == $1 }.count
        return max(a.count, b.count) - common
    }
}
