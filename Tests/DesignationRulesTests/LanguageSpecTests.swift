import Foundation
import Testing
@testable import DesignationRules

/// The expression language's specification (`Tests/spec/language.json5`), case by case,
/// through both evaluation paths: the traced evaluator and batch mode's machine must
/// each give the value the table states and, for an unknown value, the facts it lists.
@Suite struct LanguageSpecTests {
    struct Case: Sendable, CustomStringConvertible {
        var expression: String
        var facts: JSONNode
        var today: CivilDate
        var value: JSONNode
        var missing: [String]?
        var description: String { expression }
    }

    static let file = Repository.root.appendingPathComponent("Tests/spec/language.json5")

    static let cases: [Case] = {
        let bytes = [UInt8](FileManager.default.contents(atPath: file.path) ?? Data())
        guard let root = try? JSON5.parse(bytes, file: file.path), let list = root.member("cases")?.value.array else { return [] }
        return list.map { node in
            Case(expression: node.member("expr")?.value.string ?? "",
                 facts: node.member("facts")?.value ?? node,
                 today: node.member("today")?.value.string.flatMap { CivilDate(iso: $0) } ?? CivilDate(iso: "2026-11-26")!,
                 value: node.member("value")!.value,
                 missing: node.member("missing")?.value.array?.compactMap(\.string))
        }
    }()

    @Test func theTableIsRead() {
        #expect(Self.cases.count >= 80)
    }

    @Test(arguments: cases)
    func bothPathsFollowTheTable(_ spec: Case) throws {
        let compiled = try TestVocabulary.compile(spec.expression)
        let facts = try ProfileDecoder(vocabulary: TestVocabulary.vocabulary, asOf: CivilDate(iso: "2099-12-31")!)
            .decode(spec.facts, source: "spec").facts
        let expected = Self.value(spec.value, compiled.type)
        let calendar = Repository.policySet.calendar

        var traced = ExpressionEvaluator(facts: facts, parameters: TestVocabulary.parameters, today: spec.today, calendar: calendar)
        let outcome = traced.evaluate(compiled)
        // Values compared exactly (a decimal to the last bit), shown as described.
        #expect(outcome.value == expected, "traced: `\(spec.expression)` gave \(outcome.value.map { "\($0)" } ?? "unknown")")

        var root: Int32 = 0
        let program = Program(parameters: TestVocabulary.parameters) { root = $0.compile(compiled) }
        var machine = Machine(program: program, today: spec.today, calendar: calendar)
        machine.store.load(facts, layout: program.layout)
        let cell = machine.run(root)
        #expect(cell.value(machine.store) == expected, "machine: `\(spec.expression)` gave \(cell.value(machine.store).map { "\($0)" } ?? "unknown")")

        guard expected == nil else { return }
        machine.recordsNeeds = true
        _ = machine.run(root)
        let missing = spec.missing ?? []
        #expect(Evaluator.neededPaths(outcome.evidence) == missing, "traced: `\(spec.expression)` needs")
        #expect(machine.needed == missing, "machine: `\(spec.expression)` needs")
    }

    /// The table's value as the expression's type reads it: null is unknown.
    static func value(_ node: JSONNode, _ type: ValueType) -> Value? {
        switch (type, node.value) {
        case (_, .null): return nil
        case (.boolean, .bool(let flag)): return .boolean(flag)
        case (.integer, .number(let number)): return number.integer.map(Value.integer)
        case (.decimal, .number(let number)): return .decimal(number.double)
        case (.date, .string(let text)): return CivilDate(iso: text).map(Value.date)
        case (.period, .string(let text)):
            let parts = text.split(separator: " ")
            guard parts.count == 2, let amount = Int(parts[0]) else { return nil }
            let unit: Period.Unit = ["day": .days, "days": .days, "week": .weeks, "weeks": .weeks, "month": .months, "months": .months,
                                     "year": .years, "years": .years][String(parts[1])] ?? .workingDays
            return .period(Period(amount, unit))
        case (_, .string(let text)): return .text(text)
        default: return .text("unreadable expected value \(node.kindName)")
        }
    }
}
