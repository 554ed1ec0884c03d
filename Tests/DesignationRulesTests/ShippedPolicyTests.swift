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

    /// Every file of `policies/` is embedded in the binary as it is, and the embedded set,
    /// unpacked, loads the same regions as the repository's folder.
    @Test func everyPolicyFileIsShipped() throws {
        let root = Repository.policies.standardizedFileURL.path + "/"
        var repository: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  !path.hasSuffix(".swift"), !path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            repository[path] = FileManager.default.contents(atPath: root + path)
        }
        let embedded = Dictionary(uniqueKeysWithValues: ShippedPolicies.files.map { ($0.path, $0.bytes) })
        #expect(Set(embedded.keys) == Set(repository.keys))
        for (path, bytes) in repository { #expect(embedded[path] == bytes, "\(path) differs from its embedded copy") }
        let shipped = try ShippedPolicies.folder()
        #expect(try PolicySet(directory: shipped).regionIDs == Repository.policySet.regionIDs)
    }
}
