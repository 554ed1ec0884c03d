/// Writes `BatchRecord.decision` records straight into bytes: every id, citation and
/// stage name is escaped once, when the writer is made, and a record is a run of
/// copies into the writer's own memory, handed to the output in one append. A test
/// checks that its bytes are those of `BatchRecord.decision`, the schema's readable
/// definition.
struct DecisionWriter {
    /// What the records of one text's decisions are made of (the region's own text, or a
    /// text it extends that governs when the region's is not in force).
    private struct Layer {
        /// `,"text":"national"` when the text is not the region's own; empty otherwise.
        var text: ByteRecordBuilder.Piece
        /// `{"rule":…,"citation":…,"passes_from":` for each rule.
        var failedPrefix: [ByteRecordBuilder.Piece]
        /// The rule's id as a JSON string, for the `unknown` list.
        var ruleID: [ByteRecordBuilder.Piece]
        /// For each stage, `"stage":`.
        var stageKey: [ByteRecordBuilder.Piece]
        /// For each stage, `"stage"` (the key without its colon, for `not_reached`).
        var stageName: [ByteRecordBuilder.Piece]
        /// For each stage, its outcomes' ids as JSON strings, by position (`otherwise` last).
        var outcomeID: [[ByteRecordBuilder.Piece]]
    }

    /// The region's own text first, then each it extends (`Decision.layer`).
    private let layers: [Layer]
    /// By the verdict's place in `Verdict.allCases` (no hashing a record).
    private let verdictName: [ByteRecordBuilder.Piece]
    private let record: ByteRecordBuilder

    init(evaluator: Evaluator) {
        var pieces: [UInt8] = []
        func piece(_ value: JSONOutput, droppingLast dropped: Int = 0) -> ByteRecordBuilder.Piece {
            var bytes: [UInt8] = []
            value.write(compactTo: &bytes)
            bytes.removeLast(dropped)
            defer { pieces += bytes }
            return ByteRecordBuilder.Piece(start: pieces.count, count: bytes.count)
        }
        func layer(_ layer: Evaluator, own: Bool) -> Layer {
            var text = ByteRecordBuilder.Piece(start: 0, count: 0)
            if !own {
                // `{"text":"national"}` without its braces.
                let object = piece(.object([("text", .string(layer.policy.id))]))
                pieces[object.start] = UInt8(ascii: ",")
                text = ByteRecordBuilder.Piece(start: object.start, count: object.count - 1)
            }
            let failedPrefix = layer.rules.map { rule in
                // Without `null}`: the date and the brace are written per record.
                piece(.object([("rule", .string(rule.id)), ("citation", .string(BatchRecord.citation(rule.citation, layer.policy))),
                               ("passes_from", .null)]), droppingLast: 5)
            }
            let ruleID = layer.rules.map { piece(.string($0.id)) }
            let stageKey = layer.procedure.stages.map { stage in
                defer { pieces.append(UInt8(ascii: ":")) }
                let name = piece(.string(stage.id))
                return ByteRecordBuilder.Piece(start: name.start, count: name.count + 1)
            }
            let outcomeID = layer.procedure.stages.map { stage in
                (stage.outcomes + [stage.otherwise]).map { piece(.string($0.id)) }
            }
            return Layer(text: text, failedPrefix: failedPrefix, ruleID: ruleID, stageKey: stageKey,
                         stageName: stageKey.map { ByteRecordBuilder.Piece(start: $0.start, count: $0.count - 1) }, outcomeID: outcomeID)
        }
        layers = [layer(evaluator, own: true)] + evaluator.ancestors.map { layer($0, own: false) }
        verdictName = Verdict.allCases.map { piece(.string($0.rawValue)) }
        record = ByteRecordBuilder(pieces: pieces)
    }

    func write(line: Int, _ decision: Decision, to out: inout [UInt8]) {
        let record = self.record
        let layer = layers[decision.layer]
        let (failedPrefix, ruleID, stageKey, outcomeID) = (layer.failedPrefix, layer.ruleID, layer.stageKey, layer.outcomeID)
        let stageName = layer.stageName
        record.start()
        record.append(#"{"line":"#)
        record.append(number: line)
        if layer.text.count > 0 { record.append(layer.text) }
        record.append(#","verdict":"#)
        record.append(verdictName[Verdict.allCases.firstIndex(of: decision.verdict)!])
        record.append(#","stages":{"#)
        for (index, stage) in decision.outcomes.enumerated() {
            if index > 0 { record.append(UInt8(ascii: ",")) }
            record.append(stageKey[index])
            if let outcome = stage.outcome { record.append(outcomeID[index][outcome]) } else { record.append("null") }
        }
        record.append(#"},"not_reached":["#)
        var firstUnreached = true
        for (index, stage) in decision.outcomes.enumerated() where !stage.reached {
            if !firstUnreached { record.append(UInt8(ascii: ",")) }
            firstUnreached = false
            record.append(stageName[index])
        }
        record.append(#"],"failed":["#)
        var first = true
        for (index, status) in decision.statuses.enumerated() where status == .fail {
            if !first { record.append(UInt8(ascii: ",")) }
            first = false
            record.append(failedPrefix[index])
            write(decision.passesFrom[index])
            record.append(UInt8(ascii: "}"))
        }
        record.append(#"],"unknown":["#)
        first = true
        for (index, status) in decision.statuses.enumerated() where status == .unknown {
            if !first { record.append(UInt8(ascii: ",")) }
            first = false
            record.append(ruleID[index])
        }
        record.append(#"],"questions":["#)
        if !decision.questions.isEmpty {
            var questions: [UInt8] = []
            for (index, question) in decision.questions.enumerated() {
                if index > 0 { questions.append(UInt8(ascii: ",")) }
                JSONOutput.writeString(question, toBytes: &questions)
            }
            questions.withUnsafeBufferPointer { record.append($0) }
        }
        record.append(UInt8(ascii: "]"))
        record.append(#","earliest_eligible":"#)
        write(decision.earliest?.date)
        record.append(UInt8(ascii: "}"))
        record.finish(into: &out)
    }

    /// `BatchRecord.error`'s record, written straight into bytes rather than through a
    /// tree of values (a tenth of an intake's lines may carry a problem). A test checks
    /// that the bytes are the same.
    func writeError(line: Int, code: String, _ problems: [Diagnostic], to out: inout [UInt8]) {
        out += #"{"line":"#.utf8
        out += String(line).utf8
        out += #","error":"#.utf8
        JSONOutput.writeString(code, toBytes: &out)
        out += #","problems":["#.utf8
        for (index, problem) in problems.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += #"{"code":"#.utf8
            JSONOutput.writeString(problem.code, toBytes: &out)
            out += #","at":"#.utf8
            if let location = problem.location {
                JSONOutput.writeString("\(location.line):\(location.column)", toBytes: &out)
            } else {
                out += "null".utf8
            }
            out += #","message":"#.utf8
            JSONOutput.writeString(problem.message, toBytes: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += "]}".utf8
    }

    /// A date as a JSON string (`"2027-01-10"`), or null.
    private func write(_ date: CivilDate?) {
        guard let date else { return record.append("null") }
        record.append(UInt8(ascii: "\""))
        if date.withISOBytes({ record.append($0) }) == nil { Array(date.description.utf8).withUnsafeBufferPointer { record.append($0) } }
        record.append(UInt8(ascii: "\""))
    }
}

/// Where a record is built: its own memory, appended to by plain copies (an array's
/// `append(contentsOf:)` costs a hundred instructions a call, and a record is twenty
/// pieces), and the fixed pieces a writer copies from, all in one block. One a lane.
final class ByteRecordBuilder {
    /// Bytes `start ..< start + count` of the pieces.
    struct Piece {
        var start: Int
        var count: Int
    }

    private let pieces: UnsafeMutableBufferPointer<UInt8>
    // One lane uses a builder, one record at a time: no access can overlap another, and
    // the run-time exclusivity checks would cost more than the copies.
    @exclusivity(unchecked) private var memory: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var count = 0

    init(pieces bytes: [UInt8]) {
        pieces = .allocate(capacity: max(1, bytes.count))
        _ = pieces.initialize(from: bytes)
        capacity = 4096
        memory = .allocate(capacity: capacity)
    }

    deinit {
        pieces.deallocate()
        memory.deallocate()
    }

    func start() { count = 0 }

    /// Appends the record built so far to `out`.
    func finish(into out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: memory, count: count))
    }

    @inline(__always)
    private func room(for extra: Int) {
        guard count + extra > capacity else { return }
        while count + extra > capacity { capacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: memory, count: count)
        memory.deallocate()
        memory = larger
    }

    @inline(__always)
    private func append(_ source: UnsafePointer<UInt8>, _ length: Int) {
        room(for: length)
        (memory + count).update(from: source, count: length)
        count += length
    }

    func append(_ piece: Piece) { append(pieces.baseAddress! + piece.start, piece.count) }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        append(base, bytes.count)
    }

    func append(_ literal: StaticString) { append(literal.utf8Start, literal.utf8CodeUnitCount) }

    func append(_ byte: UInt8) {
        room(for: 1)
        memory[count] = byte
        count += 1
    }

    /// `value` (not negative) in decimal.
    func append(number value: Int) {
        var digits = 1, rest = value / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        room(for: digits)
        var remaining = value
        for offset in stride(from: digits - 1, through: 0, by: -1) {
            memory[count + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
        }
        count += digits
    }
}
