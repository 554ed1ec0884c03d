import Foundation

/// Checks every citation of a policy against its official text (`document.source`, under
/// the policies folder) read as structure (`SourceText`): the unit cited exists, the
/// quoted wording (white space and line breaks ignored, which the PDF extraction
/// scatters) is inside it, and the citation goes down to the smallest numbered unit
/// that holds the quote (第八条（八）1., not 第八条（八）).
struct QuoteChecker {
    let directory: URL
    let diagnostics: DiagnosticCollector

    /// Checks the items a policy file itself cites (not those it inherits), against its own
    /// text or, where a citation names another document (`document: "national"`), against the
    /// text of the policy it extends that has that id.
    func check(_ policy: Policy, extending ancestors: [Policy] = [], fileLocation: SourceLocation) {
        guard let path = policy.document.source else {
            diagnostics.error("no-source", at: fileLocation, "`document.source` is missing: name the official text under sources/ so that quotes can be checked")
            return
        }
        guard let own = SourceText.load(path, under: directory, document: policy.id, diagnostics: diagnostics) else {
            diagnostics.error("no-source", at: fileLocation, "the official text `\(path)` cannot be read; expected a UTF-8 file under the policies folder")
            return
        }
        var texts: [String: (SourceText, String)?] = [policy.id: (own, path)]
        func text(of document: String) -> (SourceText, String)? {
            if let known = texts[document] { return known }
            let source = ancestors.first { $0.id == document }.flatMap { ancestor in
                ancestor.document.source.flatMap { path in
                    SourceText.load(path, under: directory, document: document, diagnostics: DiagnosticCollector()).map { ($0, path) }
                }
            }
            texts[document] = source
            return source
        }
        var quotes: [(Citation, String)] = policy.parameters.map { ($0.citation, $0.quote) }
        quotes += policy.rules.map { ($0.citation, $0.quote) }
        quotes += policy.rules.flatMap { rule in rule.alternatives.map { ($0.citation, $0.quote) } }
        // A rule's `also_cites` are proven by text coverage (TextCoverage), which counts them.
        quotes += policy.deadlines.map { ($0.citation, $0.quote) }
        quotes += policy.waivers.map { ($0.citation, $0.quote) }
        quotes += policy.dates.map { ($0.citation, $0.quote) }
        quotes += (policy.scopeProvisions + policy.procedures.flatMap { $0.scope?.provisions ?? [] }).map { ($0.citation, $0.quote) }
        // Where a citation or its quote is wrong, its numbers are not compared: the quote is
        // what to put right first.
        var unproven: Set<SourceLocation> = []
        // The parameters come with the inherited ones, which their own file checks.
        for (citation, quote) in quotes where citation.location?.file == fileLocation.file {
            guard let (source, path) = text(of: citation.document) else {
                diagnostics.error("no-such-unit", at: citation.location,
                                  "\(citation.text) cites document `\(citation.document)`, which is neither this policy nor one it extends (\(([policy] + ancestors).map(\.id).joined(separator: ", ")))")
                continue
            }
            if !check(citation, quote, in: source, path: path), let location = citation.location { unproven.insert(location) }
        }
        checkNumbers(policy, in: fileLocation.file, skipping: unproven)
    }

    /// A notice cites the form it prints, with no quote: the form must be a unit of the text
    /// it names (this policy's, or one it extends). Checks the notices written in `file`.
    func checkNotices(of policy: Policy, extending ancestors: [Policy], file: String) {
        for notice in policy.notices {
            guard let citation = notice.citation, citation.location?.file == file else { continue }
            guard let owner = ([policy] + ancestors).first(where: { $0.id == citation.document }),
                  let path = owner.document.source,
                  let text = SourceText.load(path, under: directory, document: owner.id, diagnostics: DiagnosticCollector()) else {
                diagnostics.error("no-such-unit", at: citation.location,
                                  "notice `\(notice.id)` cites \(citation.text) of `\(citation.document)`, whose official text is neither this policy's nor one it extends (\(([policy] + ancestors).map(\.id).joined(separator: ", ")))")
                continue
            }
            if case .failure(let problem) = text.unit(citedBy: citation) {
                diagnostics.error("no-such-unit", at: citation.location, "notice `\(notice.id)` cites \(citation.text), which does not exist in \(path): \(problem.message)")
            }
        }
    }

    /// The numbers of the items written in `file` against their quotes.
    private func checkNumbers(_ policy: Policy, in file: String, skipping unproven: Set<SourceLocation>) {
        let numbers = NumberChecker(diagnostics: diagnostics)
        func proven(_ citation: Citation) -> Bool { citation.location.map { !unproven.contains($0) } ?? true }
        for parameter in policy.parameters where parameter.citation.location?.file == file && proven(parameter.citation) {
            numbers.check(parameter.value, of: "parameter `\(parameter.name)`", quote: parameter.quote, at: parameter.citation.location)
        }
        for rule in policy.rules where rule.location.file == file {
            for expression in [rule.test, rule.appliesIf].compactMap({ $0 }) where rule.alternatives.isEmpty && proven(rule.citation) {
                for (value, nearby) in NumberChecker.numbers(in: expression) {
                    numbers.check(value, of: "a number of rule `\(rule.id)`", quote: rule.quote, nearby: nearby, at: expression.location)
                }
            }
            for alternative in rule.alternatives where proven(alternative.citation) {
                for (value, nearby) in NumberChecker.numbers(in: alternative.test) {
                    numbers.check(value, of: "a number of rule `\(rule.id)` (\(alternative.citation.text))", quote: alternative.quote,
                                  nearby: nearby, at: alternative.test.location)
                }
            }
        }
        for deadline in policy.deadlines where deadline.location.file == file && proven(deadline.citation) {
            for (value, nearby) in NumberChecker.numbers(in: deadline.value) {
                numbers.check(value, of: "a number of deadline `\(deadline.id)`", quote: deadline.quote, nearby: nearby, at: deadline.value.location)
            }
        }
    }

    /// Whether the citation is proven; reports why not.
    @discardableResult
    private func check(_ citation: Citation, _ quote: String, in text: SourceText, path: String) -> Bool {
        let squeezed = SourceTextReader.squeezed(quote)
        guard !squeezed.isEmpty else {
            diagnostics.error("empty-quote", at: citation.location, "the quote of \(citation.text) is empty")
            return false
        }
        let places = text.placesOf(squeezed)
        let cited: Int
        switch text.unit(citedBy: citation) {
        case .success(let unit): cited = unit
        case .failure(let problem):
            let found = places.isEmpty ? "" : "; its quote is in \(places.map(text.place).joined(separator: " and "))"
            diagnostics.error("no-such-unit", at: citation.location, "\(citation.text) does not exist in \(path): \(problem.message)\(found)")
            return false
        }
        guard !places.isEmpty else {
            let source = String(String.UnicodeScalarView(text.squeezed))
            let matched = Self.longestPrefix(of: squeezed, in: source)
            var message = "the quoted wording of \(citation.text) does not occur in \(path): 「\(quote)」"
            message += matched.isEmpty
                ? "; not even its first character matches"
                : "; the text matches up to 「\(matched.suffix(12))」 and then differs at 「\(squeezed.dropFirst(matched.count).prefix(12))」"
            diagnostics.error("quote-not-in-source", at: citation.location, message)
            return false
        }
        var deeper: Int?
        for place in places {
            let chain = text.chain(from: place)
            guard let position = chain.firstIndex(of: cited) else { continue }
            // The numbered units between the quote and the unit cited: the text numbers the
            // quote more closely than the citation does.
            guard let numbered = chain[..<position].first(where: { text.units[$0].isNumbered }) else { return true }
            deeper = deeper ?? numbered
        }
        if let deeper {
            diagnostics.error("citation-stops-short", at: citation.location,
                              "the quote of \(citation.text) is in \(text.place(deeper)), which the text numbers: cite \(text.place(deeper))")
        } else {
            let actual = places.map(text.place)
            diagnostics.error("quote-in-other-unit", at: citation.location,
                              "the quote cited as \(citation.text) is not in \(citation.text) but in \(actual.joined(separator: " and ")) of \(path): 「\(quote)」")
        }
        return false
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
