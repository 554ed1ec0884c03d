/// The evaluation for programs. The schema is versioned (`schema` below) and
/// documented in README.md; a change that removes or renames a key bumps it.
public struct JSONReport: Sendable {
    public static let schema = "designation-evaluation/1"
    public let vocabulary: Vocabulary
    public let language: Language

    public init(vocabulary: Vocabulary, language: Language) {
        self.vocabulary = vocabulary
        self.language = language
    }

    public func render(_ evaluation: Evaluation) -> String {
        document(evaluation).serialized() + "\n"
    }

    public func document(_ evaluation: Evaluation) -> JSONOutput {
        let policy = evaluation.policy
        let describe = Describer(vocabulary: vocabulary, policy: policy, language: language)
        return .object([
            ("schema", .string(Self.schema)),
            ("region", .string(policy.id)),
            ("document", .object([
                ("title", .string(policy.document.title)),
                ("number", .string(policy.document.number)),
                ("status", .string(policy.status.rawValue)),
            ])),
            ("as_of", .string(evaluation.asOf.description)),
            ("texts", texts(evaluation)),
            ("profile", .string(evaluation.profileSource)),
            ("applicant", applicant(evaluation)),
            ("verdict", .string(evaluation.verdict.rawValue)),
            ("warnings", .array(evaluation.warnings.map { .string($0.text(language)) })),
            ("scope", .object([
                ("text", .string(evaluation.scopeLabel.text(language))),
                ("status", .string(evaluation.scope.status.rawValue)),
                ("evidence", .array(evaluation.scope.evidence.compactMap(describe.evidence).map(JSONOutput.string))),
                // The articles whom the text speaks to rests on: the grounds of an out-of-scope verdict.
                ("provisions", .array(evaluation.scopeProvisions.map { .object([("citation", citation($0.citation)), ("quote", .string($0.quote))]) })),
            ])),
            ("stages", .array(evaluation.stages.map { stage in
                .object([
                    ("id", .string(stage.stage.id)),
                    ("reached", .bool(evaluation.reached(stage))),
                    ("outcome", stage.outcome.map { .string($0.id) } ?? .null),
                    ("at_least", stage.atLeast.map { .string($0.id) } ?? .null),
                    ("label", .string(stage.outcome?.label.text(language) ?? Words.heading(stage.reached ? .undetermined : .notReached, language))),
                    ("judged_on", stage.reached ? stage.judgedOn.map { judgedOn($0, policy) } ?? .null : .null),
                ])
            })),
            ("rules", .array(evaluation.rules.map { rule($0, describe) })),
            ("deadlines", .array(evaluation.deadlines.map { deadline($0, describe) })),
            ("questions", .array(evaluation.questions.map(question))),
            ("earliest_eligible", evaluation.earliest.map { earliest in
                .object([("date", earliest.date.map { .string($0.description) } ?? .null),
                         ("rules", .array(earliest.rules.map(JSONOutput.string)))])
            } ?? .null),
        ])
    }

    /// `{name, type, region}`: whom the report is about, from the facts the vocabulary marks
    /// with those roles (null when the profile does not give them).
    private func applicant(_ evaluation: Evaluation) -> JSONOutput {
        func fact(_ role: FactDefinition.Role) -> JSONOutput {
            guard let fact = vocabulary.facts.first(where: { $0.role == role }), let value = evaluation.profile.facts[fact.path] else { return .null }
            if case .text(let text) = value { return .string(text) }
            return .string(value.description)
        }
        let region = evaluation.policy.document.jurisdiction?.text(language) ?? evaluation.policy.id
        return .object([("name", fact(.applicantName)), ("type", fact(.applicantType)), ("region", .string(region))])
    }

    /// `{date, date_name, stood_in}`: the day, the named date it is (null: the as-of
    /// date), and whether the as-of date stood in for a named date the profile lacks.
    private func judgedOn(_ day: JudgedOn, _ policy: Policy) -> JSONOutput {
        .object([("date", .string(day.date.description)), ("date_name", day.name.map(JSONOutput.string) ?? .null),
                 ("label", .string(ReportModel.judgedOn(day, policy, language))), ("stood_in", .bool(day.isFallback))])
    }

    /// Which texts governed: `{decided_on, list: [{id, number, status, in_force, governs}]}`.
    private func texts(_ evaluation: Evaluation) -> JSONOutput {
        guard let texts = evaluation.texts else { return .null }
        return .object([
            ("decided_on", judgedOn(texts.decidedOn, evaluation.policy)),
            ("list", .array(texts.texts.map { standing in
                .object([("id", .string(standing.policy.id)), ("number", .string(standing.policy.document.number)),
                         ("status", .string(standing.policy.status.rawValue)), ("in_force", .bool(standing.inForce)),
                         ("governs", .bool(standing.governs))])
            })),
        ])
    }

    private func rule(_ result: RuleResult, _ describe: Describer) -> JSONOutput {
        .object([
            ("id", .string(result.rule.id)),
            ("kind", .string(result.rule.kind)),
            ("status", .string(result.status.rawValue)),
            ("citation", citation(result.rule.citation)),
            ("quote", .string(result.rule.quote)),
            ("explanation", .string(result.rule.explanation.text(language))),
            ("note", result.rule.note.map { .string($0.text(language)) } ?? .null),
            ("replaces", result.rule.superseded.map(superseded) ?? .null),
            ("waived_by", result.waiver.map { .object([("citation", citation($0.citation)), ("quote", .string($0.quote)),
                                                       ("explanation", .string($0.explanation.text(language)))]) } ?? .null),
            ("matched", .array(result.matched.map { .object([("citation", citation($0.citation)), ("quote", .string($0.quote))]) })),
            ("evidence", .array(result.evidence.compactMap(describe.evidence).map(JSONOutput.string))),
            ("needed", .array(result.needed.map(JSONOutput.string))),
            ("passes_from", result.passesFrom.map { .string($0.description) } ?? .null),
            ("approximate", .bool(result.isApproximate)),
            ("judged_on", result.judgedOn.map { .string($0.date.description) } ?? .null),
        ])
    }

    private func deadline(_ result: DeadlineResult, _ describe: Describer) -> JSONOutput {
        .object([
            ("id", .string(result.deadline.id)),
            ("label", .string(result.deadline.label.text(language))),
            ("value", result.value.map { .string($0.description) } ?? .null),
            ("citation", citation(result.deadline.citation)),
            ("quote", .string(result.deadline.quote)),
            ("replaces", result.deadline.superseded.map(superseded) ?? .null),
            ("evidence", .array(result.evidence.compactMap(describe.evidence).map(JSONOutput.string))),
            ("needed", .array(result.needed.map(JSONOutput.string))),
            ("approximate", .bool(result.isApproximate)),
            ("passed", .bool(result.hasPassed)),
        ])
    }

    private func superseded(_ old: Superseded) -> JSONOutput {
        .object([("id", .string(old.id)), ("citation", citation(old.citation)), ("quote", .string(old.quote))])
    }

    private func citation(_ citation: Citation) -> JSONOutput {
        var members: [(String, JSONOutput)] = [("document", .string(citation.document))]
        for (key, value) in [("annex", citation.annex), ("section", citation.section), ("article", citation.article),
                             ("paragraph", citation.paragraph), ("point", citation.point), ("item", citation.item)] {
            if let value { members.append((key, .string(value))) }
        }
        members.append(("text", .string(citation.text)))
        return .object(members)
    }

    private func question(_ path: String) -> JSONOutput {
        let fact = vocabulary.definition(definitionPath(path))
        return .object([
            ("fact", .string(path)),
            ("label", .string(fact?.label.text(language) ?? path)),
            ("type", .string(fact.map { "\($0.type)" } ?? "unknown")),
            ("allowed", .array((fact?.values ?? []).map { .string($0.id) })),
            ("form", fact?.form.map(JSONOutput.string) ?? .null),
        ])
    }
}
