/// Where a rule comes from in its source text, numbered as printed:
/// article (第N条), paragraph (第N款), item (（N）), section of a notice (N), annex (附件N-M).
public struct Citation: Sendable, Hashable {
    /// The id of the policy whose document is cited.
    public var document: String
    public var article: String?
    public var paragraph: String?
    public var item: String?
    /// A point numbered in Arabic figures, as some notices number them: 二（二）3.（8）.
    public var point: String?
    public var section: String?
    public var annex: String?
    /// Which of the articles printed under the same number is meant, counted from 1 in the
    /// order of the text (聊城 prints two 第十四条); nil where the number is printed once.
    public var occurrence: String?
    /// A row of a table (an annex's form or checklist), by the start of its first cell as
    /// printed: `监督管理`; printed 附件7-1「监督管理」.
    public var row: String?
    /// Where the citation is written in its policy file; not part of its identity.
    public var location: SourceLocation?

    public static func == (lhs: Citation, rhs: Citation) -> Bool {
        lhs.document == rhs.document && lhs.parts == rhs.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(parts)
    }

    private var parts: [String?] { [annex, section, article, occurrence, paragraph, point, item, row] }

    /// The citation as a reader would write it, from the largest unit to the smallest:
    /// annex, section, article (which of two printed alike: 第十四条〔第二处〕), paragraph,
    /// item, point (第八条（八）1.); an item in Arabic figures is a point's own item and
    /// follows it (二（二）3.（8）).
    public var text: String {
        let article = article.map { article in occurrence.flatMap(Int.init).map { article + "〔第\(SourceTextReader.chineseNumeral($0))处〕" } ?? article }
        let pointsItem = item.map(Citation.isArabicItem) ?? false
        let parts = [annex, section, article, paragraph, pointsItem ? nil : item, point.map { $0 + "." }, pointsItem ? item : nil,
                     row.map { "「\($0)」" }]
        return parts.compactMap { $0 }.joined()
    }

    /// Whether an item is numbered in Arabic figures, （8）: a point's item rather than an article's.
    static func isArabicItem(_ item: String) -> Bool {
        item.unicodeScalars.contains { ("0"..."9").contains($0) }
    }

    static let numeral = TextShape.run(Array("〇零一二三四五六七八九十百".unicodeScalars))
    static let digits = TextShape.run(Array("0123456789".unicodeScalars))
    /// The parts a citation may have, by their keys in a policy file.
    enum Part: String, CaseIterable {
        case article, occurrence, paragraph, item, point, section, annex, row

        /// The shape the part has as printed in the texts; nil for a row, named by its words.
        var shape: TextShape.Matcher? {
            switch self {
            case .row: nil
            case .article: Citation.articleShape
            case .occurrence: Citation.pointShape
            case .paragraph: Citation.paragraphShape
            case .item: Citation.itemShape
            case .point: Citation.pointShape
            case .section: Citation.sectionShape
            case .annex: Citation.annexShape
            }
        }

        /// An example for messages.
        var example: String {
            switch self {
            case .article: "第N条, N in Chinese numerals as printed"
            case .occurrence: "2 for the second of two articles printed with the same number"
            case .paragraph: "第N款"
            case .item: "（N）, full-width brackets"
            case .point: "3 for a point printed \"3.\""
            case .section: "N or N（M）, M in Chinese numerals or Arabic figures as printed"
            case .annex: "附件2-1"
            case .row: "监督管理, the start of the row's first cell as printed"
            }
        }
    }

    // Each part's shape, made once (a matcher is an automaton worth building once).
    private static let articleShape = TextShape.sequence([.literal("第"), numeral, .literal("条")]).matcher
    private static let paragraphShape = TextShape.sequence([.literal("第"), numeral, .literal("款")]).matcher
    private static let itemShape = TextShape.sequence([.literal("（"), .either(numeral, digits), .literal("）")]).matcher
    private static let pointShape = digits.matcher
    private static let sectionShape = TextShape.sequence([numeral, .optional(.sequence([.literal("（"), .either(numeral, digits), .literal("）")]))]).matcher
    private static let annexShape = TextShape.sequence([.literal("附件"), digits, .optional(.sequence([.literal("-"), digits]))]).matcher
}
