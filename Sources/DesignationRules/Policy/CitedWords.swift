/// A provision a scope rests on: whom the text, or a procedure, speaks to (national
/// 第一条「医疗机构」, Beijing 一「本市」). It carries no test of its own (the scope's
/// `applies_if` is the test); it says which units of the text the scope encodes.
///
///     scope: { …, citations: [{ citation: { section: "一" }, quote: "本市" }] }
public struct CitedWords: Sendable {
    public var citation: Citation
    public var quote: String
}

extension PolicyLoader {
    /// `citations: [{citation, quote}]` of a scope; none when absent.
    func readCitedWords(_ reader: inout ObjectReader, policy: String) -> [CitedWords] {
        (reader.array("citations") ?? []).compactMap { node in
            guard var entry = ObjectReader(node, "a scope's citation", diagnostics) else { return nil }
            defer { entry.finish() }
            let citation = readCitation(&entry, policy: policy)
            let quote = entry.string("quote", required: true)
            guard let citation, let quote else { return nil }
            return CitedWords(citation: citation, quote: quote)
        }
    }
}
