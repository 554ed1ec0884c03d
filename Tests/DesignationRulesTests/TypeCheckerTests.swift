import Testing
@testable import DesignationRules

@Suite struct TypeCheckerTests {
    func error(_ text: String) -> Diagnostic? {
        do { _ = try TestVocabulary.compile(text); return nil } catch { return error as? Diagnostic }
    }

    @Test func wellTypedExpressions() throws {
        #expect(try TestVocabulary.compile("beds >= threshold").type == .boolean)
        #expect(try TestVocabulary.compile("opened + wait").type == .date)
        #expect(try TestVocabulary.compile("received - opened").type == .integer)
        #expect(try TestVocabulary.compile("count(s in staff, s.registered)").type == .integer)
        #expect(try TestVocabulary.compile("sum(s in staff, s.years)").type == .integer)
        #expect(try TestVocabulary.compile("ratio * beds").type == .decimal)
        #expect(try TestVocabulary.compile("(received - opened) * 1 day").type == .period)
        #expect(try TestVocabulary.compile("kind in ['clinic']").type == .boolean)
        #expect(try TestVocabulary.compile("if a then opened else received").type == .date)
    }

    @Test func undeclaredFactSuggestsTheNearestName() {
        let diagnostic = error("bedz > 3")
        #expect(diagnostic?.code == "undeclared-fact")
        #expect(diagnostic?.message.contains("did you mean `beds`?") == true)
        #expect(diagnostic?.location == SourceLocation(file: "test.json5", line: 1, column: 2))
    }

    @Test func undeclaredRecordField() {
        let diagnostic = error("any(s in staff, s.registerd)")
        #expect(diagnostic?.code == "undeclared-fact")
        #expect(diagnostic?.message.contains("did you mean `registered`?") == true)
    }

    @Test func comparingADateWithANumberIsRefused() {
        let diagnostic = error("opened > 3")
        #expect(diagnostic?.code == "type-mismatch")
        #expect(diagnostic?.message.contains("date") == true)
        #expect(diagnostic?.message.contains("integer") == true)
    }

    @Test func otherMismatches() {
        #expect(error("a and beds")?.code == "type-mismatch")
        #expect(error("beds + wait")?.code == "type-mismatch")
        #expect(error("kind in materials")?.code == "type-mismatch")
        #expect(error("any(s in beds, true)")?.code == "type-mismatch")
        #expect(error("sum(s in staff, s.registered)")?.code == "type-mismatch")
        #expect(error("s.years")?.code == "undeclared-fact")
        #expect(error("beds.years")?.code == "type-mismatch")
        #expect(error("any(beds in staff, true)")?.code == "shadowing")
    }

    @Test func enumLiteralsMustBeDeclaredValues() {
        let diagnostic = error("kind == 'clinc'")
        #expect(diagnostic?.code == "unknown-value")
        #expect(diagnostic?.message.contains("did you mean 'clinic'?") == true)
        #expect(error("'permit' in materials")?.code == "unknown-value")
        #expect(error("kind in ['clinic', 'shop']")?.message.contains("allowed: clinic, hospital") == true)
    }

    @Test func aRuleTestMustBeACondition() {
        do {
            _ = try TestVocabulary.checker.check(try ExpressionParser.parse("beds + 1", origin: TestVocabulary.origin, verbatim: true), expecting: .boolean)
            Issue.record("expected a type error")
        } catch {
            #expect((error as? Diagnostic)?.message.contains("expected bool") == true)
        }
    }
}
