import DesignationRules

/// `policy coverage --text REGION [--format text|html]`: the region's official text with
/// each unit marked as the policies account for it (README "Text coverage").
enum TextCoverageCommand {
    static let help = """
    Usage: policy coverage --text REGION [--format text|html] [--policies DIR]

    The region's official text, unit by unit, each marked: encoded (by which rules),
    declared not encoded (its kind and reason), accounted for through its parts, or
    neither; with a count per chapter, annex or section and in total (README "Text coverage").
      --format FORMAT   text (default) or html (the law beside the rules, each linking to the other)
    """

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: [.value("--text", "REGION"), .value("--format", "FORMAT")], help: help)
        guard options.positional.isEmpty, let region = options["--text"] else {
            throw UsageError("coverage takes --text REGION, e.g. `policy coverage --text national`")
        }
        let format = options["--format"] ?? "text"
        guard ["text", "html"].contains(format) else { throw UsageError("--format must be text or html, found \"\(format)\"") }
        let policies = options.loadPolicies()
        guard let policy = policies.policies[region] else {
            throw UsageError("no region `\(region)`; regions: \(policies.regionIDs.joined(separator: ", "))")
        }
        guard let coverage = TextCoverage(of: region, in: policies) else {
            fail("policy: the official text of \(region) (`document.source`) cannot be read; run `policy check`", .failed)
        }
        let report = TextCoverageReport(coverage, title: "\(policy.document.title) (\(policy.document.number))")
        output(format == "html" ? report.html() : report.plainText(), terminator: "")
        return .ok
    }
}
