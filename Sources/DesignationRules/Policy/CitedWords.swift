/// A further provision something encodes, beside its own citation: what a scope rests on
/// (whom the text, or a procedure, speaks to: Beijing 一「本市」), or another unit that states
/// what a rule checks (an annex's checklist restating an article). It carries no test of
/// its own; it says which units of the text are encoded, for text coverage.
///
///     scope: { …, citations: [{ citation: { section: "一" }, quote: "本市" }] }
///     { id: "…", citation: { article: "第六条", item: "（六）" }, …,
///       also_cites: [{ citation: { annex: "附件7-1", row: "医疗机构及人员按规定参保缴费" }, quote: "…" }] }
public struct CitedWords: Sendable {
    public var citation: Citation
    public var quote: String
}

extension PolicyLoader {
    /// `citations: [{citation, quote}]` of a scope, `also_cites` of a rule; none when absent.
    func readCitedWords(_ reader: inout ObjectReader, policy: String, key: String = "citations") -> [CitedWords] {
        (reader.array(key) ?? []).compactMap { node in
            guard var entry = ObjectReader(node, "an entry of `\(key)`", diagnostics) else { return nil }
            defer { entry.finish() }
            let citation = readCitation(&entry, policy: policy)
            let quote = entry.string("quote", required: true)
            guard let citation, let quote else { return nil }
            return CitedWords(citation: citation, quote: quote)
        }
    }
}
