import Foundation
import Testing
@testable import DesignationRules
import ShippedPolicies

@Suite struct ShippedPolicyTests {
    /// Every quoted wording a policy file writes occurs in the official text it names
    /// (ignoring white space and line breaks), as `policy check` verifies.
    @Test func everyQuoteOccursInItsOfficialText() {
        do {
            _ = try PolicySet(directory: Repository.policies, checkingQuotes: true)
        } catch {
            Issue.record("\(error.diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n"))")
        }
    }

    /// The national order's items of Arts. 5, 6, 7 and 12 each have a rule that cites them.
    @Test func everyItemOfTheNationalApplicationArticlesHasARule() throws {
        let policy = try #require(Repository.policySet.policies["national"])
        let cited = Set(policy.rules.flatMap { [$0.citation] + $0.alternatives.map(\.citation) }.map { "\($0.article ?? "")\($0.item ?? "")" })
        let items: [String: [String]] = [
            "第五条": ["一", "二", "三", "四", "五", "六"],
            "第六条": ["一", "二", "三", "四", "五", "六"],
            "第七条": ["一", "二", "三", "四", "五", "六"],
            "第十二条": ["一", "二", "三", "四", "五", "六", "七", "八", "九"],
        ]
        for (article, numbers) in items {
            for number in numbers {
                #expect(cited.contains("\(article)（\(number)）"), "no rule cites \(article)（\(number)）")
            }
        }
    }

    /// Every policy file in the repository is also shipped as a package resource.
    @Test func everyPolicyFileIsShipped() throws {
        let shipped = try #require(ShippedPolicies.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: Repository.policies.path).filter { $0.hasSuffix(".json5") }
        for name in names {
            #expect(FileManager.default.fileExists(atPath: shipped.appendingPathComponent(name).path), "\(name) is not listed in Package.swift's resources")
        }
        let shippedSet = try PolicySet(directory: shipped)
        #expect(shippedSet.regionIDs == Repository.policySet.regionIDs)
    }
}
