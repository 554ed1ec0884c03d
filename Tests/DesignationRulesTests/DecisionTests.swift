import Foundation
import Testing
@testable import DesignationRules

/// Batch mode's fast path must decide exactly as the traced evaluation does.
@Suite struct DecisionTests {
    func agree(_ evaluator: Evaluator, _ profile: Profile, asOf: CivilDate, _ label: String) {
        let evaluation = evaluator.evaluate(profile, asOf: asOf)
        let decision = evaluator.decide(profile, asOf: asOf)
        #expect(decision.verdict == evaluation.verdict, "\(label): verdict")
        #expect(decision.stages(in: evaluator).map { $0.outcome?.id } == evaluation.stages.map { $0.outcome?.id }, "\(label): stages")
        #expect(decision.stages(in: evaluator).map { $0.atLeast?.id } == evaluation.stages.map { $0.atLeast?.id }, "\(label): stages at least")
        #expect(decision.statuses == evaluation.rules.map(\.status), "\(label): statuses")
        #expect(decision.passesFrom == evaluation.rules.map(\.passesFrom), "\(label): passes_from")
        #expect(decision.questions == evaluation.questions, "\(label): questions")
        #expect(decision.earliest?.date == evaluation.earliest?.date, "\(label): earliest date")
        #expect(decision.earliest?.rules == evaluation.earliest?.rules, "\(label): earliest rules")
        // Batch mode's writer gives the bytes of the schema's definition.
        var reference: [UInt8] = [], written: [UInt8] = []
        BatchRecord.decision(line: 12, decision, evaluator: evaluator).write(compactTo: &reference)
        DecisionWriter(evaluator: evaluator).write(line: 12, decision, to: &written)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: reference, as: UTF8.self), "\(label): batch record")
    }

    /// A worker reads JSON lines with its own decoder only (no other worker's can be handed
    /// in); one made without a vocabulary declines every line, for the full reader.
    @Test func aWorkerReadsLinesWithItsOwnDecoder() throws {
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar))
        let line = Array(#"{"institution_type":"clinic","bed_count":3}"#.utf8)
        var reading = DecisionWorker(evaluator: evaluator, asOf: CivilDate(iso: "2026-11-26")!, vocabulary: Repository.policySet.vocabulary)
        #expect(try reading.load(line, source: { "l" }))
        var deciding = DecisionWorker(evaluator: evaluator, asOf: CivilDate(iso: "2026-11-26")!)
        #expect(try !deciding.load(line, source: { "l" }))
    }

    @Test(arguments: Repository.policySet.regionIDs)
    func onEveryFixture(_ region: String) throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        for fixture in Fixture.all(in: Repository.fixtures) where fixture.region == region {
            let prepared = try runner.prepare(fixture).get()
            let evaluator = try #require(Evaluator(policy: Repository.policySet.policies[region]!, calendar: Repository.policySet.calendar,
                                                   procedure: prepared.expectation.procedure))
            agree(evaluator, prepared.profile, asOf: prepared.expectation.asOf, fixture.name)
        }
    }

    /// Profiles with facts dropped at random: every combination of unknowns the fixtures
    /// do not cover still gives the same decision on both paths.
    @Test func onProfilesWithFactsDroppedAtRandom() throws {
        var random = SystemRandomNumberGenerator()
        _ = random
        var state: UInt64 = 7
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let runner = FixtureRunner(policies: Repository.policySet)
        for fixture in Fixture.all(in: Repository.fixtures) {
            let prepared = try runner.prepare(fixture).get()
            let evaluator = try #require(Evaluator(policy: Repository.policySet.policies[fixture.region]!, calendar: Repository.policySet.calendar,
                                                   procedure: prepared.expectation.procedure))
            for round in 0..<6 {
                var facts = prepared.profile.facts
                for key in facts.keys.sorted() where next() % 4 == 0 { facts[key] = nil }
                agree(evaluator, Profile(facts: facts, source: "random"), asOf: prepared.expectation.asOf, "\(fixture.name) #\(round)")
            }
        }
    }
}

@Suite struct QuestionTests {
    /// The half-filled elderly-care unit: the facts that help decide the most open rules come
    /// first (key persons: three — the form's Art. 7(1) and Art. 12(7) and (8); past
    /// terminations: two — Art. 12(5) and (6)), then the others in the order the rules need them.
    @Test func theFactsThatDecideMostAreAskedFirst() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "national" && $0.name == "elderly-care-partial" })
        let evaluation = try #require(FixtureRunner(policies: Repository.policySet).run(fixture).evaluation)
        #expect(evaluation.verdict == .undetermined)
        #expect(Array(evaluation.questions.prefix(2)) == ["key_persons", "past_terminations"])
        #expect(evaluation.questions.count == 11)
    }

    /// Once a definite failure settles the decision, nothing is asked.
    @Test func aSettledDecisionAsksNothing() throws {
        var facts = try FixtureRunner(policies: Repository.policySet).prepare(
            try #require(Fixture.all(in: Repository.fixtures).first { $0.name == "elderly-care-partial" })).get().profile.facts
        facts["main_scope_non_basic"] = .boolean(true)
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar))
        let evaluation = evaluator.evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
        #expect(evaluation.verdict == .ineligible)
        #expect(evaluation.questions.isEmpty)
    }
}

/// Batch mode's error records, written straight into bytes, are those of the schema's
/// readable definition.
@Suite struct ErrorRecordTests {
    @Test func bytesEqualTheDefinition() throws {
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar))
        let writer = DecisionWriter(evaluator: evaluator)
        let located = Diagnostic(code: "wrong-type", at: DesignationRules.SourceLocation(file: "line 3", line: 1, column: 15),
                                 "`bed_count` must be a whole number, not \"十\"\n(see the vocabulary)")
        let unlocated = Diagnostic(code: "empty-line", at: nil, "the line is empty; expected one JSON profile per line")
        for problems in [[], [located], [unlocated], [located, unlocated, located]] {
            var reference: [UInt8] = [], written: [UInt8] = []
            BatchRecord.error(line: 12, code: "bad-input", problems).write(compactTo: &reference)
            writer.writeError(line: 12, code: "bad-input", problems, to: &written)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        }
    }
}

@Suite struct JSONOutputTests {
    @Test func compactBytesEqualTheCompactString() {
        let value = JSONOutput.object([
            ("a", .array([.int(1), .double(2.5), .null, .bool(true), .bool(false)])),
            ("b", .string("引号\"反斜杠\\换行\n\t\u{01}")),
            ("c", .object([])), ("d", .array([])),
        ])
        var bytes: [UInt8] = []
        value.write(compactTo: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == value.serialized(pretty: false))
        #expect(value.serialized(pretty: false) == #"{"a":[1,2.5,null,true,false],"b":"引号\"反斜杠\\换行\n\t\u0001","c":{},"d":[]}"#)
    }

    /// The bytes writer looks for escapes eight bytes at a time; the string writer byte by
    /// byte. Seeded strings put quotes, backslashes and control characters at every offset
    /// of a word, among ASCII and Chinese, and both must write the same, and read back.
    @Test func escapesFoundAtEveryOffset() throws {
        var random = FuzzTests.Random(state: 0x5EED_0009)
        let pieces = ["a", "institution", "医", "院名", "\"", "\\", "\n", "\t", "\u{01}", "\u{1F}", " ", "\u{7F}", "😀", "/"]
        for _ in 0 ..< 2_000 {
            let text = (0 ..< random.below(30)).map { _ in pieces[random.below(pieces.count)] }.joined()
            var bytes: [UInt8] = []
            JSONOutput.string(text).write(compactTo: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == JSONOutput.string(text).serialized(pretty: false), "\(text.debugDescription)")
            let read = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed) as? String
            #expect(read == text, "\(text.debugDescription)")
        }
    }
}
