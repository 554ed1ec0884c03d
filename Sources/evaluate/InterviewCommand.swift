import DesignationRules
import Foundation

/// `evaluate template --region R`: a blank profile with every fact the region can use.
func runTemplate(_ evaluator: Evaluator, vocabulary: Vocabulary, language: Language) -> ExitCode {
    Streams.out(Template(evaluator: evaluator, vocabulary: vocabulary, language: language).render())
    return .eligible
}

/// `evaluate interview --region R [--profile PARTIAL.json] [--out PROFILE.json]`: asks one
/// question at a time, on a terminal or from a pipe, until the decision is settled.
func runInterview(_ evaluator: Evaluator, vocabulary: Vocabulary, start: Profile?, out: String?, asOf: CivilDate, language: Language) -> ExitCode {
    var interview = Interview(evaluator: evaluator, vocabulary: vocabulary, asOf: asOf, facts: start?.facts ?? [:])
    let zh = language == .zh
    var asked = 0
    var answers = AnswerLines()
    func say(_ text: String) { Streams.err(text + "\n") }
    asking: while let question = interview.next() {
        let fact = question.fact
        var prompt = "\n\(asked + 1). " + InterviewWords.subject(question.path, fact, vocabulary, language)
        if question.asksCount { prompt += zh ? "：有几项？（整数，无则 0）" : ": how many? (a whole number; 0 for none)" }
        say(prompt)
        if let form = fact.form { say((zh ? "   表单：" : "   form: ") + form) }
        if !question.asksCount {
            for (number, value) in fact.values.enumerated() { say("   " + InterviewWords.choice(number + 1, value, language)) }
            say("   " + InterviewWords.hint(fact, language))
        }
        while true {
            Streams.err("> ")
            guard let line = answers.next() else { break asking }
            var reader = AnswerReader(fact: fact, asOf: asOf, language: language)
            if question.asksCount {
                var count = fact
                count.type = .integer
                count.minimum = 0
                count.maximum = 50
                reader = AnswerReader(fact: count, asOf: asOf, language: language)
            }
            switch reader.read(line) {
            case .success(let answer):
                interview.answer(question, with: answer)
                asked += 1
                continue asking
            case .failure(let error):
                say("   " + error.message.escapingControls)
            }
        }
    }
    let evaluation = interview.evaluation
    say(zh ? "\n共回答 \(asked) 个问题。" : "\n\(asked) question(s) answered.")
    let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    Streams.out(TextReport(vocabulary: vocabulary, language: language, colour: colour).render(evaluation))
    let profile = ProfileEncoder(vocabulary: vocabulary).encode(interview.facts)
    if let out {
        do { try Descriptor.writeFile(profile, to: out) } catch {
            fail("evaluate: cannot write \(out.escapingControls): \(error.reason)", .ioError)
        }
        say((zh ? "申请人资料已写入 " : "profile written to ") + out.escapingControls)
    }
    return ExitCode(evaluation.verdict)
}

/// The answers of an interview, one a line of standard input, as `readLine` gives them
/// (without the line end), except that a read that fails ends the tool with exit 74
/// rather than being taken for the end of the answers, and a non-blocking standard input
/// is waited on. An answer may have at most 1 MiB.
struct AnswerLines {
    private var pending: [UInt8] = []
    private var ended = false
    private var checked = false

    mutating func next() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = pending[..<newline]
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                defer { pending.removeSubrange(...newline) }
                return String(decoding: line, as: UTF8.self)
            }
            if ended {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            guard pending.count <= ProfileDecoder.maxBytes else { fail("evaluate: an answer is longer than 1 MiB", .badInput) }
            do {
                if !checked { try Descriptor.checkReadable(STDIN_FILENO) }
                checked = true
                let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
                defer { block.deallocate() }
                let count = try Descriptor.read(STDIN_FILENO, into: block.baseAddress!, count: block.count, shouldStop: { false })!
                if count == 0 { ended = true } else { pending += block[..<count] }
            } catch {
                fail("evaluate: cannot read standard input: \(Streams.reason(error, STDIN_FILENO))", .ioError)
            }
        }
    }
}
