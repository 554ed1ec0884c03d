import Foundation

/// Checks that every quoted wording occurs in the official text the policy names
/// (`document.source`, under the policies folder), ignoring white space and line
/// breaks, which the PDF extraction scatters.
struct QuoteChecker {
    let directory: URL
    let diagnostics: DiagnosticCollector

    /// Checks the items a policy file itself cites (not those it inherits).
    func check(_ policy: Policy, fileLocation: SourceLocation) {
        guard let path = policy.document.source else {
            diagnostics.error("no-source", at: fileLocation, "`document.source` is missing: name the official text under sources/ so that quotes can be checked")
            return
        }
        let url = directory.appendingPathComponent(path)
        guard !path.contains(".."), let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.error("no-source", at: fileLocation, "the official text `\(path)` cannot be read; expected a UTF-8 file under the policies folder")
            return
        }
        let source = Self.squeezed(String(decoding: data, as: UTF8.self))
        var quotes: [(Citation, String)] = policy.parameters.map { ($0.citation, $0.quote) }
        quotes += policy.rules.map { ($0.citation, $0.quote) }
        quotes += policy.rules.flatMap { rule in rule.alternatives.map { ($0.citation, $0.quote) } }
        quotes += policy.deadlines.map { ($0.citation, $0.quote) }
        quotes += policy.waivers.map { ($0.citation, $0.quote) }
        quotes += (policy.scopeProvisions + policy.procedures.flatMap { $0.scope?.provisions ?? [] }).map { ($0.citation, $0.quote) }
        for (citation, quote) in quotes where citation.document == policy.id {
            let squeezed = Self.squeezed(quote)
            guard !squeezed.isEmpty else {
                diagnostics.error("empty-quote", at: citation.location, "the quote of \(citation.text) is empty")
                continue
            }
            if source.contains(squeezed) { continue }
            let matched = Self.longestPrefix(of: squeezed, in: source)
            var message = "the quoted wording of \(citation.text) does not occur in \(path): 「\(quote)」"
            message += matched.isEmpty
                ? "; not even its first character matches"
                : "; the text matches up to 「\(matched.suffix(12))」 and then differs at 「\(squeezed.dropFirst(matched.count).prefix(12))」"
            diagnostics.error("quote-not-in-source", at: citation.location, message)
        }
    }

    static func squeezed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    /// The longest start of `quote` that occurs somewhere in `source`.
    static func longestPrefix(of quote: String, in source: String) -> String {
        let characters = Array(quote)
        var low = 0, high = characters.count
        while low < high {
            let middle = (low + high + 1) / 2
            if source.contains(String(characters[..<middle])) { low = middle } else { high = middle - 1 }
        }
        return String(characters[..<low])
    }
}
