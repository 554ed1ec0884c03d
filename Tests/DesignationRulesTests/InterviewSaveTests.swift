import Testing
@testable import DesignationRules

/// An interview's saved profile marks "not known" with null, and a resumed interview
/// reads those marks back (issue 20, 7).
@Suite struct InterviewSaveTests {
    @Test func notKnownRoundTrips() throws {
        let vocabulary = Repository.policySet.vocabulary
        let facts: [String: Value] = ["physicians": .list([.record(Record(["first_registered_here": .boolean(true)]))])]
        let unknown: Set<String> = ["institution_type", "physicians[0].certificate"]
        let text = ProfileEncoder(vocabulary: vocabulary).encode(facts, unknown: unknown)
        let root = try JSON5.parse(text, file: "saved.json")
        #expect(Interview.unknownPaths(in: root) == unknown)
        let profile = try ProfileDecoder(vocabulary: vocabulary, asOf: CivilDate(iso: "2026-11-26")!).decode(root, source: "saved.json")
        #expect(profile.facts["institution_type"] == nil)
        #expect(profile.facts["physicians"] == facts["physicians"])
    }
}
