import DesignationRules

/// `policy coverage --text REGION [--format text|html]`: the region's official text with
/// each unit marked as the policies account for it (README "Text coverage").
enum TextCoverageCommand {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: ["--text", "--format"])
        guard options.positional.isEmpty, let region = options.values["--text"] else {
            throw UsageError(message: "coverage takes --text REGION, e.g. `policy coverage --text national`")
        }
        let format = options.values["--format"] ?? "text"
        guard ["text", "html"].contains(format) else { throw UsageError(message: "--format must be text or html, found \"\(format)\"") }
        let policies = options.loadPolicies()
        guard let policy = policies.policies[region] else {
            throw UsageError(message: "no region `\(region)`; regions: \(policies.regionIDs.joined(separator: ", "))")
        }
        guard let coverage = TextCoverage(of: region, in: policies) else {
            fail("policy: the official text of \(region) (`document.source`) cannot be read; run `policy check`", .failed)
        }
        let report = TextCoverageReport(coverage, title: "\(policy.document.title) (\(policy.document.number))")
        output(format == "html" ? report.html() : report.plainText(), terminator: "")
        return .ok
    }
}
