import Foundation

/// The text coverage of the shipped (or edited) policies: what cites each text, and the
/// problems `policy check` reports.
extension TextCoverage {
    /// The text coverage of policy `id`'s own text, counting what every policy of the set
    /// cites in it (a region may cite the national text); nil when the policy has no text
    /// that can be read, which the quote checker reports.
    public init?(of id: String, in policies: PolicySet) {
        guard let policy = policies.policies[id], let path = policy.document.source,
              case .success(let text) = SourceText.load(of: policy, under: policies.directory) else { return nil }
        self.init(text: text, path: path, citing: Self.citing(id, in: policies), declarations: policy.notEncoded)
    }

    /// Everything of every policy that cites document `id`, each once, in the order of the
    /// policy files (the policy itself first, then the regions by id).
    public static func citing(_ id: String, in policies: PolicySet) -> [Citing] {
        var seen: Set<String> = [], found: [Citing] = []
        let order = [id] + policies.regionIDs.filter { $0 != id }
        for policy in order.compactMap({ policies.policies[$0] }) {
            var items: [Citing] = []
            for rule in policy.rules {
                items.append(Citing(kind: .rule, id: rule.id, citation: rule.citation, quote: rule.quote))
                items += rule.alternatives.map { Citing(kind: .rule, id: rule.id, citation: $0.citation, quote: $0.quote) }
                items += rule.alsoCites.map { Citing(kind: .rule, id: rule.id, citation: $0.citation, quote: $0.quote, isCheckedHere: true) }
            }
            items += policy.parameters.map { Citing(kind: .parameter, id: $0.name, citation: $0.citation, quote: $0.quote) }
            items += policy.deadlines.map { Citing(kind: .deadline, id: $0.id, citation: $0.citation, quote: $0.quote) }
            items += policy.waivers.map { Citing(kind: .waiver, id: $0.rule, citation: $0.citation, quote: $0.quote) }
            items += policy.dates.map { Citing(kind: .date, id: $0.id, citation: $0.citation, quote: $0.quote) }
            items += policy.scopeProvisions.map { Citing(kind: .scope, id: policy.id, citation: $0.citation, quote: $0.quote) }
            for procedure in policy.procedures {
                items += (procedure.scope?.provisions ?? []).map { Citing(kind: .scope, id: procedure.id, citation: $0.citation, quote: $0.quote) }
            }
            items += policy.notices.compactMap { notice in notice.citation.map { Citing(kind: .notice, id: notice.id, citation: $0, quote: nil) } }
            for item in items where item.citation.document == id {
                // Inherited items come again with every region that extends the text.
                let key = "\(item.name)|\(item.citation.text)|\(item.quote ?? "")"
                if seen.insert(key).inserted { found.append(item) }
            }
        }
        return found
    }

    /// The problems of every text of the set: declarations that name no unit or contradict
    /// a rule (errors), and units neither encoded nor declared (warnings, errors when `strict`).
    public static func diagnostics(of policies: PolicySet, strict: Bool) -> [Diagnostic] {
        policies.regionIDs.flatMap { id in TextCoverage(of: id, in: policies)?.diagnostics(strict: strict) ?? [] }
    }
}
