import DesignationRules
import Foundation

/// `policy test [PATHS…] [--update [--accept-weaker]] [--junit FILE] [--coverage] [--mutate]`,
/// or `policy test [PATHS…] --compare REV|DIR`.
enum Test {
    static let help = """
    Usage: policy test [PATHS…] [options]

    Runs the fixtures (default: the checkout's fixtures/) against their expectations and lists
    every difference. The last line names the fixtures and the policy folder used.

      --update          re-record the expectations that differ, printing each change (verdict
                        before → after, each stage and rule whose status changed, each date,
                        deadline or governing text the file checks) and how many files were
                        rewritten. A change that weakens a fixture (a decided verdict
                        or stage turned undetermined, a rule expected to fail no longer failing,
                        one expected to pass now unknown) is refused, and its file left as it
                        is, unless --accept-weaker is given
      --accept-weaker   with --update: record weakening changes too (review them in git)
      --compare REV|DIR what the current policies change against another version, fixture by
                        fixture (verdict, stages, rules, the dates and deadlines the fixture
                        checks), rewriting nothing: REV is a git
                        revision (its policies/ is exported to a temporary folder), DIR a
                        policies folder
      --junit FILE      also write JUnit XML for CI servers
      --coverage        report, per rule, how the fixtures exercise it; fail unless every rule
                        is made to pass and to fail
      --mutate          run the fixtures against small faulty versions of every rule and report
                        the mutants no fixture notices, with a score per region
      --policies DIR    the policy folder (default: the checkout's policies/, else the shipped one)
    Exit codes: 0 every fixture holds (with --compare: the comparison was made); 1 fixtures
    failing, coverage incomplete or a weakening refused; 64 bad usage.
    """

    static let options: [Option] = [.flag("--update"), .flag("--accept-weaker"), .value("--compare", "REV|DIR"),
                                     .value("--junit", "FILE"), .flag("--coverage"), .flag("--mutate")]

    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, options: Self.options, help: help)
        if options.has("--accept-weaker"), !options.has("--update") { throw UsageError("--accept-weaker only applies with --update") }
        if options.has("--compare") {
            try options.parsed.onlyThese(["--compare", "--policies"], in: "with --compare (it runs the fixtures and rewrites nothing)")
        }
        let paths = options.positional.isEmpty ? [options.defaultFixtures] : options.positional.map { URL(fileURLWithPath: $0) }
        let fixtures = Fixture.collect(paths)
        guard !fixtures.isEmpty else { throw UsageError("no fixtures found in \(paths.map(\.path).joined(separator: ", "))") }
        if let other = options["--compare"] { return try Compare.run(fixtures, against: other, options) }

        let policies = options.loadPolicies()
        let runner = FixtureRunner(policies: policies)
        var prepared: [PreparedFixture] = []
        var results: [FixtureRunner.Result] = []
        for fixture in fixtures {
            switch runner.prepare(fixture) {
            case .success(let ready):
                prepared.append(ready)
                results.append(runner.run(ready))
            case .failure(let error):
                results.append(FixtureRunner.Result(fixture: fixture, evaluation: nil, mismatches: [error.message]))
            }
        }
        if let path = options["--junit"] { write(JUnitReport.xml(results), to: path) }
        let against = "\(PolicyFolder.display(paths[0]).escapingControls)\(paths.count > 1 ? " …" : "") against \(options.folderName)"

        var status = ExitCode.ok
        if options.has("--update") {
            status = Record.update(results, prepared, acceptWeaker: options.has("--accept-weaker"), against: against)
        } else {
            for result in results where !result.mismatches.isEmpty {
                status = .failed
                output("✗ \(result.fixture.region)/\(result.fixture.name)  (\(result.fixture.profile.path))")
                for mismatch in result.mismatches { output("    \(mismatch)") }
            }
            let failed = results.filter { !$0.mismatches.isEmpty }.count
            output("\(results.count - failed) of \(results.count) fixtures hold (\(against))")
        }

        if options.has("--coverage") {
            let coverage = CoverageReport(policies: policies, results: results)
            output(render(coverage))
            if !coverage.isComplete { status = .failed }
        }
        if options.has("--mutate") {
            output(render(MutationReport.run(runner, prepared)))
        }
        return status
    }

    static func render(_ coverage: CoverageReport) -> String {
        var lines = ["", "Coverage: rules made to pass / fail / be unknown / not apply / waived by the fixtures"]
        for region in coverage.regions {
            lines.append("\(region.id): \(region.covered) of \(region.rules.count) rules covered (\(percent(region.covered, region.rules.count)))")
            for rule in region.rules where !rule.isCovered {
                var missing: [String] = []
                if rule.count(.pass) == 0 { missing.append("never passes") }
                if rule.count(.fail) == 0 { missing.append("never fails") }
                missing += rule.unmatchedAlternatives.map { "alternative \($0.text) never matched" }
                lines.append("  ✗ \(rule.rule.id) (\(rule.rule.citation.document) \(rule.rule.citation.text)): \(missing.joined(separator: ", "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ report: MutationReport) -> String {
        var lines = ["", "Mutation testing: faulty versions of each rule that no fixture notices"]
        for region in report.regions {
            lines.append("\(region.id): \(region.total - region.survivors.count) of \(region.total) mutants killed (score \(percent(region.total - region.survivors.count, region.total)))")
            for mutant in region.survivors { lines.append("  survives: \(mutant.target): \(mutant.change)") }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "100 %" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}
