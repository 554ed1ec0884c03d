import Foundation

/// The official text with each unit marked as the policies account for it
/// (`policy coverage --text REGION`): encoded by which rules, declared not encoded and why,
/// accounted for through its parts, or neither; with the counts of each chapter (annex,
/// section) and of the whole text. As plain text, or as HTML with the law beside the rules.
public struct TextCoverageReport: Sendable {
    public let coverage: TextCoverage
    /// The text's title, for the heading.
    public let title: String

    public init(_ coverage: TextCoverage, title: String) {
        self.coverage = coverage
        self.title = title
    }

    private var text: SourceText { coverage.text }

    static func mark(_ status: TextCoverage.Status) -> String {
        switch status {
        case .encoded: "✓"
        case .declared: "="
        case .throughParts: "~"
        case .unaccounted: "✗"
        }
    }

    /// What accounts for a unit, in words.
    static func detail(_ status: TextCoverage.Status) -> String {
        switch status {
        case .encoded(let citing): "encoded by " + citing.map(\.name).joined(separator: ", ")
        case .declared(let entry): "not encoded, \(entry.kind.words) (\(entry.citation.text)): \(entry.reason) 「\(entry.quote)」"
        case .throughParts: "through its parts"
        case .unaccounted: "NEITHER encoded nor declared"
        }
    }

    static func summary(_ tally: TextCoverage.Tally) -> String {
        let percent = tally.total == 0 ? 100 : tally.accounted * 100 / tally.total
        return "\(tally.total) units, \(tally.accounted) accounted for (\(percent) %): \(tally.encoded) encoded, "
            + "\(tally.declared) declared not encoded, \(tally.throughParts) through their parts; \(tally.unaccounted) neither"
    }

    /// How deep a unit sits below the outermost parts, for indentation.
    private func depth(_ unit: Int) -> Int { max(0, text.chain(from: unit).count - 2) }

    /// The whole text, unit by unit, with a count after each outermost part and the total.
    public func plainText() -> String {
        var out = "Text coverage of \(title) (\(coverage.path))\n"
        out += "✓ encoded by a rule   = declared not encoded   ~ through its parts   ✗ neither\n"
        let tallies = Dictionary(coverage.tallies.map { ($0.unit!, $0) }, uniquingKeysWith: { first, _ in first })
        var top: Int?
        func closePart() {
            if let top, let tally = tallies[top] { out += "  — \(tally.title): \(Self.summary(tally))\n" }
        }
        for unit in text.units.indices {
            let chain = text.chain(from: unit)
            guard chain.count >= 2 else { continue }
            if chain[chain.count - 2] != top {
                closePart()
                top = chain[chain.count - 2]
                out += "\n"
            }
            let indent = String(repeating: "  ", count: depth(unit))
            guard let status = coverage.statuses[unit] else {
                if text.units[unit].kind == .chapter || text.units[unit].kind == .backMatter { out += "\(text.units[unit].firstWords)\n" }
                continue
            }
            // The first words start with the unit's number, except a paragraph's (counted) and a row's.
            let label = text.units[unit].kind == .paragraph ? text.units[unit].number + " " : text.units[unit].kind == .row ? "row: " : ""
            // A table's cells, separated by tabs in the text, are shown separated by " | ".
            let words = text.units[unit].firstWords.split(separator: "\t", omittingEmptySubsequences: true).joined(separator: " | ")
            out += "\(Self.mark(status)) \(indent)\(label)\(words)  — \(Self.detail(status))\n"
        }
        closePart()
        out += "\nTotal: \(Self.summary(coverage.total))\n"
        return out
    }
}

// MARK: - HTML: the law beside the rules

extension TextCoverageReport {
    /// One page: each unit of the text in the left column, its own words (a unit with parts
    /// shows the words before its first part), with what accounts for it in the right column:
    /// each rule there links to its entry in the list of everything that cites the text, and
    /// each entry links back to the unit it names.
    public func html() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="zh"><head><meta charset="utf-8"><title>Text coverage: \(xmlEscaped(title))</title>
        <style>
        body { font-family: sans-serif; margin: 1.5em; }
        table { border-collapse: collapse; width: 100%; }
        td, th { border-bottom: 1px solid #ddd; padding: .3em .5em; vertical-align: top; text-align: left; }
        td.law { width: 55%; white-space: pre-wrap; }
        tr.encoded td.mark { background: #d8f0d8; } tr.declared td.mark { background: #e4e4f4; }
        tr.throughParts td.mark { background: #eef6ee; } tr.unaccounted td.mark { background: #f8d0d0; }
        tr.unaccounted td.law { background: #fff0f0; }
        tr.heading td { font-weight: bold; background: #f4f4f4; }
        td.mark { width: 1.5em; text-align: center; } .kind { font-style: italic; } .quote { color: #555; }
        :target { outline: 2px solid #c80; }
        </style></head><body>
        <h1>Text coverage: \(xmlEscaped(title))</h1>
        <p>\(xmlEscaped(coverage.path)). \(xmlEscaped(Self.summary(coverage.total)))</p>
        <p>✓ encoded by a rule · = declared not encoded · ~ accounted for through its parts · ✗ neither</p>
        <table><tr><th></th><th>Text</th><th>Rules</th></tr>

        """
        let tallies = Dictionary(coverage.tallies.map { ($0.unit!, $0) }, uniquingKeysWith: { first, _ in first })
        for unit in text.units.indices where unit != 0 {
            if let tally = tallies[unit] {
                out += "<tr class=\"heading\"><td></td><td colspan=\"2\">\(xmlEscaped(tally.title)) — \(xmlEscaped(Self.summary(tally)))</td></tr>\n"
            }
            guard let status = coverage.statuses[unit] else {
                if tallies[unit] == nil, text.units[unit].kind == .chapter || text.units[unit].kind == .backMatter {
                    out += "<tr class=\"heading\"><td></td><td colspan=\"2\">\(xmlEscaped(ownWords(unit)))</td></tr>\n"
                }
                continue
            }
            out += "<tr class=\"\(Self.cssClass(status))\" id=\"u\(unit)\"><td class=\"mark\">\(Self.mark(status))</td>"
            out += "<td class=\"law\"><a href=\"#u\(unit)\">\(xmlEscaped(coverage.name(of: unit)))</a>\n\(xmlEscaped(ownWords(unit)))</td>"
            out += "<td>\(accounting(status))</td></tr>\n"
        }
        out += "</table>\n<h2>What cites the text</h2>\n<ul>\n"
        for (index, reach) in coverage.reaches.enumerated() {
            // Only the units the page shows: a signature inside an annex is no unit of its own.
            let units = ([reach.named] + reach.covered).filter { coverage.statuses[$0] != nil }.map { "<a href=\"#u\($0)\">\(xmlEscaped(coverage.name(of: $0)))</a>" }
            out += "<li id=\"c\(index)\"><b>\(xmlEscaped(reach.citing.name))</b> cites \(xmlEscaped(reach.citing.citation.text)): \(units.joined(separator: ", "))"
            if let quote = reach.citing.quote { out += " <span class=\"quote\">「\(xmlEscaped(quote))」</span>" }
            out += "</li>\n"
        }
        out += "</ul>\n<h2>Declared not encoded</h2>\n<ul>\n"
        for declaration in coverage.declarations {
            let target = coverage.text.unit(citedBy: declaration.citation)
            let link = (try? target.get()).map { "<a href=\"#u\($0)\">\(xmlEscaped(declaration.citation.text))</a>" } ?? xmlEscaped(declaration.citation.text)
            out += "<li>\(link): <span class=\"kind\">\(xmlEscaped(declaration.kind.words))</span> — \(xmlEscaped(declaration.reason)) <span class=\"quote\">「\(xmlEscaped(declaration.quote))」</span></li>\n"
        }
        return out + "</ul>\n</body></html>\n"
    }

    /// The unit's own lines: up to its first part (none when its first part begins on its
    /// first line, as an article's first paragraph does: the part shows them).
    private func ownWords(_ unit: Int) -> String {
        let lines = text.units[unit].lines
        let end = text.units[unit].children.first.map { text.units[$0].lines.lowerBound } ?? lines.upperBound
        return text.lines[lines.lowerBound..<min(end, lines.upperBound)]
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "\n")
    }

    /// The right column: the rules with links to their entries, or the declaration.
    private func accounting(_ status: TextCoverage.Status) -> String {
        switch status {
        case .encoded(let citing):
            return citing.map { item in
                let index = coverage.reaches.firstIndex { $0.citing.name == item.name && $0.citing.citation == item.citation } ?? 0
                var entry = "<a href=\"#c\(index)\">\(xmlEscaped(item.name))</a>"
                if let quote = item.quote { entry += " <span class=\"quote\">「\(xmlEscaped(quote))」</span>" }
                return entry
            }.joined(separator: "<br>")
        case .declared(let entry):
            return "not encoded: <span class=\"kind\">\(xmlEscaped(entry.kind.words))</span> — \(xmlEscaped(entry.reason)) <span class=\"quote\">「\(xmlEscaped(entry.quote))」</span>"
        case .throughParts: return "through its parts"
        case .unaccounted: return "<b>neither encoded nor declared</b>"
        }
    }

    static func cssClass(_ status: TextCoverage.Status) -> String {
        switch status {
        case .encoded: "encoded"
        case .declared: "declared"
        case .throughParts: "throughParts"
        case .unaccounted: "unaccounted"
        }
    }
}
