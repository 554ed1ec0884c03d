import DesignationRules

/// `policy check`: every problem of every file, errors and warnings, in one run.
enum Check {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments)
        guard options.positional.isEmpty else { throw UsageError(message: "check takes no arguments; use --policies DIR") }
        let policies = options.loadPolicies(checkingQuotes: true)
        let warnings = DiagnosticList(policies.warnings + PolicyLinter(policies: policies).warnings()).diagnostics
        for warning in warnings { output(warning) }
        let facts = policies.vocabulary.facts.count
        output("\(policies.regionIDs.count) policies (\(policies.regionIDs.joined(separator: ", "))), \(facts) facts: no errors, \(warnings.count) warning(s)")
        return .ok
    }
}
