/// For every rule, how often the fixtures made it pass, fail, be unknown or not apply,
/// and which of its alternatives they matched.
public struct CoverageReport: Sendable {
    public struct RuleCoverage: Sendable {
        public var rule: Rule
        public var counts: [RuleStatus: Int]
        public var unmatchedAlternatives: [Citation]

        public func count(_ status: RuleStatus) -> Int { counts[status] ?? 0 }
        /// Whether the region sets the rule aside for every applicant.
        public var isWaivedForAll: Bool
        /// Made both to pass and to fail with every alternative matched, or waived for all.
        public var isCovered: Bool {
            isWaivedForAll || (count(.pass) > 0 && count(.fail) > 0 && unmatchedAlternatives.isEmpty)
        }
    }

    public struct Region: Sendable {
        public var id: String
        public var rules: [RuleCoverage]
        public var covered: Int { rules.filter(\.isCovered).count }
    }

    public var regions: [Region]

    public var isComplete: Bool { regions.allSatisfy { $0.covered == $0.rules.count } }

    /// Coverage of each region's rules by the results of its fixtures.
    public init(policies: PolicySet, results: [FixtureRunner.Result]) {
        regions = Set(results.map(\.fixture.region)).sorted().compactMap { id in
            guard let policy = policies.policies[id] else { return nil }
            let evaluations = results.filter { $0.fixture.region == id }.compactMap(\.evaluation)
            let rules = policy.rules.map { rule in
                var counts: [RuleStatus: Int] = [:]
                var matched: [Citation] = []
                for evaluation in evaluations {
                    guard let result = evaluation.rules.first(where: { $0.rule.id == rule.id }) else { continue }
                    counts[result.status, default: 0] += 1
                    matched += result.matched.map(\.citation)
                }
                let unmatched = rule.alternatives.map(\.citation).filter { !matched.contains($0) }
                let waivedForAll = policy.waivers.contains { $0.rule == rule.id && $0.appliesIf == nil }
                return RuleCoverage(rule: rule, counts: counts, unmatchedAlternatives: unmatched, isWaivedForAll: waivedForAll)
            }
            return Region(id: id, rules: rules)
        }
    }
}
