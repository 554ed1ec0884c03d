import Foundation

/// A fixture read and decoded once, so that tools can evaluate it many times
/// (coverage, mutation) without reading files again.
public struct PreparedFixture: Sendable {
    public var fixture: Fixture
    public var profile: Profile
    public var expectation: Expectation
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

        public init(fixture: Fixture, evaluation: Evaluation?, mismatches: [String]) {
            self.fixture = fixture
            self.evaluation = evaluation
            self.mismatches = mismatches
        }
    }

    /// Reads a fixture's expectation and profile, or says why it cannot.
    public func prepare(_ fixture: Fixture) -> Swift.Result<PreparedFixture, FixtureError> {
        guard policies.policies[fixture.region] != nil else {
            return .failure(FixtureError("no policy for region `\(fixture.region)` (the fixture's folder name)"))
        }
        guard let expectationData = FileManager.default.contents(atPath: fixture.expectation.path) else {
            return .failure(FixtureError("missing \(fixture.expectation.lastPathComponent)"))
        }
        let expectation: Expectation
        do { expectation = try Expectation(bytes: [UInt8](expectationData), file: fixture.expectation.path) } catch {
            return .failure(FixtureError("\(error)"))
        }
        guard let profileData = FileManager.default.contents(atPath: fixture.profile.path) else {
            return .failure(FixtureError("cannot read the profile"))
        }
        do {
            let profile = try ProfileDecoder(vocabulary: policies.vocabulary, asOf: expectation.asOf)
                .decode([UInt8](profileData), source: fixture.profile.path)
            return .success(PreparedFixture(fixture: fixture, profile: profile, expectation: expectation))
        } catch {
            return .failure(FixtureError("the profile is refused:\n\(error)"))
        }
    }

    public func run(_ fixture: Fixture) -> Result {
        switch prepare(fixture) {
        case .failure(let error): return Result(fixture: fixture, evaluation: nil, mismatches: [error.message])
        case .success(let prepared): return run(prepared)
        }
    }

    /// Evaluates a prepared fixture, against its region's policy or a variant of it.
    public func run(_ prepared: PreparedFixture, policy: Policy? = nil) -> Result {
        let policy = policy ?? policies.policies[prepared.fixture.region]!
        guard let evaluator = Evaluator(policy: policy, calendar: policies.calendar, procedure: prepared.expectation.procedure) else {
            return Result(fixture: prepared.fixture, evaluation: nil, mismatches: ["\(policy.id) lays down no procedure `\(prepared.expectation.procedure)`"])
        }
        let evaluation = evaluator.evaluate(prepared.profile, asOf: prepared.expectation.asOf)
        return Result(fixture: prepared.fixture, evaluation: evaluation, mismatches: compare(evaluation, prepared.expectation))
    }

    private func compare(_ evaluation: Evaluation, _ expected: Expectation) -> [String] {
        let describe = Describer(vocabulary: policies.vocabulary, policy: evaluation.policy, language: .en)
        var mismatches: [String] = []
        func check(_ what: String, expected: String?, actual: String) {
            if expected != actual { mismatches.append("\(what): expected \(expected ?? "(not listed)"), got \(actual)") }
        }
        check("verdict", expected: expected.verdict, actual: evaluation.verdict.rawValue)
        // A fixture is about its region's own text unless it says another governs.
        check("governing text", expected: expected.text ?? evaluation.ownTextID, actual: evaluation.governingTextID)
        for stage in evaluation.stages {
            check("stage \(stage.stage.id)", expected: expected.stages[stage.stage.id], actual: stage.outcome?.id ?? (stage.reached ? "undetermined" : "not-reached"))
            if let day = expected.judgedOn[stage.stage.id] {
                check("stage \(stage.stage.id) judged on", expected: day, actual: evaluation.judgedOnWord(ofStage: stage.stage.id))
            }
        }
        for result in evaluation.rules where expected.rules[result.rule.id] != result.status.rawValue {
            let evidence = result.evidence.compactMap(describe.evidence).joined(separator: "; ")
            mismatches.append("rule \(result.rule.id) (\(describe.citation(result.rule.citation))): expected \(expected.rules[result.rule.id] ?? "(not listed)"), got \(result.status.rawValue) — \(evidence)")
        }
        let ruleIDs = Set(evaluation.rules.map(\.rule.id))
        // An out-of-scope result has no rules: the expectation then lists none.
        if evaluation.verdict != .outOfScope {
            for id in expected.rules.keys.sorted() where !ruleIDs.contains(id) { mismatches.append("rule \(id): listed, but no such rule") }
        }
        for (id, date) in expected.passesFrom.sorted(by: { $0.key < $1.key }) {
            check("passes_from \(id)", expected: date, actual: evaluation.passesFromWord(id))
        }
        for (id, value) in expected.deadlines.sorted(by: { $0.key < $1.key }) {
            check("deadline \(id)", expected: value, actual: evaluation.deadlineWord(id))
        }
        if let expected = expected.earliestEligible {
            check("earliest_eligible", expected: expected, actual: evaluation.earliestWord)
        }
        return mismatches
    }
}

/// Why a fixture could not be run at all.
public struct FixtureError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
