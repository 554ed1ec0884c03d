import Foundation
import Testing
@testable import DesignationRules

/// The tools for policy staff, on small policy folders written for each test.
@Suite struct PolicyToolsTests {
    static let vocabulary = """
    { facts: {
        beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 20000 },
        opened: { type: "date", label: { zh: "运营日期", en: "Opened" } },
        spare: { type: "bool", label: { zh: "备用", en: "Spare" } },
        name: { type: "text", label: { zh: "名称", en: "Name" }, informational: true },
    } }
    """

    static let source = "第一条 正式运营至少3个月。\n第二条 床位不少于10张。\n第三条 附则。"

    static let base = """
    { id: "base", document: { title: "T", number: "N", issuer: "I", source: "sources/base.txt" }, status: "in-force",
      scope: { zh: "全部", en: "all" },
      \(TestPolicy.procedure)
      parameters: { wait: { value: "3 months", citation: { article: "第一条" }, quote: "正式运营至少3个月", label: { zh: "期", en: "wait" } } },
      rules: [
        { id: "operation", kind: "condition", citation: { article: "第一条" }, quote: "正式运营至少3个月", explain: { zh: "x", en: "x" }, requires: "today > opened + wait" },
        { id: "beds", kind: "condition", citation: { article: "第二条" }, quote: "床位不少于10张", explain: { zh: "x", en: "x" }, requires: "beds >= 10" },
      ] }
    """

    /// Writes a policy folder and loads it with quotes checked.
    func load(_ files: [String: String]) throws -> Result<PolicySet, DiagnosticList> {
        let all = ["vocabulary/common.json5": Self.vocabulary, "sources/base.txt": Self.source, "base.json5": Self.base]
            .merging(files) { _, new in new }
        return try TemporaryPolicies.load(all, checkingQuotes: true)
    }

    func errors(_ files: [String: String]) throws -> [Diagnostic] {
        guard case .failure(let list) = try load(files) else { return [] }
        return list.diagnostics.filter { $0.severity == .error }
    }

    /// The issue's check: four different mistakes, four precise messages, one run.
    @Test func fourMistakesFourMessagesInOneRun() throws {
        let region = """
        { id: "region", extends: "base", document: { title: "R", number: "N", issuer: "I", source: "sources/region.txt" },
          status: "in-force", scope: { zh: "全部", en: "all" },
          rules: [
            { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "床位", explain: { zh: "x", en: "x" }, requires: "bedz >= 1" },
            { id: "r2", kind: "condition", citation: { article: "第一条" }, quote: "床位", explain: { zh: "x", en: "x" }, requires: "opened > 3" },
            { id: "r3", kind: "condition", citation: { article: "第二条" }, quote: "病床不少于", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },
            { id: "r4", replaces: "bedss", kind: "condition", citation: { article: "第二条" }, quote: "床位", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },
          ] }
        """
        let found = try errors(["region.json5": region, "sources/region.txt": "第一条 床位。\n第二条 床位不少于20张。"])
        #expect(found.map(\.code).sorted() == ["nothing-to-replace", "quote-not-in-source", "type-mismatch", "undeclared-fact"])
        #expect(found.allSatisfy { $0.location?.file.hasSuffix("region.json5") == true })
        #expect(found.first { $0.code == "undeclared-fact" }?.message.contains("did you mean `beds`?") == true)
        #expect(found.first { $0.code == "quote-not-in-source" }?.message.contains("「病床不少于」") == true)
        #expect(found.first { $0.code == "nothing-to-replace" }?.message.contains("did you mean `beds`?") == true)
        #expect(Set(found.compactMap { $0.location?.line }) == [4, 5, 6, 7])
    }

    @Test func aQuoteIsComparedIgnoringWhiteSpaceAndLineBreaks() throws {
        let policy = Self.base.replacingOccurrences(of: #"quote: "床位不少于10张""#, with: #"quote: "床位不少于 10 张""#)
        #expect(try errors(["base.json5": policy]).isEmpty)
        let wrong = Self.base.replacingOccurrences(of: #"quote: "床位不少于10张""#, with: #"quote: "床位不少于12张""#)
        let found = try errors(["base.json5": wrong])
        #expect(found.map(\.code) == ["quote-not-in-source"])
        #expect(found.first?.message.contains("matches up to 「床位不少于1」") == true)
    }

    @Test func linterWarnsOfUnusedFactsAndConstantRules() throws {
        let policy = Self.base.replacingOccurrences(of: #"requires: "beds >= 10" },"#, with: #"requires: "beds >= 10", applies_if: "1 > 2" },"#)
        let set = try load(["base.json5": policy]).get()
        let warnings = PolicyLinter(policies: set).warnings()
        #expect(warnings.map(\.code).sorted() == ["never-applies", "unused-fact"])
        #expect(warnings.first { $0.code == "unused-fact" }?.message.contains("`spare`") == true)
    }

    /// Fixtures that kill every mutant of the base policy, and one that leaves some alive.
    @Test func mutationScoreCountsTheMutantsNoFixtureNotices() throws {
        let set = try load([:]).get()
        let mutants = Mutator.mutants(of: set.policies["base"]!)
        // operation: negated, dropped, 3 months ±1 inside the parameter (not a literal);
        // beds: negated, dropped, 10 → 9, 10 → 11; parameter wait: 2 and 4 months.
        #expect(mutants.map(\.change) == ["test negated", "rule dropped (always passes)", "test negated", "rule dropped (always passes)",
                                          "threshold 10 → 9", "threshold 10 → 11", "3 months → 2 months", "3 months → 4 months"])
        let runner = FixtureRunner(policies: set)
        func fixture(_ beds: Int, _ opened: String, _ verdict: String, _ operation: String, _ bedsStatus: String) -> PreparedFixture {
            let expectation = try! Expectation(bytes: Array("""
            { "as_of": "2026-11-26", "verdict": "\(verdict)", "stages": { "s": "\(verdict == "eligible" ? "yes" : "no")" },
              "rules": { "operation": "\(operation)", "beds": "\(bedsStatus)" } }
            """.utf8), file: "e.json")
            let profile = Profile(facts: ["beds": .integer(beds), "opened": .date(CivilDate(iso: opened)!)], source: "p.json")
            return PreparedFixture(fixture: Fixture(name: "f\(beds)", region: "base", profile: URL(fileURLWithPath: "p.json"),
                                                    expectation: URL(fileURLWithPath: "e.json")), profile: profile, expectation: expectation)
        }
        let weak = [fixture(30, "2020-01-01", "eligible", "pass", "pass"), fixture(0, "2026-11-01", "ineligible", "fail", "fail")]
        let weakReport = MutationReport.run(runner, weak)
        #expect(weakReport.regions.first?.total == 8)
        #expect(weakReport.regions.first?.survivors.map(\.change).sorted() == ["3 months → 2 months", "3 months → 4 months", "threshold 10 → 11", "threshold 10 → 9"])
        // Boundaries: 10 beds exactly passes (kills 10 → 11), 9 fails (kills 10 → 9);
        // opened 2026-08-20: 3 months end 2026-11-20, passes; 4 months would fail.
        // opened 2026-09-20: 2 months end 2026-11-20, 3 months 2026-12-20: fails; 2 months would pass.
        let strong = weak + [fixture(10, "2026-08-20", "eligible", "pass", "pass"), fixture(9, "2026-09-20", "ineligible", "fail", "fail")]
        #expect(MutationReport.run(runner, strong).regions.first?.survivors.isEmpty == true)
    }

    @Test func diffShowsBothCitationsOfAReplacement() throws {
        let region = """
        { id: "region", extends: "base", document: { title: "R", number: "N", issuer: "I", source: "sources/region.txt" },
          status: "in-force", scope: { zh: "全部", en: "all" },
          parameters: { wait: { value: "2 months", replaces: true, citation: { section: "六" }, quote: "运营2个月", label: { zh: "期", en: "wait" } } },
          rules: [
            { id: "r-beds", replaces: "beds", kind: "condition", citation: { section: "二" }, quote: "床位不少于20张", explain: { zh: "床位≥20", en: "20 beds" }, requires: "beds >= 20" },
          ] }
        """
        let set = try load(["region.json5": region, "sources/region.txt": "二、床位不少于20张。\n六、运营2个月。"]).get()
        let text = PolicyDiff(region: set.policies["region"]!, against: set.policies["base"]!).render(vocabulary: set.vocabulary, language: .en)
        #expect(text.contains("beds → r-beds"))
        #expect(text.contains("base 第二条「床位不少于10张」"))
        #expect(text.contains("→ region 二「床位不少于20张」"))
        #expect(text.contains("wait: base 第一条 3 months → region 六 2 months"))
    }

    @Test func junitEscapesAndCountsFailures() {
        let fixture = Fixture(name: "a<b", region: "x", profile: URL(fileURLWithPath: "a.json"), expectation: URL(fileURLWithPath: "a.expected.json"))
        let xml = JUnitReport.xml([FixtureRunner.Result(fixture: fixture, evaluation: nil, mismatches: ["rule \"r\" & more"])])
        #expect(xml.contains(#"<testsuite name="x" tests="1" failures="1">"#))
        #expect(xml.contains(#"name="a&lt;b""#))
        #expect(xml.contains(#"message="rule &quot;r&quot; &amp; more""#))
    }

    /// Re-recording an expectation whose fixture holds gives back the same file.
    @Test func reRecordingAnUnchangedFixtureChangesNothing() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.name == "rectification-not-over" })
        let runner = FixtureRunner(policies: Repository.policySet)
        let prepared = try runner.prepare(fixture).get()
        let evaluation = try #require(runner.run(prepared).evaluation)
        let recorded = ExpectationRecorder.record(evaluation, previous: prepared.expectation, summary: prepared.expectation.summary)
        #expect(recorded == (try String(contentsOf: fixture.expectation, encoding: .utf8)))
    }
}
