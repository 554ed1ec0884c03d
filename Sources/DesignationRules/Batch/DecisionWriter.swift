/// Writes `BatchRecord.decision` records straight into bytes: every id, citation and
/// stage name is escaped once, when the writer is made, and a record is a run of
/// appends. A test checks that its bytes are those of `BatchRecord.decision`, the
/// schema's readable definition.
struct DecisionWriter: Sendable {
    /// `{"rule":…,"citation":…,"passes_from":` for each rule.
    private let failedPrefix: [[UInt8]]
    /// The rule's id as a JSON string, for the `unknown` list.
    private let ruleID: [[UInt8]]
    /// For each stage, `"stage":`, and each outcome's id as a JSON string.
    private let stageKey: [[UInt8]]
    /// For each stage, its outcomes' ids as JSON strings, by position (`otherwise` last).
    private let outcomeID: [[[UInt8]]]
    /// By the verdict's place in `Verdict.allCases` (no hashing a record).
    private let verdictName: [[UInt8]]

    init(evaluator: Evaluator) {
        func json(_ value: JSONOutput) -> [UInt8] {
            var bytes: [UInt8] = []
            value.write(compactTo: &bytes)
            return bytes
        }
        failedPrefix = evaluator.rules.map { rule in
            var bytes = json(.object([("rule", .string(rule.id)), ("citation", .string(BatchRecord.citation(rule.citation, evaluator.policy))),
                                      ("passes_from", .null)]))
            bytes.removeLast(5)  // `null}`: the date and the brace are written per record
            return bytes
        }
        ruleID = evaluator.rules.map { json(.string($0.id)) }
        stageKey = evaluator.procedure.stages.map { json(.string($0.id)) + [UInt8(ascii: ":")] }
        outcomeID = evaluator.procedure.stages.map { stage in
            (stage.outcomes + [stage.otherwise]).map { json(.string($0.id)) }
        }
        verdictName = Verdict.allCases.map { json(.string($0.rawValue)) }
    }

    func write(line: Int, _ decision: Decision, to out: inout [UInt8]) {
        out += #"{"line":"#.utf8
        out += String(line).utf8
        out += #","verdict":"#.utf8
        out += verdictName[Verdict.allCases.firstIndex(of: decision.verdict)!]
        out += #","stages":{"#.utf8
        for (index, stage) in decision.outcomes.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out += stageKey[index]
            if let outcome = stage.outcome { out += outcomeID[index][outcome] } else { out += "null".utf8 }
        }
        out += #"},"failed":["#.utf8
        var first = true
        for (index, status) in decision.statuses.enumerated() where status == .fail {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += failedPrefix[index]
            write(decision.passesFrom[index], to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += #"],"unknown":["#.utf8
        first = true
        for (index, status) in decision.statuses.enumerated() where status == .unknown {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out += ruleID[index]
        }
        out += #"],"questions":["#.utf8
        for (index, question) in decision.questions.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONOutput.writeString(question, toBytes: &out)
        }
        out.append(UInt8(ascii: "]"))
        out += #","earliest_eligible":"#.utf8
        write(decision.earliest?.date, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    /// A date as a JSON string (`"2027-01-10"`), or null.
    private func write(_ date: CivilDate?, to out: inout [UInt8]) {
        guard let date else { return out += "null".utf8 }
        let (year, month, day) = date.parts
        out.append(UInt8(ascii: "\""))
        digits(year, 4, &out)
        out.append(UInt8(ascii: "-"))
        digits(month, 2, &out)
        out.append(UInt8(ascii: "-"))
        digits(day, 2, &out)
        out.append(UInt8(ascii: "\""))
    }

    private func digits(_ value: Int, _ count: Int, _ out: inout [UInt8]) {
        var divisor = 1
        for _ in 1 ..< count { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
