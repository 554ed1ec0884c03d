import Foundation
import Testing
@testable import DesignationRules

/// Batch mode's profile decoder must agree with the full one wherever it answers: the
/// cells it fills are those the full decoder's profile fills (for every fact and field
/// a program reads).
@Suite struct CellDecoderTests {
    let asOf = CivilDate(iso: "2026-11-26")!

    /// A worker for each region's application procedure: between them they read most facts.
    static let workers: [DecisionWorker] = Repository.policySet.regionIDs.compactMap { region in
        Evaluator(policy: Repository.policySet.policies[region]!, calendar: Repository.policySet.calendar)
            .map { DecisionWorker(evaluator: $0, asOf: CivilDate(iso: "2026-11-26")!, vocabulary: Repository.policySet.vocabulary) }
    }

    /// Whether the fast path answered. With `learning`, each worker first reads that
    /// line, so that `bytes` is read with the key and value guesses a good line leaves
    /// (the path most lines of a batch take; without it, every guess is a miss).
    @discardableResult
    func agree(_ bytes: [UInt8], _ label: String, learning: [UInt8]? = nil) -> Bool {
        let full = Result { () throws(DiagnosticList) in
            try ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: asOf).decode(bytes, source: "p")
        }
        var answered = false
        for var worker in Self.workers {
            if let learning { _ = try? worker.load(learning, source: { "p" }) }
            let read: Bool
            do {
                read = try worker.load(bytes, source: { "p" })
            } catch {
                // The fast path found problems: they must be the full reader's, all of them.
                answered = true
                switch full {
                case .success: Issue.record("\(label): the fast path refused what the full reader accepts: \(error)")
                case .failure(let expected): #expect(error.diagnostics == expected.diagnostics, "\(label): the problems differ")
                }
                continue
            }
            guard read else { continue }
            answered = true
            let fast = worker.loadedFacts()
            switch full {
            case .success(let profile):
                worker.load(profile)
                #expect(worker.loadedFacts() == fast, "\(label): the paths read different facts")
            case .failure(let error):
                Issue.record("\(label): the fast path accepted what the full reader refuses: \(error)")
            }
        }
        return answered
    }

    @Test func everyFixtureDecodesTheSameOnBothPaths() throws {
        var answered = 0
        for fixture in Fixture.all(in: Repository.fixtures) where agree([UInt8](try Data(contentsOf: fixture.profile)), fixture.name) {
            answered += 1
        }
        #expect(answered > 100)
    }

    @Test func damagedProfilesNeverPassTheFastPathWrongly() {
        var random = FuzzTests.Random(state: 99)
        let started = Date()
        let interesting: [UInt8] = Array("{}[]\",:0123456789-.eE \\ntruefalsenull".utf8) + [0xC3, 0xFF]
        for round in 0..<FuzzTests.iterations {
            let original = FuzzTests.profiles[random.below(FuzzTests.profiles.count)]
            var bytes = original
            for _ in 0..<(1 + random.below(3)) where !bytes.isEmpty {
                let at = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes[at] = interesting[random.below(interesting.count)]
                case 1: bytes.remove(at: at)
                default: bytes.insert(interesting[random.below(interesting.count)], at: at)
                }
            }
            agree(bytes, "round \(round)", learning: round % 2 == 0 ? original : nil)
        }
        FuzzTests.report("damaged profiles, read on both paths by \(Self.workers.count) regions", FuzzTests.iterations, since: started)
    }

    @Test func malformedUTF8NeverTakesTheFastPath() {
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xBD], [0xF5, 0x80, 0x80, 0x80], [0xD2, 0xBD, 0xD4, 0xBA, 0xC3, 0xFB]] {
            #expect(!agree(Array(#"{"institution_name": ""#.utf8) + bad + Array(#""}"#.utf8), "bad UTF-8"))
        }
        #expect(agree(Array(#"{"institution_name": "医院𠀀"}"#.utf8), "four-byte UTF-8"))
    }

    @Test func edgeCases() {
        for text in [#"{"bed_count": null, "bed_count": 3}"#, #"{"bed_count": 007}"#, #"{"bed_count": -0}"#, #"{"bed_count": 1e2}"#,
                     #"{"institution_name": "a\"b"}"#, #"{"follows_price_policy": truex}"#, "\u{FEFF}{}", #"{"bed_count": 3,}"#,
                     #"{"licence": "none"} "#, #"{"past_terminations": [{"date": "2024-01-01", "date": null}]}"#,
                     #"{"bed_count": 3, "physicians": [{"name": "甲"}, {}], "materials_submitted": ["application-form"]}"#,
                     #"{"institution_name": "医院", "application_date": "2030-01-01", "past_terminations": [{"date": "2024-01-01"}, {"date": "2031-02-03"}]}"#,
                     "{\r\"application_date\": \"2030-01-01\"}", #"{"application_date": "2030-01-01", "bed_count": -1}"#,
                     #"{"bed_count" : 3, "licence" :"none", "materials_submitted" : [ "application-form" ] }"#,
                     #"{"bed_count":3,"licence":"none","bed_count":4}"#, #"{"bed_count"3}"#, #"{"bed_count":}"#] {
            agree(Array(text.utf8), text)
            // Read again after a line that leaves guesses for these keys and values.
            agree(Array(text.utf8), text, learning: Array(#"{"bed_count":3,"licence":"none","materials_submitted":["application-form"]}"#.utf8))
        }
    }
}
