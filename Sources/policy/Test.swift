import DesignationRules
import Foundation

/// `policy test [PATHS…] [--update] [--junit FILE] [--coverage] [--mutate]`.
enum Test {
    static func run(_ arguments: [String]) throws(UsageError) -> ExitCode {
        let options = try CommonOptions.parse(arguments, flags: ["--update", "--coverage", "--mutate"], options: ["--junit"])
        let policies = options.loadPolicies()
        let runner = FixtureRunner(policies: policies)
        let paths = (options.positional.isEmpty ? ["fixtures"] : options.positional).map { URL(fileURLWithPath: $0) }
        let fixtures = Fixture.collect(paths)
        guard !fixtures.isEmpty else { throw UsageError(message: "no fixtures found in \(paths.map(\.path).joined(separator: ", "))") }

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
        if options.flags.contains("--update") { update(results, prepared) }
        if let path = options.values["--junit"] { write(JUnitReport.xml(results), to: path) }

        var status = ExitCode.ok
        for result in results where !result.mismatches.isEmpty {
            status = .failed
            output("✗ \(result.fixture.region)/\(result.fixture.name)  (\(result.fixture.profile.path))")
            for mismatch in result.mismatches { output("    \(mismatch)") }
        }
        let failed = results.filter { !$0.mismatches.isEmpty }.count
        output("\(results.count - failed) of \(results.count) fixtures hold")

        if options.flags.contains("--coverage") {
            let coverage = CoverageReport(policies: policies, results: results)
            output(render(coverage))
            if !coverage.isComplete { status = .failed }
        }
        if options.flags.contains("--mutate") {
            output(render(MutationReport.run(runner, prepared)))
        }
        return status
    }

    /// Re-records the expectations of fixtures whose results changed.
    static func update(_ results: [FixtureRunner.Result], _ prepared: [PreparedFixture]) {
        for ready in prepared {
            guard let result = results.first(where: { $0.fixture.profile == ready.fixture.profile }),
                  let evaluation = result.evaluation, !result.mismatches.isEmpty else { continue }
            let text = ExpectationRecorder.record(evaluation, previous: ready.expectation, summary: ready.expectation.summary)
            write(text, to: ready.fixture.expectation.path)
            output("re-recorded \(ready.fixture.expectation.path)")
        }
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
