import Testing
@testable import DesignationRules

@Suite struct ExpressionParserTests {
    let origin = SourceLocation(file: "p.json5", line: 7, column: 10)

    func parse(_ text: String) throws -> Expr { try ExpressionParser.parse(text, origin: origin, verbatim: true) }

    /// A shape of the tree, ignoring positions, so tests compare structure.
    func shape(_ expr: Expr) -> String {
        switch expr.kind {
        case .boolean(let value): return "\(value)"
        case .integer(let value): return "\(value)"
        case .decimal(let value): return "\(value)"
        case .string(let value): return "'\(value)'"
        case .period(let value): return "<\(value)>"
        case .today: return "today"
        case .name(let name): return name
        case .member(let base, let field): return "\(shape(base)).\(field)"
        case .list(let elements): return "[" + elements.map(shape).joined(separator: ",") + "]"
        case .unary(let op, let operand): return "(\(op.rawValue) \(shape(operand)))"
        case .binary(let op, let lhs, let rhs): return "(\(shape(lhs)) \(op.rawValue) \(shape(rhs)))"
        case .conditional(let c, let t, let e): return "(if \(shape(c)) \(shape(t)) \(shape(e)))"
        case .known(let operand): return "known(\(shape(operand)))"
        case .quantifier(let q, let v, let over, let body): return "\(q.rawValue)(\(v) in \(shape(over)), \(shape(body)))"
        case .call(let name, let arguments): return "\(name)(" + arguments.map(shape).joined(separator: ",") + ")"
        }
    }

    @Test func precedenceOfLogicComparisonAndArithmetic() throws {
        #expect(shape(try parse("a or b and not c")) == "(a or (b and (not c)))")
        #expect(shape(try parse("x + 2 * y >= 10 - z")) == "((x + (2 * y)) >= (10 - z))")
        #expect(shape(try parse("(a or b) and c")) == "((a or b) and c)")
        #expect(shape(try parse("not a == b")) == "(not (a == b))")
    }

    @Test func durationsDatesAndToday() throws {
        #expect(shape(try parse("today > opened + 3 months")) == "(today > (opened + <3 months>))")
        #expect(shape(try parse("received + 5 working_days")) == "(received + <5 working days>)")
        #expect(shape(try parse("1 year")) == "<1 year>")
        #expect(shape(try parse("2 weeks")) == "<2 weeks>")
    }

    @Test func membershipQuantifiersAndKnown() throws {
        #expect(shape(try parse("kind in ['clinic', \"hospital\"]")) == "(kind in ['clinic','hospital'])")
        #expect(shape(try parse("'form' not in materials")) == "('form' not in materials)")
        #expect(shape(try parse("any(s in staff, s.registered and s.years >= 2)")) == "any(s in staff, (s.registered and (s.years >= 2)))")
        #expect(shape(try parse("known(opened)")) == "known(opened)")
        #expect(shape(try parse("if known(a) then 1 else 2")) == "(if known(a) 1 2)")
        #expect(shape(try parse("-3.5")) == "(- 3.5)")
        #expect(shape(try parse("nth_working_day(received, 5)")) == "nth_working_day(received,5)")
    }

    @Test func nodesKeepTheirTextAndColumn() throws {
        let expr = try parse("beds >= threshold")
        guard case .binary(_, let lhs, let rhs) = expr.kind else { Issue.record("not a comparison"); return }
        #expect(expr.text == "beds >= threshold")
        // The string's quote is at column 10, so offset 0 is column 11.
        #expect(lhs.location == SourceLocation(file: "p.json5", line: 7, column: 11))
        #expect(rhs.location == SourceLocation(file: "p.json5", line: 7, column: 19))
        #expect(rhs.text == "threshold")
    }

    func failure(_ text: String) -> Diagnostic? {
        do { _ = try ExpressionParser.parse(text, origin: origin, verbatim: true); return nil } catch { return error }
    }

    @Test func errorsNameTheColumnAndWhatWasExpected() {
        #expect(failure("beds >= ")?.code == "expression-syntax")
        #expect(failure("beds >= ")?.message.contains("expected a value") == true)
        #expect(failure("a and # b")?.location == SourceLocation(file: "p.json5", line: 7, column: 17))
        #expect(failure("a and # b")?.message.contains("unexpected character '#'") == true)
        #expect(failure("any(s staff, s.registered)")?.message.contains("expected 'in'") == true)
        #expect(failure("(a and b")?.message.contains("expected ')'") == true)
        #expect(failure("'open")?.message.contains("unterminated string") == true)
        #expect(failure("a b")?.message.contains("expected an operator or the end of the expression, found 'b'") == true)
    }

    @Test func aStringWithEscapesPointsAtItsStart() {
        let diagnostic = try? ExpressionParser.parse("a and #", origin: origin, verbatim: false)
        #expect(diagnostic == nil)
        do { _ = try ExpressionParser.parse("a and #", origin: origin, verbatim: false) } catch {
            #expect(error.location == origin)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(throws: Diagnostic.self) { try parse(deep) }
        let negations = String(repeating: "- ", count: 500) + "1"
        #expect(throws: Diagnostic.self) { try parse(negations) }
    }
}
