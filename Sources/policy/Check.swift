import DesignationRules

/// `policy check`: every problem of every file, errors and warnings, in one run.
enum Check {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, flags: ["--strict"])
        guard options.positional.isEmpty else { throw UsageError(message: "check takes no arguments; use --policies DIR") }
        let policies = options.loadPolicies(checkingQuotes: true)
        // Text coverage (README "Text coverage"): a unit neither encoded nor declared is a
        // warning, an error under --strict; a declaration that contradicts the text, an error.
        let coverage = TextCoverage.diagnostics(of: policies, strict: options.flags.contains("--strict"))
        let errors = coverage.filter { $0.severity == .error }
        let warnings = DiagnosticList(policies.warnings + PolicyLinter(policies: policies).warnings() + coverage.filter { $0.severity == .warning }).diagnostics
        for warning in warnings { output(warning) }
        // Reported as loading errors are: on standard error, with the folder checked.
        guard errors.isEmpty else {
            fail("\(DiagnosticList(errors))\n\(errors.count) error(s) in \(policies.directory.path.escapingControls)", .failed)
        }
        let facts = policies.vocabulary.facts.count
        let summary = "\(policies.regionIDs.count) policies (\(policies.regionIDs.joined(separator: ", "))), \(facts) facts"
        output("\(summary): no errors, \(warnings.count) warning(s)")
        return .ok
    }
}
