import Foundation
import Testing
@testable import DesignationRules

/// Record mode cannot weaken a fixture silently (issue 19, point 4).
@Suite struct RecordModeTests {
    static let decided = RecordedOutcome(verdict: "eligible", stages: ["acceptance": "accepted", "evaluation": "qualified"],
                                         rules: ["a": "pass", "b": "fail", "c": "not-applicable"])

    @Test func aDecidedVerdictTurnedUndeterminedIsAWeakening() {
        var after = Self.decided
        after.verdict = "undetermined"
        after.stages["evaluation"] = "undetermined"
        after.rules["a"] = "unknown"
        let change = OutcomeChange(from: Self.decided, to: after)
        #expect(change.weakenings.map(\.what) == ["verdict", "stage evaluation", "rule a"])
        #expect(change.weakenings.first?.description == "verdict: eligible → undetermined")
    }

    @Test func anExpectedFailureDroppedIsAWeakening() {
        for status in ["pass", "unknown", "waived", "not-applicable", nil] {
            var after = Self.decided
            after.rules["b"] = status
            #expect(OutcomeChange(from: Self.decided, to: after).weakenings.map(\.what) == ["rule b"], "fail → \(status ?? "gone")")
        }
    }

    @Test func aChangeThatDecidesMoreIsNoWeakening() {
        var after = Self.decided
        after.verdict = "ineligible"
        after.stages["evaluation"] = "unqualified"
        after.rules["a"] = "fail"
        after.rules["c"] = "pass"
        after.rules["d"] = "unknown"
        let change = OutcomeChange(from: Self.decided, to: after)
        #expect(change.differences.count == 5 && change.weakenings.isEmpty)
        #expect(OutcomeChange(from: Self.decided, to: Self.decided).isEmpty)
    }

    @Test func datesDeadlinesAndTheGoverningTextAreReportedButWeakenNothing() {
        var before = Self.decided, after = Self.decided
        before.details = ["deadline due": "2026-12-03", "passes_from a": "2026-12-02", "text": "shanghai"]
        after.details = ["deadline due": "not shown", "passes_from a": "2026-12-02", "text": "national"]
        let change = OutcomeChange(from: before, to: after)
        #expect(change.differences.map(\.description) == ["deadline due: 2026-12-03 → not shown", "text: shanghai → national"])
        #expect(change.weakenings.isEmpty)
    }

    /// Re-recording a fixture that holds reports no change for any of them: the recorder
    /// writes what the runner checks, and record mode reports what the recorder writes.
    @Test func reRecordingAHoldingFixtureChangesNothing() throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        var compared = 0
        for fixture in Fixture.all(in: Repository.fixtures) {
            guard case .success(let prepared) = runner.prepare(fixture) else { Issue.record("\(fixture.name) does not load"); continue }
            let result = runner.run(prepared)
            let evaluation = try #require(result.evaluation)
            #expect(result.mismatches.isEmpty)
            let change = OutcomeChange(from: RecordedOutcome(prepared.expectation), to: try RecordedOutcome(recording: evaluation, over: prepared.expectation))
            #expect(change.isEmpty, "\(fixture.region)/\(fixture.name): \(change.summary)")
            compared += 1
        }
        #expect(compared > 300)
    }

    /// Re-recording keeps what the fixture checked besides the decision: the governing text
    /// and the judging days (a rewrite once dropped both).
    @Test func theRecorderKeepsTheGoverningTextAndTheJudgingDays() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "shanghai" && $0.name == "emergency-center-after-expiry" })
        let runner = FixtureRunner(policies: Repository.policySet)
        guard case .success(let prepared) = runner.prepare(fixture) else { Issue.record("the fixture does not load"); return }
        #expect(prepared.expectation.text != nil && !prepared.expectation.judgedOn.isEmpty)
        let evaluation = try #require(runner.run(prepared).evaluation)
        let text = ExpectationRecorder.record(evaluation, previous: prepared.expectation, summary: prepared.expectation.summary)
        let recorded = try Expectation(bytes: Array(text.utf8), file: "recorded")
        #expect(recorded.text == prepared.expectation.text)
        #expect(recorded.judgedOn == prepared.expectation.judgedOn)
        #expect(recorded.verdict == prepared.expectation.verdict && recorded.rules == prepared.expectation.rules)
    }
}

/// `policy check --format json|sarif` (issue 19, point 7).
@Suite struct DiagnosticFormatTests {
    static let folder = URL(fileURLWithPath: "/tmp/policies")
    static let root = Diagnostic(code: "syntax", at: SourceLocation(file: "/tmp/policies/national.json5", line: 16, column: 5), "expected ','")
    static var follower: Diagnostic {
        var diagnostic = Diagnostic(code: "unknown-parent", at: SourceLocation(file: "/tmp/policies/beijing.json5", line: 14, column: 12), "no parent")
        diagnostic.causedBy = root.location
        return diagnostic
    }
    static let warning = Diagnostic(.warning, code: "unused-fact", at: SourceLocation(file: "/tmp/policies/vocabulary/a b.json5", line: 3, column: 1), "unused")

    static func parse(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonListsRootCausesFirstWithFilesUnderTheFolder() throws {
        let json = try Self.parse(DiagnosticFormats([Self.follower, Self.warning, Self.root], folder: Self.folder, toolVersion: "0.1.0").json())
        #expect(json["schema"] as? String == "designation-check/1" && json["errors"] as? Int == 2 && json["warnings"] as? Int == 1)
        let items = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == ["syntax", "unused-fact", "unknown-parent"])
        #expect(items[0]["file"] as? String == "national.json5" && items[0]["line"] as? Int == 16 && items[0]["column"] as? Int == 5)
        #expect((items[2]["follows_from"] as? [String: Any])?["file"] as? String == "national.json5")
    }

    /// The field names of SARIF 2.1.0 (OASIS, sarif-schema-2.1.0.json): sarifLog {version,
    /// runs}, run {tool.driver, results}, result {ruleId, level, message.text, locations},
    /// physicalLocation {artifactLocation.uri, region.startLine/startColumn}.
    @Test func sarifHasTheFieldsTheSpecificationNames() throws {
        let log = try Self.parse(DiagnosticFormats([Self.root, Self.follower, Self.warning], folder: Self.folder, toolVersion: "0.1.0").sarif())
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "policy check")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let base = try #require((run["originalUriBaseIds"] as? [String: Any])?["POLICIES"] as? [String: Any])
        #expect(base["uri"] as? String == "file:///tmp/policies/")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error", "warning", "error"])
        for result in results {
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == result["ruleId"] as? String)
            #expect((result["message"] as? [String: Any])?["text"] is String)
        }
        let physical = try #require(((results[0]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "national.json5" && artifact["uriBaseId"] as? String == "POLICIES")
        let region = try #require(physical["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 16 && region["startColumn"] as? Int == 5)
        // A space in a file name is percent-encoded: `uri` is a URI reference.
        let spaced = try #require(((results[1]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any])
        #expect((spaced["artifactLocation"] as? [String: Any])?["uri"] as? String == "vocabulary/a%20b.json5")
        #expect((results[2]["relatedLocations"] as? [[String: Any]])?.first?["id"] as? Int == 0)
    }
}
