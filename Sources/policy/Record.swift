import DesignationRules
import Foundation

/// `policy test --update`: re-records the expectations that differ, saying what changes,
/// and refuses a change that weakens a fixture unless `--accept-weaker` is given.
enum Record {
    static func update(_ results: [FixtureRunner.Result], _ prepared: [PreparedFixture], acceptWeaker: Bool, against: String) -> ExitCode {
        var rewritten = 0, refused = 0, unreadable = 0
        let held = results.filter(\.mismatches.isEmpty).count
        for result in results where !result.mismatches.isEmpty {
            let name = "\(result.fixture.region)/\(result.fixture.name)"
            guard let evaluation = result.evaluation, let ready = prepared.first(where: { $0.fixture.profile == result.fixture.profile }) else {
                unreadable += 1
                output("✗ \(name): cannot be recorded: \(result.mismatches.joined(separator: "; "))")
                continue
            }
            let change: OutcomeChange
            do { change = OutcomeChange(from: RecordedOutcome(ready.expectation), to: try RecordedOutcome(recording: evaluation, over: ready.expectation)) } catch {
                unreadable += 1
                output("✗ \(name): cannot be recorded: \(error)")
                continue
            }
            let weakenings = change.weakenings
            if !weakenings.isEmpty, !acceptWeaker {
                refused += 1
                output("✗ \(name): NOT re-recorded: it would weaken the fixture (\(weakenings.map(\.description).joined(separator: "; ")))")
                for difference in change.differences where !difference.weakens { output("    also: \(difference)") }
                continue
            }
            write(ExpectationRecorder.record(evaluation, previous: ready.expectation, summary: ready.expectation.summary),
                  to: ready.fixture.expectation.path)
            rewritten += 1
            output("re-recorded \(ready.fixture.expectation.path)\(weakenings.isEmpty ? "" : " (weakened, as --accept-weaker allows)")")
            for difference in change.differences { output("    \(difference)") }
        }
        var summary = "\(held) of \(results.count) fixtures held (\(against)); rewrote \(rewritten) expectation file(s)"
        if refused > 0 { summary += "; refused \(refused) that would weaken a fixture (give --accept-weaker to record them)" }
        if unreadable > 0 { summary += "; \(unreadable) could not be evaluated" }
        output(summary)
        return refused + unreadable > 0 ? .failed : .ok
    }
}
