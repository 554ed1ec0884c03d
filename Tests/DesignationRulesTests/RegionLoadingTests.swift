import Foundation
import Testing
@testable import DesignationRules

/// `PolicySet(directory:onlyRegion:)`, which `evaluate --region R` uses: it reads R and
/// the texts it extends, and gives the same results as loading every text.
@Suite struct RegionLoadingTests {
    @Test(arguments: Repository.policySet.regionIDs)
    func aRegionLoadsWithTheTextsItExtendsAndItsFixturesHold(_ region: String) throws {
        let one = try PolicySet(directory: Repository.policies, onlyRegion: region)
        let chain = sequence(first: region) { Repository.policySet.policies[$0]?.parent }
        #expect(one.regionIDs == chain.sorted())
        #expect(one.folderRegionIDs == Repository.policySet.regionIDs)
        let runner = FixtureRunner(policies: one)
        for fixture in FixtureTests.fixtures where fixture.region == region {
            let result = runner.run(fixture)
            #expect(result.mismatches.isEmpty, "\(region)/\(fixture.name):\n\(result.mismatches.joined(separator: "\n"))")
        }
    }

    @Test func anotherRegionsErrorsDoNotStopOne() throws {
        let files = ["vocabulary/common.json5": PolicyLoaderTests.vocabulary, "sample.json5": Self.sample(),
                     "broken.json5": "{ id: \"broken\" extends: \"sample\" }"]
        #expect(throws: DiagnosticList.self) { try Self.load(files, onlyRegion: nil) }
        let one = try Self.load(files, onlyRegion: "sample")
        #expect(one.regionIDs == ["sample"])
        #expect(one.folderRegionIDs == ["broken", "sample"])
    }

    @Test func aRegionThatCitesATextOutsideItsChainLoadsEveryText() throws {
        let files = ["vocabulary/common.json5": PolicyLoaderTests.vocabulary,
                     "sample.json5": Self.sample(citing: "other"), "other.json5": Self.sample(id: "other")]
        #expect(try Self.load(files, onlyRegion: "sample").regionIDs == ["other", "sample"])
    }

    @Test func aRegionNotInTheFolderLoadsNoText() throws {
        let files = ["vocabulary/common.json5": PolicyLoaderTests.vocabulary, "sample.json5": Self.sample()]
        for region in ["hebei", "../sample", "sample.json5"] {
            let none = try Self.load(files, onlyRegion: region)
            #expect(none.regionIDs.isEmpty)
            #expect(none.folderRegionIDs == ["sample"])
        }
    }

    /// PolicyLoaderTests' minimal policy under another id, with a rule citing `document`.
    static func sample(id: String = "sample", citing document: String? = nil) -> String {
        let cited = document.map { "document: \"\($0)\", " } ?? ""
        let rule = #"    { id: "r1", kind: "condition", citation: { \#(cited)article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#
        return PolicyLoaderTests.policy(rules: rule).replacingOccurrences(of: "id: \"sample\"", with: "id: \"\(id)\"")
    }

    static func load(_ files: [String: String], onlyRegion: String?) throws -> PolicySet {
        try TemporaryPolicies.load(files, onlyRegion: onlyRegion).get()
    }
}
