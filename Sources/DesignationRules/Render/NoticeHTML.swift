/// A filled notice as one self-contained XHTML page that prints as the form: A4, the
/// source's annex number at the top left, the title, the fields in a ruled table, the
/// form's notes, and its blocks of blanks for signatures, stamps and the receipt. A note
/// for the reviewer (an approximate date) stands in the margin, marked as not part of the
/// notice, so that it cannot go out unseen.
public struct NoticeHTML: Sendable {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    static let style = """
    @page { size: A4; margin: 22mm 20mm 20mm 20mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 9pt; } }
    html { background: #fff; }
    body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", serif; font-size: 12pt; line-height: 1.6; color: #000; max-width: 166mm; margin: 0 auto; }
    .source { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 12pt; margin: 0 0 10pt; }
    h1 { font-size: 18pt; text-align: center; letter-spacing: 1pt; margin: 0 0 16pt; }
    .basis { text-align: center; margin: -10pt 0 14pt; }
    table.fields { border-collapse: collapse; width: 100%; }
    table.fields th, table.fields td { border: 0.75pt solid #000; padding: 6pt 8pt; vertical-align: middle; text-align: left; }
    table.fields th { width: 24%; font-weight: normal; text-align: center; }
    table.fields td { white-space: pre-wrap; min-height: 18pt; }
    td.blank { height: 22pt; } .hint { color: #555; }
    tr { break-inside: avoid; }
    .closing { break-inside: avoid; }
    .attachment { break-before: page; }
    @media screen { .attachment { margin-top: 24pt; padding-top: 18pt; border-top: 1pt dashed #999; } }
    .footer { margin: 10pt 0 0; }
    table.signatures { width: 100%; margin-top: 14pt; border-collapse: collapse; }
    table.signatures td { padding: 10pt 4pt 2pt; white-space: nowrap; }
    .line { display: inline-block; min-width: 26mm; border-bottom: 0.75pt solid #000; }
    .reviewer { font-family: "Noto Sans CJK SC", sans-serif; font-size: 9.5pt; border: 1.5pt dashed #b35900; background: #fff6e5; color: #6b3500; padding: 6pt 8pt; margin: 0 0 12pt; }
    .reviewer strong { display: block; }
    @media screen and (max-width: 600px) {
      body { font-size: 11pt; max-width: none; margin: 0 8px; }
      table.fields th { width: 30%; } .line { min-width: 18mm; }
      table.signatures td { display: block; white-space: normal; }
    }
    """

    /// The page; its title names the form and whom it is to, so that saved or printed
    /// pages can be told apart.
    public func render(_ form: NoticeReport.Form, reviewerHeading: String) -> String {
        let pageTitle = [form.title, form.subject].compactMap { $0 }.joined(separator: " — ")
        var html = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!DOCTYPE html>",
            #"<html xmlns="http://www.w3.org/1999/xhtml" lang="\#(language == .zh ? "zh-CN" : "en")">"#,
            #"<head><meta charset="UTF-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>"#
                + "<title>\(xmlEscaped(pageTitle))</title><style>\(Self.style)</style></head>",
            "<body>",
        ]
        let notes = ([form] + form.attachments).flatMap(\.reviewerNotes)
        if !notes.isEmpty {
            html.append("<aside class=\"reviewer\"><strong>\(xmlEscaped(reviewerHeading))</strong>"
                + notes.map { "<div>\(xmlEscaped($0))</div>" }.joined() + "</aside>")
        }
        html += page(form)
        for attachment in form.attachments { html += ["<section class=\"attachment\">"] + page(attachment) + ["</section>"] }
        html += ["</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }

    /// One form: its source, title, fields, notes and blocks for the hand.
    private func page(_ form: NoticeReport.Form) -> [String] {
        var html: [String] = []
        if let source = form.source, form.sourceIsAnnex { html.append("<p class=\"source\">\(xmlEscaped(source))</p>") }
        html.append("<h1>\(xmlEscaped(form.title))</h1>")
        if let source = form.source, !form.sourceIsAnnex { html.append("<p class=\"basis\">（\(xmlEscaped(source))）</p>") }
        html.append("<table class=\"fields\">")
        for field in form.fields {
            let cell = field.value.isEmpty
                ? "<td class=\"blank\">\(field.hint.map { "<span class=\"hint\">\(xmlEscaped($0))</span>" } ?? "")</td>"
                : "<td>\(xmlEscaped(field.value))</td>"
            html.append("<tr><th>\(xmlEscaped(field.label))</th>\(cell)</tr>")
        }
        html.append("</table>")
        // The form's notes and its blocks of blanks stay together, on the page of the last field or the next.
        html.append("<div class=\"closing\">")
        html += form.footer.map { "<p class=\"footer\">\(xmlEscaped($0))</p>" }
        if !form.signatures.isEmpty {
            html.append("<table class=\"signatures\">" + form.signatures.map { row in
                "<tr>" + row.map { "<td>\(xmlEscaped($0))：<span class=\"line\"> </span></td>" }.joined() + "</tr>"
            }.joined() + "</table>")
        }
        html.append("</div>")
        return html
    }
}
