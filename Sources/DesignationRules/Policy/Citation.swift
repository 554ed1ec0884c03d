/// Where a rule comes from in its source text, numbered as printed:
/// 第六条 (article), 第二款 (paragraph), （一） (item), 六 (section of a notice), 附件2-1 (annex).
public struct Citation: Sendable, Hashable {
    /// The id of the policy whose document is cited.
    public var document: String
    public var article: String?
    public var paragraph: String?
    public var item: String?
    public var section: String?
    public var annex: String?

    /// The citation as a reader would write it: 附件2-1 第六条第二款（一）.
    public var text: String {
        [annex, section, article, paragraph, item].compactMap { $0 }.joined()
    }

    static let numeral = "[〇零一二三四五六七八九十百]+"
    /// Expected shapes of each part, as printed in the texts.
    static let formats: [(key: String, pattern: String, example: String)] = [
        ("article", "^第\(numeral)条$", "第六条"),
        ("paragraph", "^第\(numeral)款$", "第二款"),
        ("item", "^（\(numeral)）$", "（一）"),
        ("section", "^\(numeral)(（\(numeral)）)?$", "六 or 六（二）"),
        ("annex", "^附件[0-9]+(-[0-9]+)?$", "附件2-1"),
    ]
}
