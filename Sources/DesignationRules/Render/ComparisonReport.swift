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
        public var cells: [(status: RuleStatus, citation: String)?]
    }

    public func rows(_ evaluations: [Evaluation]) -> [Row] {
        var order: [String] = []
        var labels: [String: String] = [:]
        var cells: [String: [(RuleStatus, String)?]] = [:]
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
                cells[family]![column] = (result.status, citation)
            }
        }
        return order.map { Row(family: $0, label: labels[$0]!, cells: cells[$0]!) }
    }

    /// A Markdown table (readable as plain text too).
    public func render(_ evaluations: [Evaluation]) -> String {
        let zh = language == .zh
        var lines = ["| \(zh ? "规则" : "Rule") | " + evaluations.map { $0.policy.id }.joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: evaluations.count)]
        lines.append("| **\(zh ? "结论" : "Decision")** | " + evaluations.map { "**\(Words.verdict($0.verdict, language))**" }.joined(separator: " | ") + " |")
        for row in rows(evaluations) {
            let cells = row.cells.map { cell in
                cell.map { "\(Words.status($0.status, language)) \($0.citation)" } ?? "—"
            }
            lines.append("| \(row.label) `\(row.family)` | " + cells.joined(separator: " | ") + " |")
        }
        return lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }
}
