import Foundation

/// One profile under every jurisdiction, side by side: the verdict of each, then one
/// row per rule family (a national rule and the regional rules that replace it; a
/// regional rule of its own), so policy staff see where the texts differ for a real
/// applicant.
public struct ComparisonReport: Sendable {
    public let policies: PolicySet
    public let language: Language

    public init(policies: PolicySet, language: Language) {
        self.policies = policies
        self.language = language
    }

    public struct Row: Sendable {
        /// The family: the id of the rule that the others replace.
        public var family: String
        public var label: String
        /// Per region (in `regions` order): status and citation, or nil when the region has no such rule.
        public var cells: [Cell?]
    }

    public struct Cell: Sendable {
        public var status: RuleStatus
        public var citation: String
        /// A refusal ground's status reads "absent / present", not pass / fail.
        public var polarity: Rule.Polarity
    }

    public func rows(_ evaluations: [Evaluation]) -> [Row] {
        var order: [String] = []
        var labels: [String: String] = [:]
        var cells: [String: [Cell?]] = [:]
        for (column, evaluation) in evaluations.enumerated() {
            let describe = Describer(vocabulary: policies.vocabulary, policy: evaluation.policy, language: language)
            for result in evaluation.rules {
                let family = result.rule.superseded?.id ?? result.rule.id
                if cells[family] == nil {
                    order.append(family)
                    labels[family] = result.rule.superseded?.text.text(language) ?? result.rule.explanation.text(language)
                    cells[family] = Array(repeating: nil, count: evaluations.count)
                }
                let citation = result.waiver.map { "→ \(describe.citation($0.citation))" } ?? describe.citation(result.rule.citation)
                cells[family]![column] = Cell(status: result.status, citation: citation, polarity: result.rule.polarity)
            }
        }
        return order.map { Row(family: $0, label: labels[$0]!, cells: cells[$0]!) }
    }

    /// The verdict the comparison exits with: over the texts whose scope takes the
    /// applicant, the strongest (ineligible, then undetermined, deferred, incomplete,
    /// eligible), as the stages of one procedure combine; out of scope only when no text takes it.
    public static func verdict(_ evaluations: [Evaluation]) -> Verdict {
        let inScope = evaluations.filter { $0.verdict != .outOfScope }
        guard !inScope.isEmpty else { return .outOfScope }
        return StagePlan.strongest(inScope.map(\.verdict))
    }

    private func name(_ evaluation: Evaluation) -> String {
        evaluation.policy.document.jurisdiction?.text(language) ?? evaluation.policy.id
    }

    private func decision(_ evaluation: Evaluation) -> String {
        evaluation.procedure.verdictLabels[evaluation.verdict]?.text(language) ?? Words.verdict(evaluation.verdict, language)
    }

    private func cellText(_ cell: Cell?) -> String {
        cell.map { "\(Words.status($0.status, polarity: $0.polarity, language)) \($0.citation)" } ?? "—"
    }

    /// A Markdown table (readable as plain text too): `format` text or markdown.
    public func render(_ evaluations: [Evaluation]) -> String {
        let zh = language == .zh
        var lines = ["| \(Words.heading(.rule, language)) | " + evaluations.map(name).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: evaluations.count)]
        lines.append("| **\(Words.heading(.decision, language))** | " + evaluations.map { "**\(decision($0))**" }.joined(separator: " | ") + " |")
        for row in rows(evaluations) {
            lines.append("| \(row.label)" + (zh ? "" : " `\(row.family)`") + " | " + row.cells.map(cellText).joined(separator: " | ") + " |")
        }
        return lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }

    /// Schema `designation-comparison/1`: each text's verdict, then the rows.
    public func json(_ evaluations: [Evaluation]) -> String {
        let regions = evaluations.map { $0.policy.id }
        return JSONOutput.object([
            ("schema", .string("designation-comparison/1")),
            ("verdict", .string(Self.verdict(evaluations).rawValue)),
            ("texts", .array(evaluations.map { evaluation in
                .object([("region", .string(evaluation.policy.id)), ("name", .string(name(evaluation))),
                         ("verdict", .string(evaluation.verdict.rawValue)), ("decision", .string(decision(evaluation)))])
            })),
            ("rows", .array(rows(evaluations).map { row in
                .object([("family", .string(row.family)), ("label", .string(row.label)),
                         ("cells", .object(zip(regions, row.cells).map { region, cell in
                             (region, cell.map { .object([("status", .string($0.status.rawValue)), ("citation", .string($0.citation)),
                                                          ("text", .string(Words.status($0.status, polarity: $0.polarity, language)))]) } ?? .null)
                         }))])
            })),
        ]).serialized() + "\n"
    }

    /// One self-contained XHTML page holding the table.
    public func html(_ evaluations: [Evaluation]) -> String {
        let title = Words.heading(.comparison, language)
        var html = [#"<?xml version="1.0" encoding="UTF-8"?>"#, "<!DOCTYPE html>",
                    #"<html xmlns="http://www.w3.org/1999/xhtml" lang="\#(language == .zh ? "zh-CN" : "en")">"#,
                    "<head><meta charset=\"UTF-8\"/><title>\(xmlEscaped(title))</title><style>\(HTMLReport.style)</style></head>",
                    "<body>", "<h1>\(xmlEscaped(title))</h1>", "<table>"]
        html.append("<tr><th>\(xmlEscaped(Words.heading(.rule, language)))</th>" + evaluations.map { "<th>\(xmlEscaped(name($0)))</th>" }.joined() + "</tr>")
        html.append("<tr><th>\(xmlEscaped(Words.heading(.decision, language)))</th>" + evaluations.map { "<td><b>\(xmlEscaped(decision($0)))</b></td>" }.joined() + "</tr>")
        for row in rows(evaluations) {
            html.append("<tr><th>\(xmlEscaped(row.label))</th>" + row.cells.map { "<td>\(xmlEscaped(cellText($0)))</td>" }.joined() + "</tr>")
        }
        html += ["</table>", "</body>", "</html>"]
        return html.joined(separator: "\n") + "\n"
    }
}
