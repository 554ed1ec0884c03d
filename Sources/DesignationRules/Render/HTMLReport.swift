/// The evaluation as one self-contained XHTML page: no external assets, no script,
/// laid out to print on A4. Well-formed XML, so that other tools (and the tests) can parse it.
public struct HTMLReport: Sendable {
    public let vocabulary: Vocabulary
    public let language: Language
    public let brief: Bool

    public init(vocabulary: Vocabulary, language: Language, brief: Bool = false) {
        self.vocabulary = vocabulary
        self.language = language
        self.brief = brief
    }

    static let style = """
    @page { size: A4; margin: 18mm 16mm; }
    body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; max-width: 180mm; margin: 0 auto; }
    h1 { font-size: 15pt; margin: 0 0 4pt; } h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; break-after: avoid; }
    .warning { border: 1.5pt solid #b35900; padding: 4pt 8pt; font-weight: bold; }
    .decision { font-size: 13pt; font-weight: bold; padding: 4pt 8pt; border-left: 5pt solid #555; }
    .eligible { border-color: #1a7f37; } .ineligible { border-color: #c62828; } .incomplete, .deferred, .undetermined, .out-of-scope { border-color: #b35900; }
    table { border-collapse: collapse; width: 100%; } td, th { border: 0.5pt solid #999; padding: 2pt 5pt; text-align: left; vertical-align: top; }
    th { white-space: nowrap; width: 1%; font-weight: bold; background: #f3f3f3; }
    .rule { break-inside: avoid; margin: 5pt 0; padding-left: 6pt; border-left: 3pt solid #ccc; }
    .rule.pass { border-color: #1a7f37; } .rule.fail { border-color: #c62828; } .rule.unknown { border-color: #b35900; }
    .status { font-weight: bold; } .quote { color: #333; margin: 1pt 0 1pt 10pt; } .id { color: #777; font-size: 8.5pt; }
    ul { margin: 1pt 0; padding-left: 16pt; } li { margin: 0; }
    .applicant { font-size: 12pt; font-weight: bold; }
    @media print { a { color: inherit; text-decoration: none; } }
    """

    /// Every printed page's header (whose report, where, the decision) and its number.
    /// The caption is a CSS string: each character that CSS or XML would read (a quote,
    /// a backslash, `<`, `&`, a control character) is written as a CSS escape, so the
    /// style reads the same parsed as HTML or as XML.
    static func pageStyle(_ caption: String) -> String {
        var text = ""
        for scalar in caption.unicodeScalars {
            if "\"\\<>&".unicodeScalars.contains(scalar) || scalar.value < 0x20 || scalar.value == 0x7F {
                text += "\\" + String(scalar.value, radix: 16) + " "
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        return "@page { @top-center { content: \"\(text)\"; font-size: 8.5pt; color: #555; }"
            + " @bottom-center { content: counter(page) \" / \" counter(pages); font-size: 8.5pt; color: #555; } }"
    }

    public func render(_ evaluation: Evaluation) -> String {
        let model = ReportModel(evaluation, vocabulary: vocabulary, language: language, brief: brief)
        // Whose report, where, and its decision: tells one page from another in a browser's
        // tabs and on every printed page.
        let caption = [model.applicantName, model.jurisdiction, model.decision].joined(separator: " — ")
        var html = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!DOCTYPE html>",
            #"<html xmlns="http://www.w3.org/1999/xhtml" lang="\#(language == .zh ? "zh-CN" : "en")">"#,
            "<head><meta charset=\"UTF-8\"/><title>\(escape(caption))</title><style>\(Self.style)\n\(Self.pageStyle(caption))</style></head>",
            "<body>",
            "<h1>\(escape(model.title))</h1>",
        ]
        html += model.warnings.map { "<p class=\"warning\">\(escape(model.labelled(model.heading(.warning), $0)))</p>" }
        html.append("<table>" + model.header.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined() + "</table>")
        html.append("<p class=\"decision \(model.verdict.rawValue)\">\(escape(model.decisionLine))</p>")
        if let notice = model.scopeNotice { html.append("<p>\(escape(notice))</p>") }
        html.append(list(model.scopeEvidence))
        if !model.stages.isEmpty {
            html.append("<table>" + model.stages.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined() + "</table>")
        }
        if !model.reasons.isEmpty {
            html.append("<h2>\(escape(model.heading(.reasons)))</h2>")
            html.append(list(model.reasons.map { "✗ " + $0 }))
        }
        if let earliest = model.earliest { html.append("<p>\(escape(earliest))</p>") }
        if !model.questions.isEmpty {
            html.append("<h2>\(escape(model.heading(.questions)))</h2>")
            html.append("<ol>" + model.questions.map { "<li>\(escape($0))</li>" }.joined() + "</ol>")
        }
        for section in model.sections {
            html.append("<h2>\(escape(section.title))</h2>")
            if let notReached = section.notReached { html.append("<p class=\"warning\">\(escape(notReached))</p>") }
            for rule in section.rules {
                html.append("<div class=\"rule \(rule.status.rawValue)\">")
                html.append("<div><span class=\"status\">\(escape(rule.statusText))</span> \(escape(rule.citation)) \(escape(rule.explanation))" + (rule.id.map { " <span class=\"id\">\(escape($0))</span>" } ?? "") + "</div>")
                html.append("<div class=\"quote\">「\(escape(rule.quote))」</div>")
                var items = rule.context + rule.evidence
                if let missing = rule.missing { items.append(model.labelled(model.heading(.missing), missing)) }
                if let date = rule.passesFrom { items.append(model.labelled(model.heading(.passesFrom), date)) }
                if let note = rule.note { items.append(model.labelled(model.heading(.note), note)) }
                html.append(list(items))
                html.append("</div>")
            }
            if !section.notApplicable.isEmpty { html.append("<p class=\"id\">\(escape(notApplicableSummary(section, language)))</p>") }
        }
        if !model.deadlines.isEmpty {
            html.append("<h2>\(escape(model.heading(.deadlines)))</h2>")
            for deadline in model.deadlines {
                html.append("<div class=\"rule\"><div><span class=\"status\">\(escape(deadline.label))</span>\(escape(model.labelled("", deadline.value)))\(escape(deadline.marks)) — \(escape(deadline.citation))</div>")
                html.append("<div class=\"quote\">「\(escape(deadline.quote))」</div>")
                html.append(list(deadline.context + deadline.evidence + (deadline.note.map { [model.labelled(model.heading(.note), $0)] } ?? [])))
                html.append("</div>")
            }
        }
        html += ["</body>", "</html>"]
        return html.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }

    private func list(_ items: [String]) -> String {
        items.isEmpty ? "" : "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
    }

    private func escape(_ text: String) -> String { xmlEscaped(text) }
}
