import DesignationRules
import Foundation

/// `evaluate template --region R`: a blank profile with every fact the region can use.
func runTemplate(_ evaluator: Evaluator, vocabulary: Vocabulary, language: Language) -> ExitCode {
    print(Template(evaluator: evaluator, vocabulary: vocabulary, language: language).render(), terminator: "")
    return .eligible
}

/// `evaluate interview --region R [--profile PARTIAL.json] [--out PROFILE.json]`: asks one
/// question at a time, on a terminal or from a pipe, until the decision is settled.
func runInterview(_ evaluator: Evaluator, vocabulary: Vocabulary, start: Profile?, out: String?, asOf: CivilDate, language: Language) -> ExitCode {
    var interview = Interview(evaluator: evaluator, vocabulary: vocabulary, asOf: asOf, facts: start?.facts ?? [:])
    let zh = language == .zh
    var asked = 0
    func say(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    asking: while let question = interview.next() {
        let fact = question.fact
        var prompt = "\n\(asked + 1). \(fact.label.text(language))"
        if question.path != fact.path { prompt += " [\(question.path)]" }
        if question.asksCount { prompt += zh ? "：有几项？（整数，无则 0）" : ": how many? (a whole number; 0 for none)" }
        say(prompt)
        if let form = fact.form { say((zh ? "   表单：" : "   form: ") + form) }
        if !question.asksCount {
            for (number, value) in fact.values.enumerated() { say("   \(number + 1)) \(value.id)  \(value.label.text(language))") }
            var hint = fact.values.isEmpty ? "\(fact.type)" : (zh ? "编号或 id" : "a number or an id")
            if case .list = fact.type { hint += zh ? "，可多项，以逗号分隔" : "; several separated by commas" }
            say((zh ? "   （\(hint)；不知道请直接回车）" : "   (\(hint); press Enter if not known)"))
        }
        while true {
            FileHandle.standardError.write(Data("> ".utf8))
            guard let line = readLine() else { break asking }
            var reader = AnswerReader(fact: fact, asOf: asOf)
            if question.asksCount {
                var count = fact
                count.type = .integer
                count.minimum = 0
                count.maximum = 50
                reader = AnswerReader(fact: count, asOf: asOf)
            }
            switch reader.read(line) {
            case .success(let answer):
                interview.answer(question, with: answer)
                asked += 1
                continue asking
            case .failure(let error):
                say("   " + error.message)
            }
        }
    }
    let evaluation = interview.evaluation
    say(zh ? "\n共回答 \(asked) 个问题。" : "\n\(asked) question(s) answered.")
    let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    print(TextReport(vocabulary: vocabulary, language: language, colour: colour).render(evaluation), terminator: "")
    let profile = ProfileEncoder(vocabulary: vocabulary).encode(interview.facts)
    if let out {
        do { try profile.write(toFile: out, atomically: true, encoding: .utf8) } catch {
            fail("evaluate: cannot write \(out): \(error.localizedDescription)", .noInput)
        }
        say((zh ? "申请材料已写入 " : "profile written to ") + out)
    }
    return ExitCode(evaluation.verdict)
}
