import Foundation

/// A blank profile for one region and procedure: every fact its rules can use, in the
/// vocabulary's order, each `null` with its label, type, allowed values and form field
/// as a comment. JSON5, which `evaluate` reads as it is once filled in.
public struct Template: Sendable {
    public let evaluator: Evaluator
    public let vocabulary: Vocabulary
    public let language: Language

    public init(evaluator: Evaluator, vocabulary: Vocabulary, language: Language) {
        self.evaluator = evaluator
        self.vocabulary = vocabulary
        self.language = language
    }

    /// The facts the procedure's rules, deadlines, scope and waivers read, and those
    /// reports show, in the vocabulary's order.
    public var facts: [FactDefinition] {
        let policy = evaluator.policy
        var used: Set<String> = []
        for rule in evaluator.rules {
            used.formUnion(rule.test.facts)
            used.formUnion(rule.appliesIf?.facts ?? [])
            used.formUnion(rule.shows)
        }
        for deadline in policy.deadlines where deadline.procedure == evaluator.procedure.id {
            used.formUnion(deadline.value.facts)
            used.formUnion(deadline.appliesIf?.facts ?? [])
        }
        used.formUnion(policy.waivers.compactMap(\.appliesIf).flatMap(\.facts))
        used.formUnion(evaluator.scopeTest?.facts ?? [])
        // The days the procedure's stages and rules are judged on, and the one that decides
        // which text governs.
        let days = Set((evaluator.ruleDates + [evaluator.scopeDate, evaluator.inForceDate]).compactMap { $0 })
        used.formUnion(days.flatMap { policy.dates[$0].value.facts })
        // Report-only facts of the shared vocabulary and of this region's own file.
        let files: Set<String> = ["common", policy.id]
        return vocabulary.facts.filter { fact in
            used.contains(fact.path) || (fact.isInformational && files.contains(URL(fileURLWithPath: fact.location.file).deletingPathExtension().lastPathComponent))
        }
    }

    public func render() -> String {
        let policy = evaluator.policy
        var lines = [
            "// \(policy.id) 《\(policy.document.title)》\(policy.document.number) — \(evaluator.procedure.label.text(language))",
            language == .zh
                ? "// 未知的事实保留 null（结果会列为待补充的问题）；“无”的列表填 []；日期写作 YYYY-MM-DD；选项填 id。"
                : "// Leave a fact null when it is not known (the result asks for it); write [] for none; dates YYYY-MM-DD; choices by id.",
            "{",
        ]
        for fact in facts {
            lines.append("  // \(describe(fact))")
            if case .list(.record) = fact.type {
                let fields = fact.fields.map { "\($0.name): \(describe($0, short: true))" }.joined(separator: "; ")
                lines.append("  //   " + (language == .zh ? "每项：" : "each: ") + fields)
            }
            lines.append("  \"\(fact.path)\": null,")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ fact: FactDefinition, short: Bool = false) -> String {
        var parts = [fact.label.text(language)]
        switch fact.type {
        case .enumeration, .list(.enumeration):
            let list = fact.values.map { "\($0.id)（\($0.label.text(language))）" }.joined(separator: " | ")
            let single = fact.type == .enumeration(fact.path)
            parts.append((language == .zh ? (single ? "选一项：" : "选一项或多项：") : (single ? "one of: " : "list of: ")) + list)
        case .list(.record): parts.append(language == .zh ? Words.typeHint(fact.type, language) : "list of records")
        // In Chinese the kind of answer in words (整数、张); in English the type, as staff write it.
        default: parts.append((language == .zh ? Words.typeHint(fact.type, language) : "\(fact.type)") + (fact.unit.map { Words.listSeparator(language) + $0.text(language) } ?? ""))
        }
        if !short, let form = fact.form { parts.append(form) }
        return parts.joined(separator: " — ")
    }
}
