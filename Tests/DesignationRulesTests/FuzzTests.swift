import Foundation
import Testing
@testable import DesignationRules

/// Seeded fuzzing within the test run (a fixed budget, the same inputs every run):
/// damaged profiles and random expression text must give a clear error or a result,
/// never a crash or a hang. (Random well-typed expressions on random profiles, through
/// both evaluation paths and both readers: `DifferentialTests`.)
///
/// The budget is `FUZZ_ITERATIONS` (2,000 by default, as CI runs it); each test runs a
/// multiple of it and prints how many inputs it ran, and in how long. A long run, of
/// 4 × FUZZ_ITERATIONS inputs (README, "Fuzzing"):
///
///     FUZZ_ITERATIONS=1600000 swift test -c release --filter "Fuzz|CellDecoderTests"
@Suite struct FuzzTests {
    /// A small deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let profiles: [[UInt8]] = Fixture.all(in: Repository.fixtures).prefix(40).compactMap { fixture in
        FileManager.default.contents(atPath: fixture.profile.path).map { [UInt8]($0) }
    }

    /// Damaged profiles: bytes flipped, deleted, duplicated, truncated. 2,000 in a normal
    /// run; set FUZZ_ITERATIONS for a longer budget.
    static let iterations = ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2_000

    /// Says how many inputs a fuzz test ran and how long it took (the figure of a long run).
    static func report(_ name: String, _ inputs: Int, since started: Date, _ detail: String = "") {
        let seconds = Date().timeIntervalSince(started)
        print("fuzz: \(name): \(inputs) inputs in \(String(format: "%.1f", seconds)) s\(detail.isEmpty ? "" : " (\(detail))")")
    }

    @Test func damagedProfilesNeverCrash() {
        var random = Random(state: 42)
        let started = Date()
        let decoder = ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2026-11-26")!)
        let evaluator = Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar)!
        // One batch worker for the run, as a lane keeps one (it compiles its program once).
        var worker = DecisionWorker(evaluator: evaluator, asOf: CivilDate(iso: "2026-11-26")!)
        let interesting: [UInt8] = Array("{}[]\",:0123456789-.eE \\ntruefalsenull\u{FF}".utf8) + [0x00, 0xC3, 0xE4, 0xBD]
        var decoded = 0, refused = 0
        for _ in 0..<Self.iterations {
            var bytes = Self.profiles[random.below(Self.profiles.count)]
            for _ in 0..<(1 + random.below(4)) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.below(4) {
                case 0: bytes[at] = interesting[random.below(interesting.count)]
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + random.below(20))], at: at)
                default: bytes.removeLast(random.below(bytes.count))
                }
            }
            do {
                let profile = try decoder.decode(bytes, source: "fuzz")
                _ = evaluator.evaluate(profile, asOf: CivilDate(iso: "2026-11-26")!)
                worker.load(profile)
                _ = worker.decide()
                decoded += 1
            } catch {
                #expect(!error.diagnostics.isEmpty)
                #expect(error.diagnostics.allSatisfy { $0.location != nil })
                refused += 1
            }
        }
        #expect(decoded + refused == Self.iterations)
        Self.report("damaged profiles, read and evaluated", Self.iterations, since: started, "\(decoded) read, \(refused) refused")
    }

    /// Random expression text, well-formed or not, deep or long: the lexer, parser and
    /// type checker give a tree or a diagnostic with a position, never a trap or a stack
    /// overflow; what checks is evaluated on both paths.
    @Test func randomExpressionTextNeverCrashes() {
        var random = Random(state: 2_022)
        let started = Date()
        let pieces = ["beds", "ratio", "opened", "a", "kind", "staff", "s", "s.registered", "today", "wait", "not", "and", "or", "in",
                      "if", "then", "else", "known", "any", "count", "sum", "year", "due", "max", "(", ")", "[", "]", ",", ".", "+", "-",
                      "*", "/", "==", "!=", "<", ">=", "1", "0", "9223372036854775807", "99999999999999999999", "3 months",
                      "100001 days", "'clinic'", "'", "\"", "1.5", "é", "\u{0}", "@", " "]
        var parsed = 0, refused = 0
        for round in 0 ..< Self.iterations * 2 {
            var text = ""
            switch round % 4 {
            case 0:
                // A run of pieces.
                for _ in 0 ..< 1 + random.below(30) { text += pieces[random.below(pieces.count)] + " " }
            case 1:
                // Deep: one construct repeated around the limit of nesting.
                let depth = ExpressionParser.maxDepth - 3 + random.below(6)
                let opener = ["not ", "(", "-", "known(", "[", "if a then "][random.below(6)]
                text = String(repeating: opener, count: depth) + "beds"
                if opener == "(" || opener == "known(" { text += String(repeating: ")", count: depth) }
                if opener == "[" { text += String(repeating: "]", count: depth) }
                if opener == "if a then " { text += String(repeating: " else beds", count: depth) }
            case 2:
                // Long: a chain of one operator around the limit.
                let terms = ExpressionParser.maxDepth - 3 + random.below(6)
                text = Array(repeating: ["a", "beds", "s"][random.below(3)], count: terms).joined(separator: " " + ["and", "or", "+", "*", "."][random.below(5)] + " ")
            default:
                // A well-formed expression with one piece changed.
                var words = "any(s in staff, s.registered) and beds + 1 > threshold or not known(opened)".split(separator: " ").map(String.init)
                words[random.below(words.count)] = pieces[random.below(pieces.count)]
                text = words.joined(separator: " ")
            }
            do {
                let compiled = try TestVocabulary.compile(text)
                parsed += 1
                let facts: [String: Value] = ["beds": .integer(Int.max), "a": .boolean(true), "opened": .date(CivilDate(iso: "2026-01-31")!)]
                let parameters: [String: Value] = ["threshold": .integer(100), "wait": .period(Period(3, .months))]
                var evaluator = ExpressionEvaluator(facts: facts, parameters: parameters, today: CivilDate(iso: "2026-11-26")!, calendar: Repository.policySet.calendar)
                let full = evaluator.evaluate(compiled)
                var root: Int32 = 0
                let program = Program(parameters: parameters) { root = $0.compile(compiled) }
                var machine = Machine(program: program, today: CivilDate(iso: "2026-11-26")!, calendar: Repository.policySet.calendar)
                machine.store.load(facts, layout: program.layout)
                let fast = machine.run(root)
                if case .list(.record) = compiled.type { continue }
                #expect(fast.value(machine.store) == full.value, "fast and traced evaluation differ on `\(text)`")
            } catch let diagnostic as Diagnostic {
                refused += 1
                #expect(diagnostic.location != nil, "no position for `\(text)`")
            } catch {
                Issue.record("not a diagnostic: \(error)")
            }
        }
        #expect(parsed > 0 && refused > 0)
        Self.report("random expression text, parsed and checked", Self.iterations * 2, since: started, "\(parsed) checked, \(refused) refused")
    }
}

/// The word-at-a-time UTF-8 check against the byte-at-a-time one (a collection without
/// contiguous storage takes that path) and against the standard library's validation,
/// on seeded mixes of ASCII runs, Chinese, four-byte sequences and damaged bytes.
@Suite struct UTF8CheckTests {
    /// Forces `UTF8Check`'s byte-at-a-time path.
    struct Scattered: RandomAccessCollection {
        let bytes: [UInt8]
        var startIndex: Int { 0 }
        var endIndex: Int { bytes.count }
        subscript(index: Int) -> UInt8 { bytes[index] }
    }

    @Test func wordPathAgreesWithBytePath() {
        var random = FuzzTests.Random(state: 0x5EED_0008)
        let pieces: [[UInt8]] = [
            Array("institution_type".utf8), Array(#"":"#.utf8), Array("医".utf8), Array("院".utf8), Array("𠀀".utf8),
            Array("é".utf8), [0x80], [0xC0, 0xAF], [0xE5, 0x8C], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x7F],
        ]
        var invalid = 0
        for _ in 0 ..< 3_000 {
            var bytes: [UInt8] = []
            for _ in 0 ..< random.below(24) {
                // Mostly valid pieces, so that damage falls at every offset within a word.
                let piece = pieces[random.below(10) < 8 ? random.below(6) : random.below(pieces.count)]
                bytes += piece
            }
            let fast = UTF8Check.firstInvalidByte(in: bytes)
            #expect(fast == UTF8Check.firstInvalidByte(in: Scattered(bytes: bytes)), "\(bytes)")
            #expect((fast == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            if fast != nil { invalid += 1 }
        }
        // Both kinds of input were tried in numbers.
        #expect(invalid > 300 && invalid < 2_700)
    }
}
