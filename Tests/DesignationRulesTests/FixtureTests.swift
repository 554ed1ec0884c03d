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

    /// Every rule of a region is made to pass and to fail by some fixture (or is waived
    /// where the region sets it aside), and every alternative of a rule is matched: the
    /// same measure as `policy test --coverage`.
    @Test(arguments: Repository.policySet.regionIDs)
    func fixturesMakeEveryRulePassAndFail(_ region: String) throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        let results = Self.fixtures.filter { $0.region == region }.map(runner.run)
        let coverage = try #require(CoverageReport(policies: Repository.policySet, results: results).regions.first)
        for rule in coverage.rules where !rule.isCovered {
            Issue.record("\(region): \(rule.rule.id) pass \(rule.count(.pass)), fail \(rule.count(.fail)), waived \(rule.count(.waived)); unmatched alternatives: \(rule.unmatchedAlternatives.map(\.text))")
        }
    }
}
