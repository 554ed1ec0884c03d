import Foundation
import Testing
@testable import DesignationRules

@Suite struct TextShapeTests {
    /// The regular expressions the citation shapes replaced, by part.
    static let patterns: [String: String] = {
        let numeral = "[〇零一二三四五六七八九十百]+"
        return [
            "article": "^第\(numeral)条$", "paragraph": "^第\(numeral)款$", "item": "^（(\(numeral)|[0-9]+)）$",
            "point": "^[0-9]+$", "occurrence": "^[0-9]+$", "section": "^\(numeral)(（(\(numeral)|[0-9]+)）)?$",
            "annex": "^附件[0-9]+(-[0-9]+)?$",
        ]
    }()

    @Test func citationShapesAgreeWithTheRegularExpressionsTheyReplaced() {
        let pieces = ["第", "条", "款", "一", "十", "百", "〇", "（", "）", "(", "3", "12", "-", "附件", "x", " ", "\n", "\r\n", "\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", "第一条", "第十二条\n", "（三）", "（3）", "一（二）", "附件2-1", "附件2-", "附件-1", "3", "第条", "一（）"]
        for _ in 0..<1_000 {
            texts.append((0..<Int.random(in: 1...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for part in Citation.Part.allCases {
            guard let shape = part.shape else { continue }
            let regex = try! NSRegularExpression(pattern: Self.patterns[part.rawValue]!)
            for text in texts {
                let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(shape.matches(text) == expected, "\(part.rawValue) \(text.debugDescription)")
            }
        }
    }
}
