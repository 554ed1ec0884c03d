/// An evaluation put into words once, in one language: what every human-readable
/// format (text, Markdown, HTML) shows, in the order it shows it. Each format only lays
/// this out; none decides what to say.
struct ReportModel {
    struct Rule {
        var status: RuleStatus
        var statusText: String
        var citation: String
        var explanation: String
        /// The rule's id, for `policy explain`: shown in English only (Chinese reports carry no internal names).
        var id: String?
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
        /// The citations of the section's rules that do not apply to this applicant,
        /// collapsed to one line (a hospital under a text that also speaks to pharmacies).
        var notApplicable: [String]
        /// Said when the section's stage was not reached: its rules are shown on the facts given.
        var notReached: String?
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
    /// The applicant's name as the profile gives it, else the profile file's name: what
    /// tells one report from another (the HTML title, the printed header).
    var applicantName: String
    var jurisdiction: String
    var warnings: [String]
    /// Who applies and the report's footing, each a label and its text, in order: the
    /// applicant's name, type, the region, the day the procedure is judged on, the
    /// profile file, the as-of date, the scope, and the scope's note if any.
    var header: [(String, String)]
    var verdict: Verdict
    var decision: String
    /// "结论：…" / "Decision: …".
    var decisionLine: String
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
    /// The short view: no rule-by-rule trace (`evaluate --brief`).
    var brief: Bool

    func heading(_ key: Words.Heading) -> String { Words.heading(key, language) }
    /// `label：value` in Chinese, `label: value` in English.
    func labelled(_ label: String, _ value: String) -> String { Words.labelled(label, value, language) }

    init(_ evaluation: Evaluation, vocabulary: Vocabulary, language: Language, brief: Bool = false) {
        let policy = evaluation.policy
        let describe = Describer(vocabulary: vocabulary, policy: policy, language: language)
        let notes = NoteWords(policy: policy, vocabulary: vocabulary, language: language)
        let heading = { (key: Words.Heading) in Words.heading(key, language) }
        self.language = language
        self.brief = brief
        title = "《\(policy.document.title)》\(policy.document.number)" + Words.parenthesised(Self.standing(policy, evaluation.asOf, language), language)
            + (evaluation.procedure.id == Procedure.application ? "" : " — \(evaluation.procedure.label.text(language))")
        warnings = evaluation.warnings.map { $0.text(language) }
        let applicant = Self.applicant(evaluation, vocabulary, describe)
        applicantName = applicant.name ?? evaluation.profileSource
        jurisdiction = policy.document.jurisdiction?.text(language) ?? policy.id
        header = applicant.rows + [(heading(.region), jurisdiction)]
        if let day = Self.procedureDay(evaluation, describe) { header.append(day) }
        header += [(heading(.profile), evaluation.profileSource), (heading(.asOf), evaluation.asOf.description),
                   (heading(.scope), notes.words(evaluation.scopeLabel.text(language)))]
        if let note = evaluation.scopeNote, !brief { header.append((heading(.note), notes.words(note.text(language)))) }
        verdict = evaluation.verdict
        decision = evaluation.procedure.verdictLabels[evaluation.verdict]?.text(language) ?? Words.verdict(evaluation.verdict, language)
        decisionLine = Words.labelled(heading(.decision), decision, language)
        scopeNotice = evaluation.scope.status == .unknown ? heading(.scopeUnknown) : nil
        scopeEvidence = evaluation.scope.status == .pass ? [] : evaluation.scope.evidence.compactMap(describe.evidence)
        stages = evaluation.stages.map { stage in
            // A stage not reached has no outcome, and no day it was judged on.
            guard stage.reached else { return (stage.stage.label.text(language), heading(.notReached)) }
            var text = ""
            if let outcome = stage.outcome { text += outcome.label.text(language) } else {
                text += heading(.undetermined)
                if let atLeast = stage.atLeast { text += Words.separator(language) + "\(heading(.atLeast)) \(atLeast.label.text(language))" }
            }
            if let day = stage.judgedOn { text += " — " + Self.judgedOn(day, policy, language) }
            return (stage.stage.label.text(language), text)
        }
        // Out of scope: the provisions that say whom the text speaks to, cited like a failed rule.
        let scopeReasons = evaluation.scope.status == .fail
            ? evaluation.scopeProvisions.map { "\(describe.citation($0.citation))「\($0.quote)」" } : []
        reasons = scopeReasons + evaluation.rules.filter { $0.status == .fail }.map { result in
            "\(describe.citation(result.rule.citation))  \(result.rule.explanation.text(language))"
                + (result.passesFrom.map { Words.parenthesised(Words.labelled(heading(.passesFrom), $0.description, language), language) } ?? "")
        }
        let citationOf = Dictionary(evaluation.rules.map { ($0.rule.id, describe.citation($0.rule.citation)) }, uniquingKeysWith: { first, _ in first })
        earliest = evaluation.earliest.map { earliest in
            let cited = earliest.rules.map { citationOf[$0] ?? $0 }.joined(separator: Words.listSeparator(language))
            return earliest.date.map { Words.labelled(heading(.earliest), "\($0)", language) + Words.parenthesised(cited, language) }
                ?? Words.labelled(heading(.notTimeOnly), cited, language)
        }
        sections = brief ? [] : evaluation.procedure.kinds.compactMap { kind in
            let results = evaluation.rules.filter { $0.rule.kind == kind.id }
            guard !results.isEmpty else { return nil }
            let stage = evaluation.stages.first { $0.stage.id == kind.stage }
            return Section(title: kind.label.text(language),
                           rules: results.filter { $0.status != .notApplicable }.map { Self.rule($0, describe, notes) },
                           notApplicable: results.filter { $0.status == .notApplicable }.map { describe.citation($0.rule.citation) },
                           notReached: stage?.reached == false ? heading(.sectionNotReached) : nil)
        }
        deadlines = evaluation.deadlines.map { result in
            Deadline(label: result.deadline.label.text(language),
                     value: result.value.map { describe.value($0, definition: nil) } ?? heading(.unknown),
                     marks: (result.isApproximate ? " ≈" : "") + (result.hasPassed ? " \(heading(.passed))" : ""),
                     citation: describe.citation(result.deadline.citation), quote: result.deadline.quote,
                     context: result.deadline.superseded.map { ["\(heading(.replaces)) \(describe.citation($0.citation))「\($0.quote)」"] } ?? [],
                     // The short view gives the date and its article, not how it was counted; an
                     // approximate date still says why it is approximate.
                     evidence: brief ? (result.isApproximate ? ["≈ " + heading(.approximate)] : [])
                                     : result.evidence.compactMap(describe.evidence),
                     note: brief ? nil : result.deadline.note.map { notes.words($0.text(language)) })
        }
        questions = evaluation.questions.map { Self.question($0, vocabulary, describe, language) }
    }

    /// The applicant's name and type, from the facts the vocabulary marks with those roles.
    private static func applicant(_ evaluation: Evaluation, _ vocabulary: Vocabulary, _ describe: Describer) -> (name: String?, rows: [(String, String)]) {
        var name: String?
        var rows: [(String, String)] = []
        for role in FactDefinition.Role.allCases {
            guard let fact = vocabulary.facts.first(where: { $0.role == role }) else { continue }
            let value = evaluation.profile.facts[fact.path]
            if role == .applicantName, case .text(let text)? = value { name = text.escapingControls }
            let shown = value.map { describe.value($0, definition: fact.path, withID: false) } ?? Words.heading(.absent, describe.language)
            rows.append((fact.label.text(describe.language), role == .applicantName ? name ?? shown : shown))
        }
        return (name, rows)
    }

    /// The day the procedure's first stage is judged on (the application's day), by its label.
    private static func procedureDay(_ evaluation: Evaluation, _ describe: Describer) -> (String, String)? {
        guard let name = evaluation.procedure.stages.first?.judgedOn, let date = evaluation.policy.date(name) else { return nil }
        if let day = evaluation.stages.first?.judgedOn, !day.isFallback { return (date.label.text(describe.language), day.date.description) }
        let fact = date.value.facts.sorted().first
        let value = fact.flatMap { evaluation.profile.facts[$0] }
        return (date.label.text(describe.language), value.map { describe.value($0, definition: fact) } ?? Words.heading(.absent, describe.language))
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

    private static func rule(_ result: RuleResult, _ describe: Describer, _ notes: NoteWords) -> Rule {
        let language = describe.language
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
                    id: language == .en ? result.rule.id : nil, quote: result.rule.quote, context: context,
                    evidence: result.evidence.compactMap(describe.evidence), missing: missing,
                    passesFrom: result.passesFrom?.description,
                    // A waived rule was not read at all: the reading its note defends does not bear on this applicant.
                    note: result.status == .waived ? nil : result.rule.note.map { notes.words($0.text(language)) })
    }

    /// A missing fact as a question to the applicant: its label, the kind of answer
    /// (with the unit), the allowed values by their labels, and the form field.
    private static func question(_ path: String, _ vocabulary: Vocabulary, _ describe: Describer, _ language: Language) -> String {
        guard let fact = vocabulary.definition(definitionPath(path)) else { return path }
        var text = describe.label(path: path, definition: fact.path) + (language == .zh ? "？" : "?")
        var hint = Words.typeHint(fact.type, language)
        if let unit = fact.unit { hint += Words.listSeparator(language) + unit.text(language) }
        text += Words.parenthesised(hint, language)
        if !fact.values.isEmpty {
            text += " " + Words.labelled(Words.heading(.allowed, language), fact.values.map { $0.label.text(language) }.joined(separator: Words.listSeparator(language)), language)
        }
        if let form = fact.form { text += " — " + Words.labelled(Words.heading(.form, language), form, language) }
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
