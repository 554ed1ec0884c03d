import Foundation
import Testing
@testable import DesignationRules

/// Each stage is judged on its own day, so no result depends on the day the reviewer runs
/// the tool once the profile gives its days, and a batch may mix evaluation dates.
@Suite struct JudgingDateTests {
    /// Every application fixture that gives the day its application was received, decided
    /// as of its own date, and again with that date given as the profile's evaluation date
    /// and the as-of date years later: the same decision, on both paths.
    @Test(arguments: Repository.policySet.regionIDs)
    func theDayTheToolRunsChangesNothing(_ region: String) throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        let later = CivilDate(iso: "2031-06-30")!
        var compared = 0
        for fixture in Fixture.all(in: Repository.fixtures) where fixture.region == region {
            let prepared = try runner.prepare(fixture).get()
            guard prepared.expectation.procedure == Procedure.application, prepared.profile.facts["application_date"] != nil else { continue }
            let evaluator = try #require(Evaluator(policy: Repository.policySet.policies[region]!, calendar: Repository.policySet.calendar))
            let asOf = prepared.expectation.asOf
            var facts = prepared.profile.facts
            if facts["evaluation_date"] == nil { facts["evaluation_date"] = .date(asOf) }
            let dated = Profile(facts: facts, source: "dated")
            let now = evaluator.evaluate(prepared.profile, asOf: asOf), then = evaluator.evaluate(dated, asOf: later)
            #expect(then.verdict == now.verdict, "\(fixture.name): verdict")
            #expect(then.rules.map(\.status) == now.rules.map(\.status), "\(fixture.name): statuses")
            #expect(then.rules.map(\.passesFrom) == now.rules.map(\.passesFrom), "\(fixture.name): passes_from")
            #expect(then.earliest?.date == now.earliest?.date, "\(fixture.name): earliest")
            #expect(then.questions == now.questions, "\(fixture.name): questions")
            // Batch mode: the record of the dated line, in a run as of years later, is the
            // record of the line run alone as of its own date.
            var alone: [UInt8] = [], mixed: [UInt8] = []
            let writer = DecisionWriter(evaluator: evaluator)
            writer.write(line: 1, evaluator.decide(prepared.profile, asOf: asOf), to: &alone)
            writer.write(line: 1, evaluator.decide(dated, asOf: later), to: &mixed)
            #expect(String(decoding: mixed, as: UTF8.self) == String(decoding: alone, as: UTF8.self), "\(fixture.name): batch record")
            compared += 1
        }
        #expect(compared > 0)
    }

    /// The day of the application decides the refusal windows, whatever the as-of date:
    /// the 1-year bar of national 第十二条（六） still ran on the day the application was received.
    @Test func aRefusalWindowIsMeasuredOnTheApplicationDay() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "national" && $0.name == "breach-bar-last-day-at-application" })
        let prepared = try FixtureRunner(policies: Repository.policySet).prepare(fixture).get()
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar))
        for asOf in ["2026-11-19", "2026-11-20", "2026-12-10", "2027-11-19"] {
            let evaluation = evaluator.evaluate(prepared.profile, asOf: CivilDate(iso: asOf)!)
            #expect(evaluation.stages.first?.outcome?.id == "refused", "as of \(asOf)")
            #expect(evaluation.stages.first?.judgedOn?.date == CivilDate(iso: "2026-11-19"))
        }
    }

    /// Without the day of the application, the as-of date stands in and says so, and an
    /// interview asks for the day.
    @Test func aMissingJudgingDateIsSaidAndAsked() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "national" && $0.name == "breach-bar-last-day-at-application" })
        var facts = try FixtureRunner(policies: Repository.policySet).prepare(fixture).get().profile.facts
        facts["application_date"] = nil
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar))
        let evaluation = evaluator.evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-20")!)
        #expect(evaluation.stages.first?.judgedOn == JudgedOn(date: CivilDate(iso: "2026-11-20")!, name: "application", isFallback: true))
        #expect(evaluation.stages.first?.outcome?.id == "accepted")
        #expect(evaluation.standIns == ["application_date"])
        let interview = Interview(evaluator: evaluator, vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2026-11-20")!, facts: facts)
        #expect(interview.next()?.path == "application_date")
    }

    /// A regional text governs the applications received while it is in force, in both
    /// paths: Shanghai's notice until 2026-11-30, the national order from 2026-12-01.
    @Test func anExpiredRegionalTextFallsAwayOnBothPaths() throws {
        let runner = FixtureRunner(policies: Repository.policySet)
        let evaluator = try #require(Evaluator(policy: Repository.policySet.policies["shanghai"]!, calendar: Repository.policySet.calendar))
        for (name, governing) in [("emergency-center-last-day-in-force", "shanghai"), ("emergency-center-after-expiry", "national")] {
            let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == "shanghai" && $0.name == name })
            let prepared = try runner.prepare(fixture).get()
            let evaluation = evaluator.evaluate(prepared.profile, asOf: prepared.expectation.asOf)
            #expect(evaluation.policy.id == governing)
            #expect(evaluation.texts?.texts.first { $0.governs }?.policy.id == governing)
            let decision = evaluator.decide(prepared.profile, asOf: prepared.expectation.asOf)
            #expect(evaluator.layer(decision.layer).policy.id == governing)
            var record: [UInt8] = []
            DecisionWriter(evaluator: evaluator).write(line: 1, decision, to: &record)
            #expect(String(decoding: record, as: UTF8.self).contains(#""text":"national""#) == (governing == "national"))
        }
    }
}
