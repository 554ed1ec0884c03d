import Foundation
import Testing
@testable import DesignationRules

/// Both evaluation paths and both profile readers, run on the same random well-typed
/// expressions and random profiles (`WellTypedGenerator`): each case is a profile read
/// by the full reader (`ProfileDecoder`) and batch mode's (`CellDecoder`), which must
/// agree on the facts or on the problems; then an expression judged on one day by the
/// traced evaluator (`ExpressionEvaluator`) and the compiled machine (`Program`,
/// `Machine`), which must agree on the value, the dates a comparison with today flips
/// on, and, when unknown, the missing facts. A disagreement is made as small as it can
/// be and reported with its seed.
///
/// `DIFFERENTIAL_CASES` cases (3,000 by default) from `DIFFERENTIAL_SEED`; a long run:
///
///     DIFFERENTIAL_CASES=1000000 swift test -c release --filter DifferentialTests
@Suite struct DifferentialTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = environment["DIFFERENTIAL_CASES"].flatMap(Int.init) ?? 3_000
    static let seed = environment["DIFFERENTIAL_SEED"].flatMap { UInt64($0) } ?? 17

    /// One case: everything the generator chose, as text, so that it reads as written.
    struct Case: Sendable, CustomStringConvertible {
        var expression: WellTypedGenerator.Node
        var profile: WellTypedGenerator.JSON
        var style: Int
        var today: CivilDate

        var bytes: [UInt8] { Array(profile.text(style: style).utf8) }
        var description: String {
            "expression: \(expression.text)\nprofile: \(profile.text(style: style))\ntoday: \(today)"
        }
    }

    static func generate(seed: UInt64, index: Int) -> Case {
        var mixer = FuzzTests.Random(state: seed &+ UInt64(index))
        var generator = WellTypedGenerator(seed: mixer.next())
        let expression = generator.expression()
        let profile = generator.profile()
        return Case(expression: expression, profile: profile, style: generator.random.below(3), today: generator.today())
    }

    /// What was seen over a run: the constructs reached, and how the readers answered.
    struct Tally {
        var constructs: Set<String> = []
        var unknown = 0, decoded = 0, declined = 0, refusedAlike = 0
    }

    /// The first difference between the paths on `spec`, or nil when they agree.
    static func disagreement(_ spec: Case, _ tally: inout Tally) -> String? {
        let compiled: Compiled
        do { compiled = try GeneratorVocabulary.compile(spec.expression.text) } catch {
            return "the generator made an expression the type checker refuses: \(error)"
        }
        compiled.visit { tally.constructs.insert(construct($0)) }
        let bytes = spec.bytes
        let calendar = Repository.policySet.calendar
        var root: Int32 = 0
        let program = Program(parameters: GeneratorVocabulary.parameters) { root = $0.compile(compiled) }

        // The readers.
        let asOf = WellTypedGenerator.asOf
        let full = Result { () throws(DiagnosticList) in
            try ProfileDecoder(vocabulary: GeneratorVocabulary.vocabulary, asOf: asOf).decode(bytes, source: "p")
        }
        let decoder = CellDecoder(vocabulary: GeneratorVocabulary.vocabulary, program: program, asOf: asOf)
        var fast = program.makeStore()
        let read = bytes.withUnsafeBufferPointer { decoder.decode($0, into: &fast, source: { "p" }) }
        let facts: [String: Value]
        switch (read, full) {
        case (.declined, .failure):
            tally.refusedAlike += 1
            return nil
        case (.declined, .success(let profile)):
            tally.declined += 1
            facts = profile.facts
            fast.load(facts, layout: program.layout)
        case (.problems(let problems), .failure(let expected)):
            guard problems == expected.diagnostics else { return "readers: the problems differ: \(problems) against \(expected.diagnostics)" }
            tally.refusedAlike += 1
            return nil
        case (.problems(let problems), .success):
            return "readers: the fast reader refused what the full reader accepts: \(problems)"
        case (.decoded, .failure(let expected)):
            return "readers: the fast reader accepted what the full reader refuses: \(expected.diagnostics)"
        case (.decoded, .success(let profile)):
            tally.decoded += 1
            facts = profile.facts
            var loaded = program.makeStore()
            loaded.load(facts, layout: program.layout)
            let (x, y) = (fast.facts(layout: program.layout), loaded.facts(layout: program.layout))
            guard x == y else { return "readers: the fast reader read \(x), the full reader \(y)" }
        }

        // The evaluators.
        var traced = ExpressionEvaluator(facts: facts, parameters: GeneratorVocabulary.parameters, today: spec.today, calendar: calendar)
        let outcome = traced.evaluate(compiled)
        var machine = Machine(program: program, today: spec.today, calendar: calendar)
        machine.store = fast
        let cell = machine.run(root)
        guard same(cell.value(machine.store), outcome.value) else {
            return "value: traced \(show(outcome.value)), machine \(show(cell.value(machine.store)))"
        }
        machine.recordsBoundaries = true
        machine.recordsNeeds = true
        let recorded = machine.run(root)
        guard same(recorded.value(machine.store), outcome.value) else {
            return "value when recording: traced \(show(outcome.value)), machine \(show(recorded.value(machine.store)))"
        }
        guard Set(machine.boundaries) == traced.boundaries else {
            return "the dates a comparison with today flips on: traced \(traced.boundaries.sorted()), machine \(Set(machine.boundaries).sorted())"
        }
        if outcome.value == nil {
            tally.unknown += 1
            let needed = Evaluator.neededPaths(outcome.evidence)
            guard machine.needed == needed else { return "missing facts: traced \(needed), machine \(machine.needed)" }
        }
        return nil
    }

    static func same(_ x: Value?, _ y: Value?) -> Bool {
        if case .decimal(let a)? = x, case .decimal(let b)? = y { return a.bitPattern == b.bitPattern || a == b }
        return x == y
    }

    static func show(_ value: Value?) -> String { value.map { "\($0)" } ?? "unknown" }

    /// The name of a node's construct: its operator, function or quantifier.
    static func construct(_ node: Compiled) -> String {
        switch node.operation {
        case .constant: return "constant"
        case .today: return "today"
        case .fact: return "fact"
        case .parameter: return "parameter"
        case .variable: return "variable"
        case .field: return "field"
        case .list: return "list"
        case .not: return "not"
        case .negate: return "negate"
        case .and: return "and"
        case .or: return "or"
        case .compare(let op, let lhs, _): return "\(op.rawValue) on \(lhs.type)"
        case .member(_, _, let negated): return negated ? "not in" : "in"
        case .arithmetic(let op, let lhs, let rhs): return "\(lhs.type) \(op.rawValue) \(rhs.type)"
        case .conditional: return "if"
        case .known: return "known"
        case .quantifier(let quantifier, _, _): return quantifier.rawValue
        case .call(let builtin, _): return builtin.rawValue
        }
    }

    /// The smallest case that still disagrees: subexpressions replaced by smaller ones of
    /// their type, facts and list elements dropped from the profile, while any
    /// disagreement remains.
    static func shrink(_ failing: Case) -> (Case, String) {
        var smallest = failing
        var tally = Tally()
        var message = disagreement(failing, &tally) ?? ""
        var progress = true
        while progress {
            progress = false
            for candidate in smaller(smallest) {
                if let found = disagreement(candidate, &tally), !found.hasPrefix("the generator") {
                    smallest = candidate
                    message = found
                    progress = true
                    break
                }
            }
        }
        return (smallest, message)
    }

    static func smaller(_ spec: Case) -> [Case] {
        var cases: [Case] = []
        for expression in smallerNodes(spec.expression) {
            var candidate = spec
            candidate.expression = expression
            cases.append(candidate)
        }
        for profile in smallerJSON(spec.profile) {
            var candidate = spec
            candidate.profile = profile
            cases.append(candidate)
        }
        if spec.style != 1 {
            var candidate = spec
            candidate.style = 1
            cases.append(candidate)
        }
        return cases
    }

    /// `node` with one of its parts made smaller: a child in its place where it has the
    /// node's sort, a leaf of its sort, or a child made smaller (those that do not check
    /// are left out by the caller's type check).
    static func smallerNodes(_ node: WellTypedGenerator.Node) -> [WellTypedGenerator.Node] {
        var nodes: [WellTypedGenerator.Node] = []
        for child in node.children where child.sort == node.sort { nodes.append(child) }
        if !node.children.isEmpty, let leaves = WellTypedGenerator.leaves[node.sort] {
            nodes += leaves.prefix(3).map { WellTypedGenerator.Node.leaf(node.sort, $0) }
        }
        for index in node.children.indices {
            for child in smallerNodes(node.children[index]) {
                var copy = node
                copy.children[index] = child
                nodes.append(copy)
            }
        }
        return nodes.filter { (try? GeneratorVocabulary.compile($0.text)) != nil }.filter { $0.size < node.size || $0.text.count < node.text.count }
    }

    static func smallerJSON(_ json: WellTypedGenerator.JSON) -> [WellTypedGenerator.JSON] {
        switch json {
        case .raw(let text): return text == "null" ? [] : [.raw("null")]
        case .array(let elements): return smaller(elements, smallerJSON).map { .array($0) }
        case .object(let members):
            return smaller(members) { member in smallerJSON(member.value).map { (member.key, $0) } }.map { .object($0) }
        }
    }

    /// `items` with one item left out, or one made smaller.
    static func smaller<Item>(_ items: [Item], _ smallerItem: (Item) -> [Item]) -> [[Item]] {
        var results: [[Item]] = items.indices.map { index in
            var fewer = items
            fewer.remove(at: index)
            return fewer
        }
        for index in items.indices {
            results += smallerItem(items[index]).map { item in
                var copy = items
                copy[index] = item
                return copy
            }
        }
        return results
    }

    @Test func bothPathsAndBothReadersAgreeOnRandomCases() {
        let started = Date()
        var tally = Tally()
        var failures = 0, ran = 0
        for index in 0 ..< Self.cases {
            ran += 1
            let spec = Self.generate(seed: Self.seed, index: index)
            guard Self.disagreement(spec, &tally) != nil else { continue }
            failures += 1
            let (smallest, message) = Self.shrink(spec)
            Issue.record("""
                seed \(Self.seed), case \(index) (DIFFERENTIAL_SEED=\(Self.seed)): \(message)
                smallest failing case:
                \(smallest)
                """)
            if failures >= 5 { break }
        }
        // Every construct the type checker accepts was reached.
        let expected = ["not", "and", "or", "in", "not in", "known", "if", "negate", "list", "field", "variable", "today", "parameter"]
            + Builtin.allCases.map(\.rawValue) + Quantifier.allCases.map(\.rawValue)
            + ["== on integer", "< on date", "<= on decimal", ">= on text", "!= on duration", "== on bool",
               "date + duration", "date - duration", "date - date", "duration * integer", "integer * integer", "decimal / integer", "integer - integer"]
        if Self.cases >= 2_000 {
            for construct in expected { #expect(tally.constructs.contains(construct), "the generator never made \(construct)") }
            #expect(tally.unknown > Self.cases / 20 && tally.decoded > Self.cases / 4 && tally.declined > 0 && tally.refusedAlike > 0)
        }
        FuzzTests.report("random well-typed cases, on both paths and both readers", ran, since: started,
                         "seed \(Self.seed); \(tally.decoded) read by the fast reader, \(tally.declined) declined to the full one, \(tally.refusedAlike) refused by both; \(tally.unknown) unknown; \(tally.constructs.count) constructs")
    }
}
