import Foundation
import Testing
@testable import DesignationRules

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
