import DesignationRules
import Foundation

/// `policy check [--format text|json|sarif]`: every problem of every file, errors and
/// warnings, in one run, root causes first.
enum Check {
    static let help = """
    Usage: policy check [--policies DIR] [--format text|json|sarif] [--strict]

    Loads every policy file of the folder, checks every quote against its official text, and
    reports every problem at once: errors, then the errors that follow from them (marked),
    and warnings. The last line names the folder checked.

      --format FORMAT   text (default); json (schema designation-check/1); sarif (SARIF 2.1.0,
                        for code-scanning annotations). Either is written to standard output
                        whether or not there are errors.
      --strict          a unit of an official text neither encoded nor declared not encoded
                        is an error, not a warning (CI; README "Text coverage")
      --policies DIR    the policy folder (default: the policies/ of the checkout the current
                        folder is in, else the shipped one)
    Exit codes: 0 no errors; 1 errors found; 64 bad usage.
    """

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: [.value("--format", "FORMAT"), .flag("--strict")], help: help)
        guard options.positional.isEmpty else { throw UsageError("check takes no arguments; use --policies DIR") }
        let format = options["--format"] ?? "text"
        guard ["text", "json", "sarif"].contains(format) else { throw UsageError("--format must be text, json or sarif, found \"\(format.escapingControls)\"") }
        guard let directory = options.policyDirectory else { fail("policy: no policy folder; pass --policies DIR", .usage) }
        var diagnostics: [Diagnostic]
        var summary = ""
        do {
            let policies = try PolicySet(directory: directory, checkingQuotes: true)
            // Text coverage (README "Text coverage"): a unit neither encoded nor declared not
            // encoded is a warning, an error under --strict; a declaration that contradicts
            // the text is an error.
            let coverage = TextCoverage.diagnostics(of: policies, strict: options.has("--strict"))
            diagnostics = DiagnosticList(policies.warnings + PolicyLinter(policies: policies).warnings() + coverage).diagnostics
            summary = "\(policies.regionIDs.count) policies (\(policies.regionIDs.joined(separator: ", "))), \(policies.vocabulary.facts.count) facts"
        } catch {
            diagnostics = error.diagnostics
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        switch format {
        case "json": output(DiagnosticFormats(diagnostics, folder: directory, toolVersion: ToolVersion.current).json(), terminator: "")
        case "sarif": output(DiagnosticFormats(diagnostics, folder: directory, toolVersion: ToolVersion.current).sarif(), terminator: "")
        default:
            if errors > 0 {
                let list = DiagnosticList(diagnostics)
                fail("\(list)\n\(list.errorCount(in: options.folderName))", .failed)
            }
            for warning in diagnostics { output(warning) }
            output("\(options.folderName): \(summary): no errors, \(diagnostics.count) warning(s)")
        }
        return errors > 0 ? .failed : .ok
    }
}
