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

/// Both decision drivers on the shipped policies: random profiles over the shipped
/// vocabulary (half of them a fixture's with a few facts changed), read by both readers (batch mode's with the guesses earlier lines leave)
/// and decided by the traced evaluation (`Evaluator.evaluate`) and batch mode's worker
/// (`DecisionWorker`, on the compiled `DecisionProgram`), for every region and procedure,
/// as of dates around the texts' coming into force. They must agree on the verdict, the
/// stages, every rule's status and first passing date, the questions, the earliest
/// eligible date, and the batch record's bytes.
///
/// `DIFFERENTIAL_CASES` / 3 profiles (1,000 by default), from `DIFFERENTIAL_SEED`.
@Suite struct DecisionDifferentialTests {
    struct Procedure: Sendable {
        var label: String
        var evaluator: Evaluator
    }

    static let procedures: [Procedure] = Repository.policySet.regionIDs.flatMap { region in
        let policy = Repository.policySet.policies[region]!
        return policy.procedures.compactMap { procedure in
            Evaluator(policy: policy, calendar: Repository.policySet.calendar, procedure: procedure.id)
                .map { Procedure(label: "\(region), \(procedure.id)", evaluator: $0) }
        }
    }
    /// A fixture's profile and the day it is judged as of.
    struct FixtureProfile: Sendable {
        var profile: WellTypedGenerator.JSON
        var asOf: CivilDate
    }

    /// The fixtures' profiles by region and procedure (`national application`).
    static let fixtureProfiles: [String: [FixtureProfile]] = {
        let runner = FixtureRunner(policies: Repository.policySet)
        var profiles: [String: [FixtureProfile]] = [:]
        for fixture in Fixture.all(in: Repository.fixtures) {
            guard case .success(let prepared) = runner.prepare(fixture),
                  let bytes = FileManager.default.contents(atPath: fixture.profile.path),
                  let root = try? JSON5.parse([UInt8](bytes), file: fixture.profile.path) else { continue }
            profiles["\(fixture.region) \(prepared.expectation.procedure)", default: []]
                .append(FixtureProfile(profile: WellTypedGenerator.JSON(root), asOf: prepared.expectation.asOf))
        }
        return profiles
    }()
    static let asOfDates = ["2021-02-01", "2025-06-30", "2026-11-26", "2027-03-01", "2030-01-01"].map { CivilDate(iso: $0)! }

    struct Case: Sendable, CustomStringConvertible {
        var procedure: Int
        var asOf: CivilDate
        var profile: WellTypedGenerator.JSON
        var style: Int
        var bytes: [UInt8] { Array(profile.text(style: style).utf8) }
        var description: String { "\(procedures[procedure].label) as of \(asOf)\nprofile: \(profile.text(style: style))" }
    }

    static func generate(seed: UInt64, index: Int) -> Case {
        var mixer = FuzzTests.Random(state: seed &+ UInt64(index) &* 7_919)
        var generator = WellTypedGenerator(seed: mixer.next())
        generator.asOf = asOfDates[generator.random.below(asOfDates.count)]
        let procedure = index % procedures.count
        // Half the profiles are a fixture of the procedure with a few facts changed (as of its
        // own day, mostly), half made afresh.
        let evaluator = procedures[procedure].evaluator
        let fixtures = fixtureProfiles["\(evaluator.policy.id) \(evaluator.procedure.id)"] ?? []
        var profile: WellTypedGenerator.JSON
        if fixtures.isEmpty || generator.random.below(2) == 0 {
            profile = generator.profile(Repository.policySet.vocabulary)
        } else {
            let fixture = fixtures[generator.random.below(fixtures.count)]
            if generator.random.below(4) != 0 { generator.asOf = fixture.asOf }
            profile = generator.perturb(fixture.profile, Repository.policySet.vocabulary)
        }
        return Case(procedure: procedure, asOf: generator.asOf, profile: profile, style: generator.random.below(3))
    }

    /// The first difference between the readers or the decisions on `spec`, or nil.
    /// `worker`, kept from case to case, reads with what earlier lines taught it.
    static func disagreement(_ spec: Case, worker: inout DecisionWorker) -> String? {
        var tally = Tally()
        return disagreement(spec, worker: &worker, &tally)
    }

    /// How the cases went: read by which reader, and the verdicts.
    struct Tally {
        var fast = 0, full = 0, refused = 0
        var verdicts: [Verdict: Int] = [:]
    }

    static func disagreement(_ spec: Case, worker: inout DecisionWorker, _ tally: inout Tally) -> String? {
        let evaluator = procedures[spec.procedure].evaluator
        let bytes = spec.bytes
        let full = Result { () throws(DiagnosticList) in
            try ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: spec.asOf).decode(bytes, source: "p")
        }
        let read: Bool
        do { read = try worker.load(bytes, source: { "p" }) } catch {
            tally.refused += 1
            guard case .failure(let expected) = full else { return "readers: the fast reader refused what the full reader accepts: \(error)" }
            return error.diagnostics == expected.diagnostics ? nil : "readers: the problems differ: \(error.diagnostics) against \(expected.diagnostics)"
        }
        guard case .success(let profile) = full else {
            tally.refused += 1
            return read ? "readers: the fast reader accepted what the full reader refuses" : nil
        }
        if read { tally.fast += 1 } else { tally.full += 1 }
        var fastDecision: Decision?
        if read {
            let fast = worker.loadedFacts()
            if worker.governingLayer() == 0 { fastDecision = worker.decide() }
            worker.load(profile)
            guard worker.loadedFacts() == fast else { return "readers: the fast reader read \(fast), the full reader \(worker.loadedFacts())" }
        }
        worker.load(profile)
        let decision = worker.governingLayer() == 0 ? worker.decide() : evaluator.decide(profile, asOf: spec.asOf)
        let evaluation = evaluator.evaluate(profile, asOf: spec.asOf)
        tally.verdicts[evaluation.verdict, default: 0] += 1
        if let fastDecision, let difference = differences(fastDecision, evaluation, evaluator) { return "on the fast reader's cells: " + difference }
        return differences(decision, evaluation, evaluator)
    }

    static func differences(_ decision: Decision, _ evaluation: Evaluation, _ evaluator: Evaluator) -> String? {
        func differ<T: Equatable>(_ what: String, _ batch: T, _ traced: T) -> String? {
            batch == traced ? nil : "\(what): batch \(batch), traced \(traced)"
        }
        let stages = decision.stages(in: evaluator)
        var reference: [UInt8] = [], written: [UInt8] = []
        BatchRecord.decision(line: 1, decision, evaluator: evaluator).write(compactTo: &reference)
        DecisionWriter(evaluator: evaluator).write(line: 1, decision, to: &written)
        return differ("verdict", decision.verdict, evaluation.verdict)
            ?? differ("stages", stages.map { $0.outcome?.id }, evaluation.stages.map { $0.outcome?.id })
            ?? differ("stages at least", stages.map { $0.atLeast?.id }, evaluation.stages.map { $0.atLeast?.id })
            ?? differ("statuses", zip(evaluator.rules, decision.statuses).map { "\($0.id) \($1)" },
                      zip(evaluator.rules, evaluation.rules).map { "\($0.id) \($1.status)" })
            ?? differ("passes_from", decision.passesFrom, evaluation.rules.map(\.passesFrom))
            ?? differ("questions", decision.questions, evaluation.questions)
            ?? differ("earliest date", decision.earliest?.date, evaluation.earliest?.date)
            ?? differ("earliest rules", decision.earliest?.rules, evaluation.earliest?.rules)
            ?? differ("batch record", String(decoding: written, as: UTF8.self), String(decoding: reference, as: UTF8.self))
    }

    @Test func bothDecisionPathsAgreeOnRandomProfiles() {
        let started = Date()
        let seed = DifferentialTests.seed, count = DifferentialTests.cases / 3
        var workers: [String: DecisionWorker] = [:]
        func worker(_ spec: Case) -> DecisionWorker {
            workers["\(spec.procedure) \(spec.asOf)"] ?? DecisionWorker(evaluator: Self.procedures[spec.procedure].evaluator, asOf: spec.asOf,
                                                                         vocabulary: Repository.policySet.vocabulary)
        }
        var failures = 0, ran = 0
        var tally = Tally()
        for index in 0 ..< count {
            ran += 1
            let spec = Self.generate(seed: seed, index: index)
            var kept = worker(spec)
            defer { workers["\(spec.procedure) \(spec.asOf)"] = kept }
            guard Self.disagreement(spec, worker: &kept, &tally) != nil else { continue }
            failures += 1
            // Made smaller on a fresh worker, so that it fails without the lines before it.
            var smallest = spec, message = ""
            var progress = true
            while progress {
                progress = false
                for profile in [smallest.profile] + DifferentialTests.smallerJSON(smallest.profile) {
                    var candidate = smallest
                    candidate.profile = profile
                    var fresh = DecisionWorker(evaluator: Self.procedures[spec.procedure].evaluator, asOf: spec.asOf, vocabulary: Repository.policySet.vocabulary)
                    if let found = Self.disagreement(candidate, worker: &fresh) {
                        message = found
                        if profile.text(style: 1) != smallest.profile.text(style: 1) { smallest = candidate; progress = true; break }
                    }
                }
            }
            Issue.record("seed \(seed), case \(index): \(message.isEmpty ? "only after the lines before it" : message)\nsmallest failing case:\n\(smallest)")
            if failures >= 5 { break }
        }
        // Both readers and every verdict were reached.
        if count >= 600 {
            #expect(tally.fast > count / 4 && tally.full > 0 && tally.refused > 0)
            for verdict in [Verdict.eligible, .ineligible, .undetermined, .outOfScope] { #expect(tally.verdicts[verdict, default: 0] > 0, "no \(verdict)") }
        }
        let verdicts = tally.verdicts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        FuzzTests.report("random profiles decided on both paths, \(Self.procedures.count) procedures", ran, since: started,
                         "seed \(seed); \(tally.fast) read by the fast reader, \(tally.full) by the full one, \(tally.refused) refused; \(verdicts)")
    }
}
