import Testing
@testable import DesignationRules

@Suite struct ProfileDecoderTests {
    let decoder = ProfileDecoder(vocabulary: TestVocabulary.vocabulary, asOf: CivilDate(iso: "2026-11-26")!)

    func problems(_ json: String) -> [Diagnostic] {
        do { _ = try decoder.decode(Array(json.utf8), source: "p.json"); return [] } catch { return error.diagnostics }
    }

    @Test func aValidProfileDecodesAndNullIsUnknown() throws {
        let profile = try decoder.decode(Array(#"{"beds": 12, "a": true, "kind": "clinic", "opened": "2025-01-31", "b": null, "staff": [{"years": 3}]}"#.utf8), source: "p.json")
        #expect(profile.facts["beds"] == .integer(12))
        #expect(profile.facts["kind"] == .text("clinic"))
        #expect(profile.facts["opened"] == .date(CivilDate(iso: "2025-01-31")!))
        #expect(profile.facts["b"] == nil)
        #expect(profile.facts["staff"] == .list([.record(Record(["years": .integer(3)]))]))
    }

    @Test func everyProblemIsReportedWithItsKeyAndPosition() {
        let found = problems("""
        {"beds": "many", "bedz": 1, "kind": "shop", "opened": "2025-02-30", "received": "2025/3/1",
         "staff": [{"years": 1}, {"registerd": true}], "materials": ["form", 3]}
        """)
        #expect(found.map(\.code) == ["wrong-type", "undeclared-fact", "unknown-value", "bad-date", "bad-date", "undeclared-fact", "wrong-type"])
        #expect(found[0].message.contains("`beds`: expected a whole number"))
        #expect(found[0].location == SourceLocation(file: "p.json", line: 1, column: 10))
        #expect(found[1].message.contains("did you mean `beds`?"))
        #expect(found[2].message.contains("allowed: clinic, hospital"))
        #expect(found[5].message.contains("`staff[1].registerd`"))
        #expect(found[5].message.contains("did you mean `registered`?"))
        #expect(found[6].message.contains("`materials[1]`"))
        #expect(found[6].location?.line == 2)
    }

    @Test func aFutureDateOfAPastEventIsRefused() {
        var opened = TestVocabulary.fact("opened", .date)
        opened.isPastEvent = true
        let decoder = ProfileDecoder(vocabulary: Vocabulary([opened]), asOf: CivilDate(iso: "2026-11-26")!)
        do {
            _ = try decoder.decode(Array(#"{"opened": "2026-11-27"}"#.utf8), source: "p.json")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.diagnostics.map(\.code) == ["future-date"])
        }
        #expect((try? decoder.decode(Array(#"{"opened": "2026-11-26"}"#.utf8), source: "p.json")) != nil)
    }

    @Test func countsOutsideTheirBoundsAreRefused() {
        var beds = TestVocabulary.fact("beds", .integer)
        beds.minimum = 0
        beds.maximum = 20000
        let decoder = ProfileDecoder(vocabulary: Vocabulary([beds]), asOf: CivilDate(iso: "2026-11-26")!)
        for json in [#"{"beds": -1}"#, #"{"beds": 20001}"#, #"{"beds": 1.5}"#] {
            #expect(throws: DiagnosticList.self) { try decoder.decode(Array(json.utf8), source: "p.json") }
        }
    }

    @Test func aProfileMustBeAnObject() {
        #expect(problems("[1, 2]").map(\.code) == ["wrong-type"])
        #expect(problems("").map(\.code) == ["syntax"])
    }
}
