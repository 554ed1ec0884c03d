import Foundation
import Testing
@testable import DesignationRules

/// Root causes first (issue 19, point 6): the errors a broken file causes in the files that
/// stand on it are listed after it, marked with the error they follow from.
@Suite struct RootCauseTests {
    static let base = BadPolicyTests.lines.joined(separator: "\n")
    /// A region that replaces `r1` and uses `beds`.
    static let child = """
    { id: "child", extends: "base", document: { title: "C", number: "N", issuer: "I" }, status: "in-force",
      scope: { zh: "全部", en: "all" },
      rules: [
        { id: "c1", replaces: "r1", kind: "condition", citation: { article: "第四条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 2" },
      ],
    }
    """

    func errors(_ files: [String: String]) throws -> [Diagnostic] {
        switch try TemporaryPolicies.load(files) {
        case .success: Issue.record("accepted"); return []
        case .failure(let list): return list.diagnostics.filter { $0.severity == .error }
        }
    }

    @Test func aMissingCommaInTheParentComesBeforeTheChildsUnknownParent() throws {
        let broken = Self.base.replacingOccurrences(of: #""in-force","#, with: #""in-force""#)
        let errors = try errors(["vocabulary/common.json5": BadPolicyTests.vocabulary, "base.json5": broken, "child.json5": Self.child])
        #expect(errors.first?.code == "syntax" && errors.first?.causedBy == nil, "\(errors)")
        let follow = try #require(errors.first { $0.code == "unknown-parent" })
        #expect(follow.causedBy == errors.first?.location)
        #expect(follow.message.contains("could not be read"))
        #expect(follow.description.contains("follows from"))
    }

    @Test func aMisspeltFactComesBeforeTheReplacementItBreaks() throws {
        let broken = Self.base.replacingOccurrences(of: #"requires: "beds >= limit""#, with: #"requires: "bedz >= limit""#)
        let errors = try errors(["vocabulary/common.json5": BadPolicyTests.vocabulary, "base.json5": broken, "child.json5": Self.child])
        // By position, child.json5 sorts first; the root cause leads all the same.
        #expect(errors.map(\.code) == ["undeclared-fact", "nothing-to-replace"], "\(errors)")
        #expect(errors[0].causedBy == nil && errors[1].causedBy == errors[0].location)
    }

    @Test func aBrokenFactDeclarationComesBeforeEveryRuleThatUsesIt() throws {
        let vocabulary = BadPolicyTests.vocabulary.replacingOccurrences(of: #"type: "integer""#, with: #"type: "integr""#)
        let errors = try errors(["vocabulary/common.json5": vocabulary, "base.json5": Self.base, "child.json5": Self.child])
        #expect(errors.first?.code == "bad-type" && errors.first?.causedBy == nil, "\(errors)")
        #expect(errors.count > 1 && errors.dropFirst().allSatisfy { $0.causedBy == errors.first?.location }, "\(errors)")
    }

    @Test func anErrorOfTheChildsOwnStaysARootCause() throws {
        let child = Self.child.replacingOccurrences(of: "beds >= 2", with: "bedz >= 2")
        let errors = try errors(["vocabulary/common.json5": BadPolicyTests.vocabulary, "base.json5": Self.base, "child.json5": child])
        #expect(errors.map(\.code) == ["undeclared-fact"] && errors[0].causedBy == nil, "\(errors)")
    }
}
