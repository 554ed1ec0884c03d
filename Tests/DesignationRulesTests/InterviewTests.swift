import Foundation
import Testing
@testable import DesignationRules

/// The interview, answered by an oracle that reads the answers off a fixture's profile:
/// starting from nothing, it must reach the fixture's decision, asking only what the
/// rules need.
@Suite struct InterviewTests {
    /// Answers a question from a complete profile, as a reviewer with the form in hand would.
    static func answer(_ question: Interview.Question, from facts: [String: Value]) -> AnswerReader.Answer {
        let path = question.path
        guard let open = path.firstIndex(of: "[") else {
            guard let value = facts[path] else { return .skip }
            if question.asksCount, case .list(let records) = value { return .value(.integer(records.count)) }
            return .value(value)
        }
        let name = String(path[..<open])
        let close = path.firstIndex(of: "]")!
        let index = Int(path[path.index(after: open)..<close])!
        let field = String(path[path.index(close, offsetBy: 2)...])
        guard case .list(let records)? = facts[name], records.indices.contains(index), case .record(let record) = records[index],
              let value = record.fields[field] else { return .skip }
        return .value(value)
    }

    static func interview(_ fixture: Fixture) throws -> (Interview, asked: Int, expected: Evaluation) {
        let runner = FixtureRunner(policies: Repository.policySet)
        let prepared = try runner.prepare(fixture).get()
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies[fixture.region]!, calendar: Repository.policySet.calendar,
                                               procedure: prepared.expectation.procedure))
        // An interview evaluates now, unless told the day of the evaluation: a fixture that
        // gives its own evaluation date is interviewed as of that day.
        var asOf = prepared.expectation.asOf
        if case .date(let day)? = prepared.profile.facts["evaluation_date"] { asOf = day }
        var interview = Interview(evaluator: evaluator, vocabulary: Repository.policySet.vocabulary, asOf: asOf)
        var asked = 0
        while let question = interview.next(), asked < 300 {
            interview.answer(question, with: answer(question, from: prepared.profile.facts))
            asked += 1
        }
        return (interview, asked, evaluator.evaluate(prepared.profile, asOf: prepared.expectation.asOf))
    }

    @Test(arguments: Repository.policySet.regionIDs)
    func reachesTheFixturesDecisions(_ region: String) throws {
        var counts: [String] = []
        for fixture in Fixture.all(in: Repository.fixtures) where fixture.region == region {
            let (interview, asked, expected) = try Self.interview(fixture)
            let reached = interview.evaluation
            #expect(reached.verdict == expected.verdict, "\(region)/\(fixture.name): interview \(reached.verdict) \(reached.stages.map { $0.outcome?.id ?? "?" }), file \(expected.verdict) \(expected.stages.map { $0.outcome?.id ?? "?" })")
            // Never more questions than the facts the file has (each asked at most once, plus record counts).
            #expect(asked <= expected.rules.count * 4 + 20, "\(fixture.name): \(asked) questions")
            counts.append("\(fixture.name) \(asked)")
        }
        print("interview questions, \(region): " + counts.joined(separator: ", "))
    }

    /// The profile an interview writes, read back from its file, gives the same decision.
    @Test func theWrittenProfileDecidesTheSame() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "national" && $0.name == "general-hospital-complete" })
        let (interview, _, _) = try Self.interview(fixture)
        let text = ProfileEncoder(vocabulary: Repository.policySet.vocabulary).encode(interview.facts)
        let profile = try ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2026-11-26")!).decode(Array(text.utf8), source: "written")
        let again = interview.evaluator.evaluate(profile, asOf: CivilDate(iso: "2026-11-26")!)
        #expect(again.verdict == interview.evaluation.verdict)
        #expect(again.rules.map(\.status) == interview.evaluation.rules.map(\.status))
    }

    @Test func answersAreReadAsReviewersTypeThem() throws {
        let vocabulary = Repository.policySet.vocabulary
        let asOf = CivilDate(iso: "2026-11-26")!
        let type = AnswerReader(fact: vocabulary.definition("institution_type")!, asOf: asOf)
        #expect(try type.read("1").get() == .value(.text("general-hospital")))
        #expect(try type.read("综合医院").get() == .value(.text("general-hospital")))
        #expect(try type.read("clinic").get() == .value(.text("clinic")))
        #expect((try? type.read("99").get()) == nil)
        #expect(try type.read("").get() == .skip)
        let date = AnswerReader(fact: vocabulary.definition("operation_start_date")!, asOf: asOf)
        if case .failure(let error) = date.read("2025-02-30") { #expect(error.message.contains("not a date")) } else { Issue.record("accepted") }
        if case .failure(let error) = date.read("2027-01-01") { #expect(error.message.contains("after the as-of date")) } else { Issue.record("accepted") }
        let flag = AnswerReader(fact: vocabulary.definition("follows_price_policy")!, asOf: asOf)
        #expect(try flag.read("是").get() == .value(.boolean(true)))
        #expect(try flag.read("no").get() == .value(.boolean(false)))
        let materials = AnswerReader(fact: vocabulary.definition("materials_submitted")!, asOf: asOf)
        #expect(try materials.read("1，2").get() == .value(.list([.text("application-form"), .text("practice-licence-copy")])))
        let beds = AnswerReader(fact: vocabulary.definition("bed_count")!, asOf: asOf)
        #expect((try? beds.read("-3").get()) == nil)
    }
}
