import DesignationRules
import Foundation

/// `evaluate template --region R`: a blank profile with every fact the region can use.
func runTemplate(_ evaluator: Evaluator, vocabulary: Vocabulary, language: Language) -> ExitCode {
    Streams.out(Template(evaluator: evaluator, vocabulary: vocabulary, language: language).render())
    return .eligible
}

/// `evaluate interview --region R [--profile PARTIAL.json | --resume FILE] [--out PROFILE.json]`:
/// asks one question at a time, on a terminal or from a pipe, until the decision is settled.
///
/// The profile is saved after every answer (atomically: a Ctrl-C or a crash leaves the last
/// whole version), to `--out`, else to the `--resume` file, else to a new file in the
/// current folder named at the start; the file is written once before the first question,
/// so that a path that cannot be written is found then, not after the last answer. It
/// starts from `--resume FILE` or `--profile FILE`, else from `--out` when that exists, and
/// says so; answers of "not known" are saved as `null` and not asked again.
func runInterview(_ evaluator: Evaluator, vocabulary: Vocabulary, options: Options, asOf: CivilDate, language: Language) -> ExitCode {
    let zh = language == .zh
    func say(_ text: String) { Streams.err(text + "\n") }
    if options.resume != nil, options.start != nil { fail("evaluate: give --profile PARTIAL.json or --resume FILE, not both", .usage) }
    let out = options.out ?? options.resume ?? defaultInterviewFile(region: evaluator.policy.id)
    let startPath = options.resume ?? options.start ?? (isRegularFile(out) ? out : nil)
    var interview = Interview(evaluator: evaluator, vocabulary: vocabulary, asOf: asOf)
    if let startPath {
        let (profile, bytes) = readProfileAndBytes(startPath, vocabulary: vocabulary, asOf: asOf, language: language)
        let unknown = (try? JSON5.parse(bytes, file: startPath)).map(Interview.unknownPaths(in:)) ?? []
        interview = Interview(evaluator: evaluator, vocabulary: vocabulary, asOf: asOf, facts: profile.facts, unknown: unknown)
        say(zh ? "从 \(startPath.escapingControls) 继续：已有 \(profile.facts.count) 项信息，\(unknown.count) 项答过“不知道”。"
                : "Continuing from \(startPath.escapingControls): \(profile.facts.count) fact(s) given, \(unknown.count) answered \"not known\".")
    }
    func save() {
        let profile = ProfileEncoder(vocabulary: vocabulary).encode(interview.facts, unknown: interview.skipped)
        do { try Descriptor.writeFile(profile, to: out) } catch {
            fail("evaluate: cannot write \(out.escapingControls): \(error.reason)", .ioError)
        }
    }
    save()
    say(zh ? "每答一题即保存到 \(out.escapingControls)；中断后可用 --resume \(out.escapingControls) 继续。"
            : "Each answer is saved to \(out.escapingControls) as it comes; after an interruption, --resume \(out.escapingControls) continues.")
    let again = "evaluate interview --region \(evaluator.policy.id)"
        + (options.procedure == Procedure.application ? "" : " --procedure \(options.procedure)") + " --resume \(out.escapingControls)"
    InterruptNotice.set(zh ? "\n已中断；已答内容保存在 \(out.escapingControls)，可用 \(again) 继续。\n"
                           : "\nInterrupted; the answers so far are saved in \(out.escapingControls): \(again) continues.\n")
    var asked = 0
    var answers = AnswerLines()
    asking: while let question = interview.next() {
        let fact = question.fact
        var prompt = "\n\(asked + 1). \(fact.label.text(language))"
        // A field of the n-th record: named by the list's label and its number from 1.
        if let open = question.path.firstIndex(of: "["), let close = question.path.firstIndex(of: "]"),
           let index = Int(question.path[question.path.index(after: open) ..< close]),
           let list = vocabulary.definition(String(question.path[..<open])) {
            prompt = "\n\(asked + 1). \(list.label.text(language))" + (zh ? " 第 \(index + 1) 项：" : ", no. \(index + 1): ") + fact.label.text(language)
        }
        if question.asksCount { prompt += zh ? "：有几项？（整数，无则 0）" : ": how many? (a whole number; 0 for none)" }
        say(prompt)
        if let form = fact.form { say((zh ? "   表单：" : "   form: ") + form) }
        var reader = AnswerReader(fact: fact, asOf: asOf, language: language)
        if question.asksCount {
            var count = fact
            count.type = .integer
            count.minimum = 0
            count.maximum = 50
            reader = AnswerReader(fact: count, asOf: asOf, language: language)
        } else {
            for (number, value) in fact.values.enumerated() { say("   \(number + 1)) \(value.id)  \(value.label.text(language))") }
            say((zh ? "   （\(reader.hint)；不知道请直接回车）" : "   (\(reader.hint); press Enter if not known)"))
        }
        while true {
            Streams.err("> ")
            guard let line = answers.next() else { break asking }
            switch reader.read(line) {
            case .success(let answer):
                interview.answer(question, with: answer)
                save()
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
    say((zh ? "申请材料已写入 " : "profile written to ") + out.escapingControls)
    return ExitCode(evaluation.verdict)
}

/// `interview-<region>-<date>-<time>.json` in the current folder, a name no earlier
/// interview has taken.
private func defaultInterviewFile(region: String) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
    let now = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: Date())
    let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", now.year!, now.month!, now.day!, now.hour!, now.minute!, now.second!)
    var name = "interview-\(region)-\(stamp).json", suffix = 1
    while FileManager.default.fileExists(atPath: name) { suffix += 1; name = "interview-\(region)-\(stamp)-\(suffix).json" }
    return name
}

private func isRegularFile(_ path: String) -> Bool {
    var status = stat()
    return stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
}

/// What Ctrl-C prints during an interview before the tool exits (130): where the answers
/// are. Prepared as bytes beforehand, because a signal handler may only write them.
enum InterruptNotice {
    nonisolated(unsafe) private static var message: UnsafeMutableBufferPointer<UInt8>?

    static func set(_ text: String) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        message = buffer
        signal(SIGINT) { _ in
            if let message = InterruptNotice.message { _ = write(STDERR_FILENO, message.baseAddress, message.count) }
            _exit(130)
        }
    }
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
