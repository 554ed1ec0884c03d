/// An evaluation put into words once, in one language: what every human-readable
/// format (text, Markdown, HTML) shows, in the order it shows it. Each format only lays
/// this out; none decides what to say.
struct ReportModel {
    struct Rule {
        var status: RuleStatus
        var statusText: String
        var citation: String
        var explanation: String
        var id: String
        var quote: String
        /// Replaced rule, waiver, matched alternatives: one line each.
        var context: [String]
        var evidence: [String]
        var missing: String?
        var passesFrom: String?
        var note: String?
    }

    struct Section {
        var title: String
        var rules: [Rule]
    }

    struct Deadline {
        var label: String
        var value: String
        var marks: String
        var citation: String
        var quote: String
        var context: [String]
        var evidence: [String]
        var note: String?
    }

    var title: String
    var warnings: [String]
    /// The profile, the as-of date and the scope, each a label and its text; then the
    /// scope's note, if any. `header` lists them all in order, for the formats that lay
    /// them out alike.
    var profile: (String, String)
    var asOf: (String, String)
    var scope: (String, String)
    var scopeNote: (String, String)?
    var header: [(String, String)] { [profile, asOf, scope] + (scopeNote.map { [$0] } ?? []) }
    var verdict: Verdict
    var decision: String
    /// Said when it is not known whether the applicant is in scope.
    var scopeNotice: String?
    /// The values that put the applicant out of scope, or leave it open.
    var scopeEvidence: [String]
    var stages: [(String, String)]
    var reasons: [String]
    var earliest: String?
    var sections: [Section]
    var deadlines: [Deadline]
    var questions: [String]
    var language: Language

    func heading(_ key: Words.Heading) -> String { Words.heading(key, language) }

    init(_ evaluation: Evaluation, vocabulary: Vocabulary, language: Language) {
        let policy = evaluation.policy
        let describe = Describer(vocabulary: vocabulary, policy: policy, language: language)
        let heading = { (key: Words.Heading) in Words.heading(key, language) }
        self.language = language
        title = "《\(policy.document.title)》\(policy.document.number)（\(Self.standing(policy, evaluation.asOf, language))）"
            + (evaluation.procedure.id == Procedure.application ? "" : " — \(evaluation.procedure.label.text(language))")
        warnings = evaluation.warnings.map { $0.text(language) }
        profile = (heading(.profile), evaluation.profileSource)
        asOf = (heading(.asOf), evaluation.asOf.description)
        scope = (heading(.scope), evaluation.scopeLabel.text(language))
        scopeNote = evaluation.scopeNote.map { (heading(.note), $0.text(language)) }
        verdict = evaluation.verdict
        decision = evaluation.procedure.verdictLabels[evaluation.verdict]?.text(language) ?? Words.verdict(evaluation.verdict, language)
        scopeNotice = evaluation.scope.status == .unknown ? heading(.scopeUnknown) : nil
        scopeEvidence = evaluation.scope.status == .pass ? [] : evaluation.scope.evidence.compactMap(describe.evidence)
        stages = evaluation.stages.map { stage in
            // A stage not reached has no outcome, and no day it was judged on.
            guard stage.reached else { return (stage.stage.label.text(language), heading(.notReached)) }
            var text = ""
            if let outcome = stage.outcome { text += outcome.label.text(language) } else {
                text += heading(.undetermined)
                if let atLeast = stage.atLeast { text += "; \(heading(.atLeast)) \(atLeast.label.text(language))" }
            }
            if let day = stage.judgedOn { text += " — " + Self.judgedOn(day, policy, language) }
            return (stage.stage.label.text(language), text)
        }
        reasons = evaluation.rules.filter { $0.status == .fail }.map { result in
            "\(describe.citation(result.rule.citation))  \(result.rule.explanation.text(language))"
                + (result.passesFrom.map { " (\(heading(.passesFrom)) \($0))" } ?? "")
        }
        earliest = evaluation.earliest.map { earliest in
            earliest.date.map { "\(heading(.earliest)): \($0) (\(earliest.rules.joined(separator: ", ")))" }
                ?? "\(heading(.notTimeOnly)): \(earliest.rules.joined(separator: ", "))"
        }
        sections = evaluation.procedure.kinds.compactMap { kind in
            let results = evaluation.rules.filter { $0.rule.kind == kind.id }
            guard !results.isEmpty else { return nil }
            return Section(title: kind.label.text(language), rules: results.map { Self.rule($0, describe, language) })
        }
        deadlines = evaluation.deadlines.map { result in
            Deadline(label: result.deadline.label.text(language),
                     value: result.value.map { describe.value($0, definition: nil) } ?? heading(.unknown),
                     marks: (result.isApproximate ? " ≈" : "") + (result.hasPassed ? " \(heading(.passed))" : ""),
                     citation: describe.citation(result.deadline.citation), quote: result.deadline.quote,
                     context: result.deadline.superseded.map { ["\(heading(.replaces)) \(describe.citation($0.citation))「\($0.quote)」"] } ?? [],
                     evidence: result.evidence.compactMap(describe.evidence), note: result.deadline.note?.text(language))
        }
        questions = evaluation.questions.map { Self.question($0, vocabulary, language) }
    }

    /// Whether the text is law: in force, a draft, or expired by the as-of date.
    static func standing(_ policy: Policy, _ asOf: CivilDate, _ language: Language) -> String {
        if policy.status == .draft { return language == .zh ? "征求意见稿，尚未施行" : "draft for comment, not in force" }
        if let until = policy.effectiveUntil, asOf > until {
            return language == .zh ? "有效期至\(until)，已失效" : "in force until \(until), expired since"
        }
        if policy.status == .expired { return language == .zh ? "已失效" : "expired" }
        return language == .zh ? "现行有效" : "in force"
    }

    /// The day a stage was judged on, and why that day: "judged on 2026-11-19, the day
    /// the application was received"; when the profile did not give it, that the as-of
    /// date stood in.
    static func judgedOn(_ day: JudgedOn, _ policy: Policy, _ language: Language) -> String {
        let label = day.name.flatMap { policy.date($0) }?.label.text(language)
        switch (language, label, day.isFallback) {
        case (.zh, let label?, false): return "按\(day.date)（\(label)）判断"
        case (.zh, let label?, true): return "按\(day.date)（未填“\(label)”，以评估日期代之）判断"
        case (.zh, nil, _): return "按\(day.date)（评估日期）判断"
        case (.en, let label?, false): return "judged on \(day.date), \(label)"
        case (.en, let label?, true): return "judged on \(day.date), the as-of date (\(label) not given)"
        case (.en, nil, _): return "judged on \(day.date), the as-of date"
        }
    }

    private static func rule(_ result: RuleResult, _ describe: Describer, _ language: Language) -> Rule {
        let heading = { (key: Words.Heading) in Words.heading(key, language) }
        var context: [String] = []
        if let old = result.rule.superseded { context.append("\(heading(.replaces)) \(describe.citation(old.citation))「\(old.quote)」") }
        if let waiver = result.waiver {
            context.append("\(heading(.waivedBy)) \(describe.citation(waiver.citation))「\(waiver.quote)」 \(waiver.explanation.text(language))")
        }
        context += result.matched.map { "✓ \(describe.citation($0.citation))「\($0.quote)」" }
        let missing = result.needed.isEmpty ? nil
            : result.needed.map { describe.label(path: $0, definition: definitionPath($0)) }.joined(separator: ", ")
        return Rule(status: result.status, statusText: Words.status(result.status, polarity: result.rule.polarity, language),
                    citation: describe.citation(result.rule.citation), explanation: result.rule.explanation.text(language),
                    id: result.rule.id, quote: result.rule.quote, context: context,
                    evidence: result.evidence.compactMap(describe.evidence), missing: missing,
                    passesFrom: result.passesFrom?.description, note: result.rule.note?.text(language))
    }

    /// A missing fact as a question: its label, type, allowed values and form field.
    private static func question(_ path: String, _ vocabulary: Vocabulary, _ language: Language) -> String {
        guard let fact = vocabulary.definition(definitionPath(path)) else { return path }
        var text = "\(fact.label.text(language)) (\(path); \(fact.type)"
        if let unit = fact.unit { text += ", \(unit.text(language))" }
        text += ")"
        if !fact.values.isEmpty {
            text += " \(Words.heading(.allowed, language)): " + fact.values.map { "\($0.id) \($0.label.text(language))" }.joined(separator: " | ")
        }
        if let form = fact.form { text += " — \(Words.heading(.form, language)): \(form)" }
        return text
    }
}

/// `physicians[0].certificate` → `physicians.certificate`: the vocabulary entry of a profile path.
func definitionPath(_ path: String) -> String {
    var result = ""
    var skipping = false
    for character in path {
        if character == "[" { skipping = true } else if character == "]" { skipping = false } else if !skipping { result.append(character) }
    }
    return result
}
