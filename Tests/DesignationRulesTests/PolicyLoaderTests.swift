import Foundation
import Testing
@testable import DesignationRules

/// Meaning errors in policy files name file:line:column and say what was expected.
@Suite struct PolicyLoaderTests {
    static let vocabulary = """
    {
      facts: {
        beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 20000 },
        opened: { type: "date", label: { zh: "运营日期", en: "Opened" }, past_event: true },
      },
    }
    """

    /// A minimal valid policy; `rules` is spliced in.
    static func policy(rules: String) -> String {
        """
        {
          id: "sample",
          document: { title: "T", number: "N", issuer: "I" },
          status: "in-force",
          scope: { zh: "所有", en: "all" },
          procedure: {
            stages: [{ id: "s", label: { zh: "s", en: "s" }, outcomes: [
              { id: "no", label: { zh: "否", en: "no" }, when_failed: ["condition"], verdict: "ineligible" }],
              otherwise: { id: "yes", label: { zh: "是", en: "yes" }, verdict: "eligible" } }],
            kinds: { condition: { stage: "s", label: { zh: "条件", en: "Conditions" } } },
          },
          rules: [
        \(rules)
          ],
        }
        """
    }

    func load(_ rules: String) throws -> [Diagnostic] {
        switch try TemporaryPolicies.load(["vocabulary/common.json5": Self.vocabulary, "sample.json5": Self.policy(rules: rules)]) {
        case .success:
            return []
        case .failure(let error):
            return error.diagnostics.filter { $0.severity == .error }.map { diagnostic in
                var copy = diagnostic
                copy.location?.file = URL(fileURLWithPath: diagnostic.location?.file ?? "").lastPathComponent
                return copy
            }
        }
    }

    // Rules start on line 13 of the file; `requires: "` puts the expression at a known column.
    @Test func aValidPolicyLoads() throws {
        #expect(try load(#"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#).isEmpty)
    }

    @Test func undeclaredFactNamesFileLineColumn() throws {
        let diagnostics = try load(#"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "bedz >= 1" },"#)
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == "undeclared-fact")
        #expect(diagnostics.first?.location == SourceLocation(file: "sample.json5", line: 13, column: 120))
        #expect(diagnostics.first?.message.contains("did you mean `beds`?") == true)
    }

    @Test func typeMismatch() throws {
        let diagnostics = try load(#"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "opened > 3" },"#)
        #expect(diagnostics.map(\.code) == ["type-mismatch"])
    }

    @Test func duplicateRuleID() throws {
        let rule = #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#
        let diagnostics = try load(rule + "\n" + rule)
        #expect(diagnostics.map(\.code) == ["duplicate-id"])
        #expect(diagnostics.first?.location?.line == 14)
        #expect(diagnostics.first?.message.contains("first at") == true)
    }

    @Test func malformedCitation() throws {
        let diagnostics = try load(#"    { id: "r1", kind: "condition", citation: { article: "6", item: "(一)" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#)
        #expect(diagnostics.map(\.code) == ["bad-citation", "bad-citation"])
        #expect(diagnostics.first?.message.contains("e.g. 第N条") == true)
    }

    @Test func misspeltFieldAndUndeclaredKind() throws {
        let diagnostics = try load(#"    { id: "r1", kind: "conditon", citation: { article: "第一条" }, quote: "q", explian: { zh: "x", en: "x" }, requires: "beds >= 1" },"#)
        let codes = Set(diagnostics.map(\.code))
        #expect(codes == ["undeclared-kind", "missing-field", "unknown-field"])
        #expect(diagnostics.contains { $0.message.contains("did you mean `explain`?") })
    }

    @Test func syntaxErrorNamesThePosition() throws {
        let diagnostics = try load(#"    { id: "r1" kind: "condition" },"#)
        #expect(diagnostics.first?.code == "syntax")
        #expect(diagnostics.first?.location?.line == 13)
        #expect(diagnostics.first?.location?.column == 16)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let diagnostics = try load("""
            { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "bedz >= 1" },
            { id: "r2", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "opened > 3" },
        """)
        #expect(diagnostics.map(\.code) == ["undeclared-fact", "type-mismatch"])
        #expect(diagnostics.map { $0.location?.line } == [13, 14])
    }
}
