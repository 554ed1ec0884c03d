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
    /// Where the citation is written in its policy file; not part of its identity.
    public var location: SourceLocation?

    public static func == (lhs: Citation, rhs: Citation) -> Bool {
        lhs.document == rhs.document && lhs.parts == rhs.parts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(document)
        hasher.combine(parts)
    }

    private var parts: [String?] { [annex, section, article, paragraph, point, item] }

    /// The citation as a reader would write it: annex, section, article, paragraph, item.
    public var text: String {
        [annex, section, article, paragraph, point.map { $0 + "." }, item].compactMap { $0 }.joined()
    }

    static let numeral = TextShape.run(Array("〇零一二三四五六七八九十百".unicodeScalars))
    static let digits = TextShape.run(Array("0123456789".unicodeScalars))
    /// Expected shapes of each part, as printed in the texts.
    static let formats: [(key: String, shape: TextShape.Matcher, example: String)] = [
        ("article", TextShape.sequence([.literal("第"), numeral, .literal("条")]).matcher, "第N条, N in Chinese numerals as printed"),
        ("paragraph", TextShape.sequence([.literal("第"), numeral, .literal("款")]).matcher, "第N款"),
        ("item", TextShape.sequence([.literal("（"), .either(numeral, digits), .literal("）")]).matcher, "（N）, full-width brackets"),
        ("point", digits.matcher, "3 for a point printed \"3.\""),
        ("section", TextShape.sequence([numeral, .optional(.sequence([.literal("（"), numeral, .literal("）")]))]).matcher, "N or N（M）"),
        ("annex", TextShape.sequence([.literal("附件"), digits, .optional(.sequence([.literal("-"), digits]))]).matcher, "附件2-1"),
    ]
}

extension Citation {
    /// A citation from its parts in the order of `formats` (nil: the part is absent).
    init(document: String, formatParts parts: [String?], location: SourceLocation?) {
        self.init(document: document, article: parts[0], paragraph: parts[1], item: parts[2],
                  point: parts[3], section: parts[4], annex: parts[5], location: location)
    }
}
