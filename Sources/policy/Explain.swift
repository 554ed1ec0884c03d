import DesignationRules
import Foundation

/// `policy explain RULE-ID [--fixtures DIR]`.
enum Explain {
    static let help = """
    Usage: policy explain RULE-ID [--fixtures DIR] [--policies DIR] [--lang zh|en]

    A rule's citation, wording, expressions and facts, and which fixtures make it pass,
    fail or be unknown (fixtures from --fixtures, default the checkout's fixtures/).
    """

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: [.value("--fixtures", "DIR")], languages: true, help: help)
        guard options.positional.count == 1 else { throw UsageError("explain takes one rule id, e.g. `policy explain art6-1-operation`") }
        let policies = options.loadPolicies()
        let runner = FixtureRunner(policies: policies)
        let fixtures = Fixture.collect([options["--fixtures"].map { URL(fileURLWithPath: $0) } ?? options.defaultFixtures])
        let explainer = RuleExplainer(policies: policies, language: options.language)
        let id = options.positional[0]
        guard let text = explainer.explain(id, results: fixtures.map(runner.run)) else {
            let ids = policies.policies.values.flatMap { $0.rules.map(\.id) }
            var message = "no rule `\(id)`"
            if let near = ids.min(by: { distance($0, id) < distance($1, id) }) { message += "; did you mean `\(near)`?" }
            throw UsageError(message)
        }
        output(text, terminator: "")
        output("(read from \(options.folderName))")
        return .ok
    }

    /// Characters two ids do not share, enough to suggest the closest one.
    static func distance(_ a: String, _ b: String) -> Int {
        let common = zip(a, b).prefix { $0 == $1 }.count
        return max(a.count, b.count) - common
    }
}
