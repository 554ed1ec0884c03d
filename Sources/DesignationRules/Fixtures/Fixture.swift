import Foundation

/// A test case as data: a profile `NAME.json` that `evaluate` reads as it is, and
/// beside it `NAME.expected.json` with what the article text says the result must be.
///
///     { "as_of": "2026-11-26", "summary": "…",
///       "verdict": "ineligible",
///       "stages": { "acceptance": "refused", "evaluation": "qualified" },
///       "rules": { "art5-licence": "pass", … every rule … },
///       "passes_from": { "art6-1-operation": "2026-12-02" },
///       "deadlines": { "supplement-notice-due": "2026-12-03" },
///       "earliest_eligible": "2026-12-02" }      // or "none": some failure time does not cure
///
/// The region is the name of the fixture's folder (`fixtures/national/…`).
public struct Fixture: Sendable {
    public var name: String
    public var region: String
    public var profile: URL
    public var expectation: URL

    /// Every fixture under `root` (`fixtures/`), sorted by region and name.
    public static func all(in root: URL) -> [Fixture] {
        let fileManager = FileManager.default
        var fixtures: [Fixture] = []
        for region in ((try? fileManager.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let folder = root.appendingPathComponent(region)
            for file in ((try? fileManager.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            where file.hasSuffix(".json") && !file.hasSuffix(".expected.json") {
                let name = String(file.dropLast(".json".count))
                fixtures.append(Fixture(name: name, region: region, profile: folder.appendingPathComponent(file),
                                        expectation: folder.appendingPathComponent(name + ".expected.json")))
            }
        }
        return fixtures
    }
}

/// What a fixture expects, read from `NAME.expected.json`.
public struct Expectation: Sendable {
    public var asOf: CivilDate
    public var verdict: String
    public var stages: [String: String]
    public var rules: [String: String]
    public var passesFrom: [String: String]
    public var deadlines: [String: String]
    /// The earliest eligible date, "none", or nil when the fixture does not say.
    public var earliestEligible: String?

    public init(bytes: [UInt8], file: String) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        let root: JSONNode
        do { root = try JSON5.parse(bytes, file: file) } catch { throw DiagnosticList([error.diagnostic]) }
        guard var reader = ObjectReader(root, "the expectation", diagnostics) else { throw DiagnosticList(diagnostics.diagnostics) }
        let asOf = reader.date("as_of", required: true)
        _ = reader.string("summary")
        let verdict = reader.string("verdict", required: true)
        func strings(_ key: String, required: Bool = false) -> [String: String] {
            guard let members = reader.member(key, required: required)?.members else { return [:] }
            var result: [String: String] = [:]
            for member in members {
                if let text = member.value.string { result[member.key] = text }
                else { diagnostics.error("wrong-type", at: member.value.location, "`\(key).\(member.key)` must be a string") }
            }
            return result
        }
        stages = strings("stages", required: true)
        rules = strings("rules", required: true)
        passesFrom = strings("passes_from")
        deadlines = strings("deadlines")
        earliestEligible = reader.string("earliest_eligible")
        reader.finish()
        guard let asOf, let verdict, !diagnostics.hasErrors else { throw DiagnosticList(diagnostics.diagnostics) }
        self.asOf = asOf
        self.verdict = verdict
    }
}

/// Runs fixtures against a policy set and lists every way a result differs from its expectation.
public struct FixtureRunner: Sendable {
    public let policies: PolicySet

    public init(policies: PolicySet) { self.policies = policies }

    public struct Result: Sendable {
        public var fixture: Fixture
        /// The evaluation, when the profile could be read.
        public var evaluation: Evaluation?
        /// Human-readable differences; empty when the fixture holds.
        public var mismatches: [String]
    }

    public func run(_ fixture: Fixture) -> Result {
        func failure(_ message: String) -> Result { Result(fixture: fixture, evaluation: nil, mismatches: [message]) }
        guard let policy = policies.policies[fixture.region] else { return failure("no policy for region `\(fixture.region)`") }
        guard let expectationData = FileManager.default.contents(atPath: fixture.expectation.path) else {
            return failure("missing \(fixture.expectation.lastPathComponent)")
        }
        let expectation: Expectation
        do { expectation = try Expectation(bytes: [UInt8](expectationData), file: fixture.expectation.path) } catch { return failure("\(error)") }
        guard let profileData = FileManager.default.contents(atPath: fixture.profile.path) else { return failure("cannot read the profile") }
        let profile: Profile
        do {
            profile = try ProfileDecoder(vocabulary: policies.vocabulary, asOf: expectation.asOf)
                .decode([UInt8](profileData), source: fixture.profile.path)
        } catch { return failure("the profile is refused:\n\(error)") }
        let evaluation = Evaluator(policy: policy, calendar: policies.calendar).evaluate(profile, asOf: expectation.asOf)
        return Result(fixture: fixture, evaluation: evaluation, mismatches: compare(evaluation, expectation))
    }

    private func compare(_ evaluation: Evaluation, _ expected: Expectation) -> [String] {
        let describe = Describer(vocabulary: policies.vocabulary, policy: evaluation.policy, language: .en)
        var mismatches: [String] = []
        func check(_ what: String, expected: String?, actual: String) {
            if expected != actual { mismatches.append("\(what): expected \(expected ?? "(not listed)"), got \(actual)") }
        }
        check("verdict", expected: expected.verdict, actual: evaluation.verdict.rawValue)
        for stage in evaluation.stages {
            check("stage \(stage.stage.id)", expected: expected.stages[stage.stage.id], actual: stage.outcome?.id ?? "undetermined")
        }
        for result in evaluation.rules {
            let evidence = result.evidence.compactMap(describe.evidence).joined(separator: "; ")
            if expected.rules[result.rule.id] != result.status.rawValue {
                mismatches.append("rule \(result.rule.id) (\(result.rule.citation.text)): expected \(expected.rules[result.rule.id] ?? "(not listed)"), got \(result.status.rawValue) — \(evidence)")
            }
        }
        let ruleIDs = Set(evaluation.rules.map(\.rule.id))
        for id in expected.rules.keys.sorted() where !ruleIDs.contains(id) { mismatches.append("rule \(id): listed, but no such rule") }
        for (id, date) in expected.passesFrom.sorted(by: { $0.key < $1.key }) {
            let actual = evaluation.rules.first { $0.rule.id == id }?.passesFrom?.description ?? "none"
            check("passes_from \(id)", expected: date, actual: actual)
        }
        for (id, value) in expected.deadlines.sorted(by: { $0.key < $1.key }) {
            let result = evaluation.deadlines.first { $0.deadline.id == id }
            check("deadline \(id)", expected: value, actual: result.map { $0.value?.description ?? "unknown" } ?? "not shown")
        }
        if let expected = expected.earliestEligible {
            check("earliest_eligible", expected: expected, actual: evaluation.earliest?.date?.description ?? "none")
        }
        return mismatches
    }
}
