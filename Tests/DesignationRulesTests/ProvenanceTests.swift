import Foundation
import Testing
@testable import DesignationRules

/// What a JSON report records of the files that decided it (issue 20, 9).
@Suite struct ProvenanceTests {
    @Test func theRegionsTextsAreHashedWithTheirNumbers() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "liaocheng" && $0.name == "hospital-onsite-unqualified" })
        let evaluation = try #require(FixtureRunner(policies: Repository.policySet).run(fixture).evaluation)
        let profile = [UInt8](try Data(contentsOf: fixture.profile))
        let provenance = Provenance(policies: Repository.policySet, evaluation: evaluation, profile: profile)
        #expect(provenance.version == ToolVersion.current)
        #expect(provenance.profileSHA256 == SHA256.hex(profile))
        let texts = provenance.files.filter { $0.document != nil }
        #expect(texts.map(\.path) == ["liaocheng.json5", "national.json5"])
        #expect(texts.map(\.document) == ["聊医保发〔2023〕18号", "国家医疗保障局令第2号"])
        for file in provenance.files {
            let bytes = try Data(contentsOf: Repository.policies.appendingPathComponent(file.path))
            #expect(file.sha256 == SHA256.hex(bytes), "\(file.path)")
        }
        #expect(provenance.files.contains { $0.path == PolicySet.calendarFile })
        #expect(provenance.files.contains { $0.path == "notices/liaocheng.json5" })
    }
}
