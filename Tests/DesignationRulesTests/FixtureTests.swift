import Foundation
import Testing
@testable import DesignationRules

/// The repository's folders, found from this file's place in it.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let policies = root.appendingPathComponent("policies")
    static let fixtures = root.appendingPathComponent("fixtures")

    static let policySet: PolicySet = {
        do { return try PolicySet(directory: policies) } catch { fatalError("the shipped policies do not load:\n\(error)") }
    }()
}

/// Every fixture in `fixtures/`, run against its expectation.
@Suite struct FixtureTests {
    static let fixtures = Fixture.all(in: Repository.fixtures)

    @Test(arguments: fixtures.map(\.name))
    func fixtureHolds(_ name: String) {
        let fixture = Self.fixtures.first { $0.name == name }!
        let result = FixtureRunner(policies: Repository.policySet).run(fixture)
        #expect(result.mismatches.isEmpty, "\(fixture.region)/\(fixture.name):\n\(result.mismatches.joined(separator: "\n"))")
    }

    @Test func thereAreEnoughNationalFixtures() {
        #expect(Self.fixtures.filter { $0.region == "national" }.count >= 15)
    }

    /// Every rule of a region is made to pass and to fail by some fixture, and every
    /// alternative of a rule is the one that holds for some fixture.
    @Test(arguments: Repository.policySet.regionIDs)
    func fixturesMakeEveryRulePassAndFail(_ region: String) throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        let evaluations = Self.fixtures.filter { $0.region == region }.compactMap { runner.run($0).evaluation }
        let policy = try #require(Repository.policySet.policies[region])
        for rule in policy.rules {
            let statuses = Set(evaluations.compactMap { $0.rules.first { $0.rule.id == rule.id }?.status })
            #expect(statuses.contains(.pass), "no fixture makes \(rule.id) pass")
            #expect(statuses.contains(.fail), "no fixture makes \(rule.id) fail")
            for alternative in rule.alternatives {
                let matched = evaluations.contains { evaluation in
                    evaluation.rules.contains { $0.rule.id == rule.id && $0.matched.contains { $0.citation == alternative.citation } }
                }
                #expect(matched, "no fixture matches \(rule.id) \(alternative.citation.text)")
            }
        }
    }
}
