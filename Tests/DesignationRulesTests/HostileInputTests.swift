import Foundation
import Testing
@testable import DesignationRules

/// Input read from descriptors that misbehave: read errors, non-blocking descriptors,
/// lines over the bound however they arrive, a wait that must end on request, and
/// records that must go out while the input stays open (issue 22, points 2, 6 and 8).
@Suite struct DescriptorInputTests {
    /// A pipe: (read end, write end).
    static func pipe() -> (Int32, Int32) {
        var ends: [Int32] = [0, 0]
        precondition(Foundation.pipe(&ends) == 0)
        return (ends[0], ends[1])
    }

    static func write(_ descriptor: Int32, _ text: String) {
        #expect(Descriptor.writeAll(descriptor, text) == .written)
    }

    /// Every line read, as text or as the length of a line refused.
    static func readAll(_ reader: inout LineReader) -> [LineReaderTests.Read] {
        var lines: [LineReaderTests.Read] = []
        while let chunk = reader.chunk(of: 100, firstNumber: lines.count + 1) {
            for entry in chunk.entries {
                switch entry {
                case .text(let start, let end): lines.append(.text(Array(chunk.bytes[start ..< end])))
                case .tooLong(let length): lines.append(.tooLong(length))
                }
            }
        }
        return lines
    }

    /// A line one byte over the bound is refused, one at the bound read, whether the
    /// line came in one read (a file) or in many (a pipe fed a little at a time).
    @Test func theBoundHoldsHoweverTheLineArrives() throws {
        let bound = 3000
        let text = String(repeating: "a", count: bound + 1) + "\n" + String(repeating: "b", count: bound) + "\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bound-\(UUID().uuidString)")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = open(url.path, O_RDONLY)
        defer { close(file) }
        var fromFile = LineReader(descriptor: file, maxLineLength: bound)
        #expect(Self.readAll(&fromFile) == [.tooLong(bound + 1), .text(Array(repeating: UInt8(ascii: "b"), count: bound))])

        let (input, output) = Self.pipe()
        let writer = Thread {
            for piece in stride(from: 0, to: text.utf8.count, by: 700) {
                let bytes = Array(text.utf8)[piece ..< min(piece + 700, text.utf8.count)]
                _ = bytes.withUnsafeBytes { Descriptor.writeAll(output, $0) }
                usleep(2_000)
            }
            close(output)
        }
        writer.start()
        var fromPipe = LineReader(descriptor: input, maxLineLength: bound)
        #expect(Self.readAll(&fromPipe) == [.tooLong(bound + 1), .text(Array(repeating: UInt8(ascii: "b"), count: bound))])
        close(input)
    }

    /// A read that fails is reported, not taken for the end of the input.
    @Test func aReadErrorIsNotTheEndOfInput() throws {
        let directory = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        defer { close(directory) }
        var reader = LineReader(descriptor: directory)
        #expect(reader.chunk(of: 10, firstNumber: 1) == nil)
        #expect(reader.failure == IOFailure(code: EISDIR))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("write-only-\(UUID().uuidString)")
        #expect(FileManager.default.createFile(atPath: url.path, contents: Data("{}\n".utf8)))
        defer { try? FileManager.default.removeItem(at: url) }
        let writeOnly = open(url.path, O_WRONLY)
        defer { close(writeOnly) }
        var other = LineReader(descriptor: writeOnly)
        #expect(other.chunk(of: 10, firstNumber: 1) == nil)
        #expect(other.failure == IOFailure(code: EBADF))

        var closed = LineReader(descriptor: 987_654)
        #expect(closed.chunk(of: 10, firstNumber: 1) == nil)
        #expect(closed.failure == IOFailure(code: EBADF))
    }

    /// A non-blocking descriptor with a producer that writes in bursts: every line
    /// arrives whole (a read that finds nothing yet is waited on, not taken for the end).
    @Test func aNonBlockingPipeIsWaitedOn() {
        let (input, output) = Self.pipe()
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let line = "{\"institution_name\": \"" + String(repeating: "医", count: 30_000) + "\"}\n"
        let writer = Thread {
            for burst in 0 ..< 50 {
                for _ in 0 ..< 10 { _ = Descriptor.writeAll(output, line) }
                if burst % 5 == 0 { usleep(20_000) }
            }
            close(output)
        }
        writer.start()
        var reader = LineReader(descriptor: input)
        let lines = Self.readAll(&reader)
        close(input)
        #expect(reader.failure == nil)
        #expect(lines.count == 500)
        #expect(lines.allSatisfy { $0 == .text(Array(line.utf8.dropLast())) })
    }

    /// A wait on a pipe whose writer stays open and silent ends soon after `shouldStop`
    /// says so (Ctrl-C), and the line cut short by the stop is not handed out as a line.
    @Test func aWaitEndsWhenAskedTo() {
        let (input, output) = Self.pipe()
        Self.write(output, "{\"a\": 1}\n{\"cut")
        var reader = LineReader(descriptor: input)
        let first = reader.chunk(of: 10, firstNumber: 1)
        #expect(first?.entries.count == 1)
        let asked = Date().addingTimeInterval(0.3)
        let started = Date()
        let next = reader.chunk(of: 10, firstNumber: 2, shouldStop: { Date() > asked })
        #expect(next == nil)
        #expect(reader.stopped)
        #expect(Date().timeIntervalSince(started) < 3)
        close(input)
        close(output)
    }
}

/// Batch mode writes a record soon after its line arrives, even when the input stays
/// open (`tail -f log | evaluate --batch -`), and reports a failed read.
@Suite struct StreamingBatchTests {
    static let runner = BatchRunner(vocabulary: Repository.policySet.vocabulary,
                                    evaluator: Evaluator(policy: Repository.policySet.policies["national"]!, calendar: Repository.policySet.calendar)!,
                                    asOf: CivilDate(iso: "2026-11-26")!, threads: 2)

    final class Received: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [UInt8] = []
        let firstRecord = DispatchSemaphore(value: 0)
    }

    @Test func aRecordIsWrittenWhileTheInputStaysOpen() {
        let (input, output) = DescriptorInputTests.pipe()
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        let runner = Self.runner
        let thread = Thread {
            _ = runner.run(reading: input, write: { bytes in
                received.lock.withLock { received.bytes += bytes }
                if bytes.contains(UInt8(ascii: "\n")) { received.firstRecord.signal() }
                return true
            }, shouldStop: { false })
            done.signal()
        }
        thread.start()
        DescriptorInputTests.write(output, "{\"bed_count\": 10}\n")
        let seen = received.firstRecord.wait(timeout: .now() + 10) == .success
        #expect(seen, "no record within 10 s of its line, with the input still open")
        close(output)
        done.wait()
        close(input)
        let text = received.lock.withLock { String(decoding: received.bytes, as: UTF8.self) }
        #expect(text.hasPrefix("{\"line\":1,"))
    }

    @Test func aFailedReadIsInTheSummary() {
        let directory = open(FileManager.default.temporaryDirectory.path, O_RDONLY)
        defer { close(directory) }
        let summary = Self.runner.run(reading: directory, write: { _ in true }, shouldStop: { false })
        #expect(summary.readFailure == IOFailure(code: EISDIR))
        #expect(summary.lines == 0)
    }
}

/// Expressions a policy may write that must never trap or overflow a stack: both
/// evaluation paths give unknown for an overflow, and the parser refuses an expression
/// deeper than its limit, with the position, before any later step recurses through it
/// (issue 22, points 4 and 5).
@Suite struct HostileExpressionTests {
    /// The value of `text` on the traced path and on batch mode's compiled path.
    static func bothPaths(_ text: String, _ facts: [String: Value] = [:]) throws -> (Value?, Value?) {
        let compiled = try TestVocabulary.compile(text)
        let today = CivilDate(iso: "2026-11-26")!
        var evaluator = ExpressionEvaluator(facts: facts, today: today, calendar: Repository.policySet.calendar)
        let full = evaluator.evaluate(compiled).value
        var root: Int32 = 0
        let program = Program(parameters: [:]) { root = $0.compile(compiled) }
        var machine = Machine(program: program, today: today, calendar: Repository.policySet.calendar)
        machine.store.load(facts, layout: program.layout)
        return (full, machine.run(root).value(machine.store))
    }

    @Test func aDurationOfExactlyIntMinIsUnknownNotATrap() throws {
        // -8 × 2^60 = -2^63: no overflow in the product, but no magnitude either.
        let (full, fast) = try Self.bothPaths("opened + (-8 days) * 1152921504606846976 > today", ["opened": .date(CivilDate(iso: "2020-01-01")!)])
        #expect(full == nil && fast == nil)
    }

    @Test func aDatePastTheYear9999IsUnknownOnBothPaths() throws {
        let opened: [String: Value] = ["opened": .date(CivilDate(iso: "2020-01-01")!)]
        for text in ["opened + 100000 years * 10 > today", "opened + 100000 years + 100000 years + 100000 years + 100000 years + 100000 years + 100000 years > today",
                     "opened - 100000 years * 10 < today", "opened + 8000 years > today"] {
            let (full, fast) = try Self.bothPaths(text, opened)
            #expect(full == nil && fast == nil, "\(text)")
        }
        let (full, fast) = try Self.bothPaths("opened + 7000 years > today", opened)
        #expect(full == .boolean(true) && fast == .boolean(true))
    }

    @Test func aLongerDurationIsRefusedWhereverItIsWritten() {
        #expect(throws: Diagnostic.self) { try TestVocabulary.compile("opened + 100001 days > today") }
        #expect(throws: Diagnostic.self) { try ExpressionParser.parse("99999999999 working_days", origin: TestVocabulary.origin, verbatim: true) }
    }

    static func tooDeep(_ text: String) -> Diagnostic? {
        do {
            _ = try TestVocabulary.compile(text)
            return nil
        } catch {
            return error as? Diagnostic
        }
    }

    static func chain(_ term: String, _ count: Int, _ separator: String) -> String {
        Array(repeating: term, count: count).joined(separator: separator)
    }

    static let tooDeepExpressions: [String] = [
        String(repeating: "not ", count: 3_000) + "a",
        chain("a", 2_500, " and "),
        chain("a", 2_500, " or "),
        chain("beds", 2_700, " + ") + " > 1",
        chain("beds", 2_700, " * ") + " > 1",
        String(repeating: "-", count: 3_000) + "beds > 1",
        String(repeating: "(", count: 3_000) + "a" + String(repeating: ")", count: 3_000),
        "any(s in staff, s" + String(repeating: ".registered", count: 3_000) + ")",
        chain("a", 100_000, " and "),
    ]

    /// Each construct that nests, far past the limit: refused with its position, at once.
    @Test(arguments: tooDeepExpressions)
    func anExpressionTooDeepIsRefusedWithItsPosition(_ text: String) {
        let started = Date()
        let diagnostic = Self.tooDeep(text)
        #expect(diagnostic?.code == "expression-too-deep", "\(text.prefix(40))…: \(String(describing: diagnostic))")
        #expect(diagnostic?.location?.file == "test.json5")
        #expect((diagnostic?.location?.column ?? 0) > 1)
        // A chain of 100,000 terms took 83 s before crashing: refused at its 64th term now.
        #expect(Date().timeIntervalSince(started) < 5)
    }

    /// At the limit, every construct is still read, and decides alike on both paths.
    @Test func anExpressionAtTheLimitIsAccepted() throws {
        let depth = ExpressionParser.maxDepth - 1
        for text in [String(repeating: "not ", count: depth - 1) + "a",
                     Array(repeating: "a", count: depth).joined(separator: " and "),
                     Array(repeating: "beds", count: depth).joined(separator: " + ") + " > 1"] {
            let (full, fast) = try Self.bothPaths(text, ["a": .boolean(true), "beds": .integer(1)])
            #expect(full != nil && full == fast, "\(text.prefix(30))…")
        }
    }
}

/// Profiles made to cost: a key of a million characters, tens of thousands of unknown
/// keys, controls in keys, values a hair over a bound (issue 22, points 7, 9, 11, 12).
@Suite struct HostileProfileTests {
    let decoder = ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: CivilDate(iso: "2026-11-26")!)

    func problems(_ text: String) -> [Diagnostic] {
        do {
            _ = try decoder.decode(Array(text.utf8), source: "p.json")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func aHugeKeyGetsNoSuggestionAndCostsLittle() {
        let started = Date()
        let found = problems("{\"" + String(repeating: "k", count: 1_000_000) + "\": 1}")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("did you mean") == false)
        // The message quotes the key's start and says how long it is.
        #expect((found.first?.message.utf8.count ?? .max) < 300)
        #expect(nearestName(to: "bed_cuont", in: ["bed_count", "beds"]) == "bed_count")
    }

    @Test func manyProblemsAreCountedNotListed() {
        let keys = (0 ..< 20_000).map { "\"unknown_key_\($0)\": 1" }.joined(separator: ", ")
        let started = Date()
        let found = problems("{" + keys + "}")
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(found.count == ProblemList.limit + 1)
        #expect(found.last?.code == "too-many-problems")
        #expect(found.last?.message.contains("19950 more") == true)
        #expect(found.allSatisfy { $0.location != nil })
    }

    /// A megabyte of `{}` is hundreds of thousands of records, each a question, and a
    /// quantifier over two such lists a hundred thousand million steps: a list has a bound.
    @Test func aListHasABound() {
        let over = "{\"physicians\": [" + Array(repeating: "{}", count: ProfileDecoder.maxListElements + 1).joined(separator: ",") + "]}"
        let found = problems(over)
        #expect(found.first?.code == "out-of-range")
        #expect(found.first?.message.contains("`physicians`: 1001 elements; a list may have at most 1000") == true, "\(found)")
        let at = "{\"materials_submitted\": [" + Array(repeating: "\"application-form\"", count: ProfileDecoder.maxListElements).joined(separator: ",") + "]}"
        #expect(problems(at).isEmpty)
    }

    /// Every list of records at its bound, every record empty (each field a question),
    /// on every region's rules: decided in bounded time and memory on both paths (two
    /// nested lists of a thousand took hours and two gigabytes).
    @Test func listsAtTheirBoundAreDecidedInBoundedTime() throws {
        let lists = Repository.policySet.vocabulary.facts.filter { $0.type == .list(.record($0.path)) }
        let text = "{" + lists.map { "\"\($0.path)\": [" + Array(repeating: "{}", count: 200).joined(separator: ",") + "]" }.joined(separator: ", ") + "}"
        let profile = try decoder.decode(Array(text.utf8), source: "p")
        for region in ["national", "liaocheng"] {
            let evaluator = Evaluator(policy: Repository.policySet.policies[region]!, calendar: Repository.policySet.calendar)!
            let started = Date()
            let traced = evaluator.evaluate(profile, asOf: decoder.asOf)
            let fast = evaluator.decide(profile, asOf: decoder.asOf)
            #expect(traced.verdict == fast.verdict)
            #expect(Date().timeIntervalSince(started) < 20, "\(region)")
        }
    }

    @Test func controlCharactersAreEscapedInMessages() {
        let found = problems("{\"x\\n/etc/passwd:1:1: error: forged\\u001B[2J\": 1}")
        let shown = found.map(\.description).joined(separator: "\n")
        #expect(found.count == 1)
        #expect(!shown.contains("\n"))
        #expect(!shown.unicodeScalars.contains { $0.value == 0x1B })
        #expect(shown.contains("x\\n/etc/passwd:1:1: error: forged\\u{1B}[2J"))
        #expect("a\u{202E}b\u{7F}\u{85}".escapingControls == "a\\u{202E}b\\u{7F}\\u{85}")
        #expect("医院 name".escapingControls == "医院 name")
    }

    @Test func aBoundIsQuotedAsWritten() {
        let found = problems(#"{"lc_total_control_overrun_percent": 1000.0000000001}"#)
        #expect(found.first?.message.contains("1000.0000000001 is above the largest plausible value 1000") == true, "\(found)")
    }

    /// Liaocheng's department counts have bounds: an absurd value is bad input, and no
    /// arithmetic on an accepted one can overflow.
    @Test func recordCountsHaveBounds() {
        for value in ["-100", "9223372036854775807", "20001"] {
            let found = problems(#"{"lc_inpatient_departments": [{"name": "内科", "beds": \#(value)}]}"#)
            #expect(found.first?.code == "out-of-range", "\(value): \(found)")
            #expect(found.first?.message.contains("lc_inpatient_departments[0].beds") == true)
        }
    }

    /// Every whole number of every fixture set to its largest and then its smallest
    /// allowed value: no rule is unknown without a missing fact to ask for (an overflow
    /// must never look like a missing fact).
    @Test func noOverflowLooksLikeAMissingFact() throws {
        let vocabulary = Repository.policySet.vocabulary
        func extreme(_ value: Value, _ definition: FactDefinition, largest: Bool) -> Value {
            switch value {
            case .integer:
                guard let bound = largest ? definition.maximum : definition.minimum else { return value }
                return .integer(Int(bound))
            case .list(let elements):
                return .list(elements.map { element in
                    guard case .record(let record) = element else { return extreme(element, definition, largest: largest) }
                    var fields = record.fields
                    for (name, field) in record.fields {
                        if let definition = definition.field(name) { fields[name] = extreme(field, definition, largest: largest) }
                    }
                    return .record(Record(fields))
                })
            default: return value
            }
        }
        var checked = 0
        for fixture in Fixture.all(in: Repository.fixtures) {
            guard let policy = Repository.policySet.policies[fixture.region],
                  let evaluator = Evaluator(policy: policy, calendar: Repository.policySet.calendar),
                  let data = FileManager.default.contents(atPath: fixture.profile.path),
                  let profile = try? ProfileDecoder(vocabulary: vocabulary, asOf: CivilDate(iso: "2026-11-26")!).decode([UInt8](data), source: "p") else { continue }
            for largest in [true, false] {
                var facts = profile.facts
                for (name, value) in facts {
                    if let definition = vocabulary.definition(name) { facts[name] = extreme(value, definition, largest: largest) }
                }
                let evaluation = evaluator.evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
                for result in evaluation.rules where result.status == .unknown {
                    #expect(!result.needed.isEmpty, "\(fixture.region)/\(fixture.name), \(largest ? "largest" : "smallest"): \(result.rule.id) is unknown with no fact missing")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}

/// Policy mistakes that `policy check` must catch (issue 22, points 9 and 10).
@Suite struct PolicyMistakeTests {
    static func load(vocabulary: String, notices: String? = nil) throws -> [Diagnostic] {
        var files = ["vocabulary/common.json5": vocabulary, "base.json5": BadPolicyTests.lines.joined(separator: "\n")]
        if let notices { files["notices/base.json5"] = notices }
        switch try TemporaryPolicies.load(files) {
        case .success: return []
        case .failure(let error): return error.diagnostics.filter { $0.severity == .error }
        }
    }

    static let kind = #"kind: { type: "enum", label: { zh: "类别", en: "Kind" }, values: [{ id: "clinic", zh: "诊所", en: "Clinic" }] },"#

    @Test(arguments: [
        (#"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 10, max: 5 },"#, "bad-bounds", "is above its `max`"),
        (#"beds: { type: "integer", label: { zh: "床位", en: "Beds" } },"#, "unbounded-count", "needs both `min` and `max`"),
        (#"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0 },"#, "unbounded-count", "needs both `min` and `max`"),
        (#"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 1e300 },"#, "bad-bounds", "at most 15 digits"),
        (#"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: NaN, max: 5 },"#, "bad-bounds", "whole numbers"),
    ])
    func badBoundsAreErrors(_ beds: String, _ code: String, _ mentions: String) throws {
        let errors = try Self.load(vocabulary: "{ facts: {\n" + beds + "\n" + Self.kind + "\n} }")
        let found = errors.first { $0.code == code }
        #expect(found?.message.contains(mentions) == true, "\(errors)")
        #expect(found?.location?.line == 2)
    }

    static let goodVocabulary = "{ facts: {\n" + #"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 100 },"# + "\n" + kind + "\n} }"

    @Test func anUnclosedPlaceholderIsAnError() throws {
        let notices = #"{ notices: [{ id: "n", when: ["s:no"], title: "T", fields: [{ label: "L", value: "床位：{fact:beds" }] }] }"#
        let errors = try Self.load(vocabulary: Self.goodVocabulary, notices: notices)
        #expect(errors.contains { $0.message.contains("unclosed placeholder `{fact:beds`") }, "\(errors)")
        #expect(try Self.load(vocabulary: Self.goodVocabulary, notices: notices.replacingOccurrences(of: "{fact:beds", with: "{fact:beds}")).isEmpty)
    }

    @Test func aPlaceholderOutsideTheFieldsIsAnError() throws {
        let notices = #"{ notices: [{ id: "n", when: ["s:no"], title: "{fact:beds}", fields: [{ label: "L", value: "" }] }] }"#
        let errors = try Self.load(vocabulary: Self.goodVocabulary, notices: notices)
        #expect(errors.contains { $0.message.contains("placeholders are filled in the values of `fields` only") }, "\(errors)")
    }

    @Test func aParameterDurationOverTheLimitIsAnError() throws {
        var lines = BadPolicyTests.lines
        lines[5] = #"  parameters: { limit: { value: "100001 days", citation: { article: "第一条" }, quote: "q", label: { zh: "限", en: "limit" } } },"#
        lines[7] = #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "today > today - limit" },"#
        let result = try TemporaryPolicies.load(["vocabulary/common.json5": Self.goodVocabulary, "base.json5": lines.joined(separator: "\n")])
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.diagnostics.contains { $0.code == "out-of-range" && $0.location?.line == 6 }, "\(error)")
    }
}
