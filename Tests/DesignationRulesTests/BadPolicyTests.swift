import Foundation
import Testing
@testable import DesignationRules

/// Mistakes policy staff make in rule files: each yields its own error code, at the line
/// of the mistake, with a message naming what is wrong.
@Suite struct BadPolicyTests {
    static let vocabulary = """
    { facts: {
        beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 20000 },
        kind: { type: "enum", label: { zh: "类别", en: "Kind" }, values: [{ id: "clinic", zh: "诊所", en: "Clinic" }] },
    } }
    """

    /// A valid policy; each case replaces one line of it (line numbers are the file's).
    static let lines = [
        #"{ id: "base", document: { title: "T", number: "N", issuer: "I" }, status: "in-force","#,   // 1
        #"  effective: { from: "2021-02-01" },"#,                                                      // 2
        #"  scope: { zh: "全部", en: "all" },"#,                                                       // 3
        #"  procedure: { stages: [{ id: "s", label: { zh: "s", en: "s" }, outcomes: [{ id: "no", label: { zh: "否", en: "no" }, when_failed: ["condition"], verdict: "ineligible" }], otherwise: { id: "yes", label: { zh: "是", en: "yes" }, verdict: "eligible" } }],"#, // 4
        #"    kinds: { condition: { stage: "s", label: { zh: "条件", en: "Conditions" } } } },"#,     // 5
        #"  parameters: { limit: { value: "10", citation: { article: "第一条" }, quote: "q", label: { zh: "限", en: "limit" } } },"#, // 6
        #"  rules: ["#,                                                                                 // 7
        #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= limit" },"#, // 8
        #"    { id: "r2", kind: "condition", citation: { article: "第二条", item: "（一）" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "kind == 'clinic'" },"#, // 9
        #"  ],"#,                                                                                       // 10
        #"  deadlines: [{ id: "d1", citation: { article: "第三条" }, quote: "q", label: { zh: "期", en: "due" }, date: "today + 5 working_days" }],"#, // 11
        #"}"#,                                                                                          // 12
    ]

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var line: Int
        var replacement: String
        var code: String
        var mentions: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "syntax: missing comma", line: 8, replacement: #"    { id: "r1" kind: "condition" },"#, code: "syntax", mentions: "expected"),
        Case(name: "unknown field", line: 8, replacement: #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explian: { zh: "x", en: "x" }, explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#, code: "unknown-field", mentions: "did you mean `explain`?"),
        Case(name: "misspelt fact", line: 8, replacement: #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "bedz >= limit" },"#, code: "undeclared-fact", mentions: "did you mean `beds`?"),
        Case(name: "date compared with a number", line: 8, replacement: #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "today > 3" },"#, code: "type-mismatch", mentions: "date"),
        Case(name: "enum value not declared", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "kind == 'clnic'" },"#, code: "unknown-value", mentions: "did you mean 'clinic'?"),
        Case(name: "duplicate rule id", line: 9, replacement: #"    { id: "r1", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1" },"#, code: "duplicate-id", mentions: "`r1` is used twice"),
        Case(name: "malformed article", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "Art. 2" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1" },"#, code: "bad-citation", mentions: "malformed article `Art. 2`"),
        Case(name: "half-width item brackets", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条", item: "(一)" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1" },"#, code: "bad-citation", mentions: "full-width"),
        Case(name: "empty citation", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1" },"#, code: "bad-citation", mentions: "at least one of"),
        Case(name: "undeclared kind", line: 9, replacement: #"    { id: "r2", kind: "conditon", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1" },"#, code: "undeclared-kind", mentions: "`conditon`"),
        Case(name: "both requires and fails_if", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds > 1", fails_if: "beds > 2" },"#, code: "missing-field", mentions: "exactly one of"),
        Case(name: "test that is no condition", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds + 1" },"#, code: "type-mismatch", mentions: "expected bool"),
        Case(name: "expression syntax", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= " },"#, code: "expression-syntax", mentions: "expected a value"),
        Case(name: "unknown function", line: 9, replacement: #"    { id: "r2", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "mnth(today) > 1" },"#, code: "unknown-function", mentions: "did you mean `month`?"),
        Case(name: "bad status", line: 1, replacement: #"{ id: "base", document: { title: "T", number: "N", issuer: "I" }, status: "active","#, code: "bad-value", mentions: "status must be one of"),
        Case(name: "bad effective date", line: 2, replacement: #"  effective: { from: "2021-02-30" },"#, code: "bad-date", mentions: "2021-02-30"),
        Case(name: "parameter that is no literal", line: 6, replacement: #"  parameters: { limit: { value: "beds", citation: { article: "第一条" }, quote: "q", label: { zh: "限", en: "limit" } } },"#, code: "bad-value", mentions: "one literal"),
        Case(name: "deadline that is no date", line: 11, replacement: #"  deadlines: [{ id: "d1", citation: { article: "第三条" }, quote: "q", label: { zh: "期", en: "due" }, date: "beds" }],"#, code: "type-mismatch", mentions: "expected date"),
        Case(name: "deadline for an outcome that does not exist", line: 11, replacement: #"  deadlines: [{ id: "d1", citation: { article: "第三条" }, quote: "q", label: { zh: "期", en: "due" }, when: ["s:maybe"], date: "today" }],"#, code: "bad-value", mentions: "s:yes"),
        Case(name: "kind of an undeclared stage", line: 5, replacement: #"    kinds: { condition: { stage: "z", label: { zh: "条件", en: "Conditions" } } } },"#, code: "undeclared-stage", mentions: "`z`"),
        Case(name: "extends outside the folder", line: 1, replacement: #"{ id: "base", extends: "../national", document: { title: "T", number: "N", issuer: "I" }, status: "in-force","#, code: "unknown-parent", mentions: "`../national`"),
        Case(name: "extends itself", line: 1, replacement: #"{ id: "base", extends: "base", document: { title: "T", number: "N", issuer: "I" }, status: "in-force","#, code: "extends-cycle", mentions: "base → base"),
        Case(name: "id unlike the file name", line: 1, replacement: #"{ id: "other", document: { title: "T", number: "N", issuer: "I" }, status: "in-force","#, code: "bad-id", mentions: "must match its file name"),
    ]

    @Test(arguments: cases)
    func isReportedAtItsLine(_ bad: Case) throws {
        var lines = Self.lines
        lines[bad.line - 1] = bad.replacement
        switch try TemporaryPolicies.load(["vocabulary/common.json5": Self.vocabulary, "base.json5": lines.joined(separator: "\n")]) {
        case .success:
            Issue.record("\(bad.name): accepted")
        case .failure(let error):
            let errors = error.diagnostics.filter { $0.severity == .error }
            let found = errors.first { $0.code == bad.code }
            #expect(found != nil, "\(bad.name): \(error)")
            #expect(found?.message.contains(bad.mentions) == true, "\(bad.name): \(error)")
            #expect(found?.location?.line == bad.line, "\(bad.name): \(error)")
        }
    }

    @Test func theBasePolicyIsValid() throws {
        let loaded = try TemporaryPolicies.load(["vocabulary/common.json5": Self.vocabulary, "base.json5": Self.lines.joined(separator: "\n")])
        #expect(try loaded.get().regionIDs == ["base"])
    }

    /// Of two names as near, the suggestion is the same whatever order they come in
    /// (they often come from a set, whose order changes from run to run).
    @Test func aSuggestionDoesNotDependOnTheCandidatesOrder() {
        #expect(nearestName(to: "fr", in: ["zh", "en"]) == "en")
        #expect(nearestName(to: "fr", in: ["en", "zh"]) == "en")
        #expect(nearestName(to: "bed_cuont", in: Set(["bed_count", "bed_counts", "beds"])) == "bed_count")
    }
}
