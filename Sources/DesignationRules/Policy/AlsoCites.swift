/// A rule's `also_cites`: further units of the text that state what the rule checks, beside
/// its own citation (an annex's checklist or form restating an article). They carry no test
/// of their own; text coverage counts them as encoded by the rule and proves their quotes.
///
///     { id: "lc-art6-6-social-insurance", citation: { article: "第六条", item: "（六）" }, …,
///       also_cites: [{ citation: { annex: "附件7-1", row: "医疗机构及人员按" }, quote: "…" }] }
extension PolicyLoader {
    /// `also_cites: [{citation, quote}]`; none when absent.
    func readAlsoCites(_ reader: inout ObjectReader, policy: String) -> [Provision] {
        (reader.array("also_cites") ?? []).compactMap { node in
            guard var entry = ObjectReader(node, "an entry of `also_cites`", diagnostics) else { return nil }
            defer { entry.finish() }
            let citation = readCitation(&entry, policy: policy)
            let quote = entry.string("quote", required: true)
            guard let citation, let quote else { return nil }
            return Provision(citation: citation, quote: quote)
        }
    }
}
