import Foundation
import Testing
@testable import DesignationRules
import ShippedPolicies

@Suite struct ShippedPolicyTests {
    /// The text with white space and line breaks removed, as quotes are compared.
    static func squeezed(_ text: String) -> String {
        String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
    }

    /// Every quoted wording occurs in the official text (ignoring white space and line breaks).
    @Test(arguments: Repository.policySet.regionIDs)
    func quotesOccurInTheOfficialText(_ region: String) throws {
        let policy = try #require(Repository.policySet.policies[region])
        let sourcePath = try #require(policy.document.source, "\(region) names no source text")
        let source = Self.squeezed(try String(contentsOf: Repository.policies.appendingPathComponent(sourcePath), encoding: .utf8))
        var quotes: [(String, String)] = policy.parameters.map { ("parameter \($0.name)", $0.quote) }
        quotes += policy.rules.map { ("rule \($0.id)", $0.quote) }
        quotes += policy.rules.flatMap { rule in rule.alternatives.map { ("rule \(rule.id) \($0.citation.text)", $0.quote) } }
        quotes += policy.deadlines.map { ("deadline \($0.id)", $0.quote) }
        for (what, quote) in quotes {
            #expect(source.contains(Self.squeezed(quote)), "\(what): quote not found in \(sourcePath): \(quote)")
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
