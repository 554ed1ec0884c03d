import Foundation
import Testing
@testable import DesignationRules

/// The official texts read as structure, and citations proven against it.
@Suite struct SourceTextTests {
    /// A small text with what the real ones print: a chapter, items, points under an item,
    /// an article of two paragraphs, an article number printed twice, an annex with a table.
    static let source = """
    第一章 总则

    第一条 为了测试，制定本办法。

    第二条 申请定点应当具备以下条件：
    （一）正式运营至少3个月；
    （二）床位不少于10张。

    第三条 有下列情形之一的，不予受理：
    （一）提交材料不全的；
    （二）其他：
    1.未缴纳社保的；
    2.以弄虚作假手段申请的。
    本条所称材料，见附件1。

    第四条 本办法自发布之日起施行。

    第四条 重复编号的条文，规定期限为5个工作日。

    附件 1
    材料清单
    名称\t份数
    申请表\t1
    """

    static let text = SourceTextReader(document: "base").read(source)

    func units(_ kind: SourceText.Unit.Kind) -> [SourceText.Unit] { Self.text.units.filter { $0.kind == kind } }

    @Test func readsTheUnitsAsPrinted() {
        #expect(units(.chapter).map(\.number) == ["第一章"])
        #expect(units(.article).compactMap(\.citation?.text) == ["第一条", "第二条", "第三条", "第四条〔第一处〕", "第四条〔第二处〕"])
        // 第三条: the items belong to its first paragraph; the sentence after the last item is the second.
        #expect(units(.paragraph).compactMap(\.citation?.text) == ["第三条第一款", "第三条第二款"])
        #expect(units(.item).compactMap(\.citation?.text) == ["第二条（一）", "第二条（二）", "第三条第一款（一）", "第三条第一款（二）"])
        #expect(units(.point).compactMap(\.citation?.text) == ["第三条第一款（二）1.", "第三条第一款（二）2."])
        #expect(units(.annex).map(\.number) == ["附件1"])
        #expect(units(.row).count == 2)
        // Every unit but the whole text has a parent that lists it, and lies inside it.
        for (index, unit) in Self.text.units.enumerated().dropFirst() {
            let parent = Self.text.units[unit.parent!]
            #expect(parent.children.contains(index))
            #expect(parent.lines.lowerBound <= unit.lines.lowerBound && unit.lines.upperBound <= parent.lines.upperBound)
        }
    }

    @Test func aUnitsOwnCitationNamesIt() throws {
        for (index, unit) in Self.text.units.enumerated() {
            guard let citation = unit.citation else { continue }
            #expect(try Self.text.unit(citedBy: citation).get() == index, "\(citation.text)")
        }
    }

    @Test func citesDownToThePoint() throws {
        let unit = try Self.text.unit(citedBy: Citation(document: "base", article: "第三条", item: "（二）", point: "2")).get()
        #expect(Self.text.units[unit].firstWords.hasPrefix("2.以弄虚作假"))
    }

    @Test func anArticlePrintedTwiceNeedsItsOccurrence() throws {
        let bare = Self.text.unit(citedBy: Citation(document: "base", article: "第四条"))
        #expect(bare.failureMessage?.contains("printed 2 times (line 16 and line 18)") == true)
        let second = Self.text.unit(citedBy: Citation(document: "base", article: "第四条", occurrence: "2"))
        #expect((try? second.get()).map { Self.text.units[$0].lines.lowerBound } == 17)
        #expect(Self.text.unit(citedBy: Citation(document: "base", article: "第四条", occurrence: "3")).failureMessage?.contains("occurrence 3 does not exist") == true)
    }

    @Test func aNoticeNumbersItsItemsWithTheirSection() {
        let notice = SourceTextReader(document: "n").read("一、范围\n本市机构。\n二、条件\n（一）运营满3个月；\n1.有医师；\n（1）第一注册地在本机构。\n（二）有制度。\n（3）另行编号的一项。")
        #expect(notice.units.compactMap(\.citation?.text) == ["一", "二", "二（一）", "二（一）1.", "二（一）1.（1）", "二（二）", "二（3）"])
    }

    // MARK: - the shipped texts

    static func shipped(_ id: String) throws -> SourceText {
        try SourceText.load(of: #require(Repository.policySet.policies[id]), under: Repository.policies).get()
    }

    /// 聊城 as printed: 第一条 to 第四十条 without 第十一条, and 第十四条 twice.
    @Test func liaochengKeepsItsNumberingAsPrinted() throws {
        let articles = try Self.shipped("liaocheng").units.filter { $0.kind == .article }
        #expect(articles.count == 40)
        #expect(!articles.contains { $0.number == "第十一条" })
        #expect(articles.filter { $0.number == "第十四条" }.compactMap(\.citation?.text) == ["第十四条〔第一处〕", "第十四条〔第二处〕"])
        let annexes = try Self.shipped("liaocheng").units.filter { $0.kind == .annex }.map(\.number)
        #expect(annexes == ["附件1", "附件2", "附件3", "附件4-1", "附件4-2", "附件4-3", "附件5-1", "附件5-2", "附件6",
                            "附件7-1", "附件7-2", "附件8-1", "附件8-2", "附件9", "附件10", "附件11-1", "附件11-2", "附件12"])
    }

    /// The national order: 53 articles in 7 chapters; 第九条 has three paragraphs, the first with five items.
    @Test func theNationalOrderHasItsChaptersAndParagraphs() throws {
        let text = try Self.shipped("national")
        #expect(text.units.filter { $0.kind == .chapter }.count == 7)
        #expect(text.units.filter { $0.kind == .article }.count == 53)
        let article9 = try text.unit(citedBy: Citation(document: "national", article: "第九条")).get()
        #expect(text.children(of: article9).map(\.number) == ["第一款", "第二款", "第三款"])
        #expect(text.children(of: text.units[article9].children[0]).map(\.number) == ["（一）", "（二）", "（三）", "（四）", "（五）"])
    }

    /// 北京: sections 一 to 三, the materials of 二 numbered 1. to 6., annexes 1, 2-1, 2-2 (found by
    /// the hints beside the text) and 3 (printed), and 三（一）'s mention of 附件3 in the main text.
    @Test func beijingHasItsAnnexes() throws {
        let text = try Self.shipped("beijing")
        #expect(text.units.filter { $0.kind == .annex }.map(\.number) == ["附件1", "附件2-1", "附件2-2", "附件3"])
        let two = try text.unit(citedBy: Citation(document: "beijing", section: "二")).get()
        #expect(text.children(of: two).map(\.number) == ["1", "2", "3", "4", "5", "6"])
        #expect(text.units.filter { $0.kind == .section && $0.citation?.annex == "附件2-1" }.count == 9)
    }

    /// A row of a table is cited by the start of its first cell, printed 附件7-1「监督管理」.
    @Test func aTableRowIsCitedByItsFirstCell() throws {
        let text = try Self.shipped("liaocheng")
        let row = try text.unit(citedBy: Citation(document: "liaocheng", annex: "附件7-1", row: "监督管理")).get()
        #expect(text.units[row].kind == .row && text.units[row].lines.lowerBound == 545)
        #expect(text.units[row].citation?.text == "附件7-1「监督管理」")
        // 附件1 prints its header row twice.
        #expect(text.unit(citedBy: Citation(document: "liaocheng", annex: "附件1", row: "节点")).failureMessage?
            .contains("「节点」 begins 2 rows of 附件1 (line 348, line 364)") == true)
    }

    /// A hint that matches no line of its text is an error at its line of the hints file.
    @Test func aHintMatchingNoLineIsAnError() throws {
        let hints = "{\n  annexes: [{ annex: \"附件2\", begins: \"不存在的标题\" }],\n}\n"
        let files = ["vocabulary/common.json5": PolicyToolsTests.vocabulary, "sources/base.txt": Self.source, "sources/base.structure.json5": hints,
                     "base.json5": Self.policy.replacingOccurrences(of: "CITATION", with: #"{ article: "第一条" }"#)
                        .replacingOccurrences(of: "QUOTE", with: "为了测试").replacingOccurrences(of: "WAIT", with: "3 months")]
        guard case .failure(let list) = try TemporaryPolicies.load(files, checkingQuotes: true) else {
            Issue.record("an unmatched hint passed")
            return
        }
        let found = list.diagnostics.filter { $0.severity == .error }
        #expect(found.map(\.code) == ["bad-structure-hints"])
        #expect(found.first?.location?.file.hasSuffix("sources/base.structure.json5") == true && found.first?.location?.line == 2)
    }

    /// Every citation of the shipped policies names a unit of its text whose wording holds its
    /// quote: those of each file's own items (an inherited one is its own file's), the notices'
    /// citations too, and those citing another document (`document: "national"`) in that text.
    @Test func everyShippedCitationResolvesToAUnitHoldingItsQuote() throws {
        var texts: [String: SourceText] = [:]
        for (id, policy) in Repository.policySet.policies { texts[id] = try SourceText.load(of: policy, under: Repository.policies).get() }
        var proven = 0
        for policy in Repository.policySet.policies.values {
            let file = Repository.policies.appendingPathComponent(policy.file).lastPathComponent
            var quoted: [(Citation, String)] = policy.parameters.map { ($0.citation, $0.quote) } + policy.rules.map { ($0.citation, $0.quote) }
            quoted += policy.rules.flatMap { $0.alternatives.map { ($0.citation, $0.quote) } }
            quoted += policy.deadlines.map { ($0.citation, $0.quote) } + policy.waivers.map { ($0.citation, $0.quote) }
            quoted += policy.dates.map { ($0.citation, $0.quote) }
            quoted += (policy.scopeProvisions + policy.procedures.flatMap { $0.scope?.provisions ?? [] }).map { ($0.citation, $0.quote) }
            for (citation, quote) in quoted where citation.location?.file.hasSuffix("/" + file) == true {
                let text = try #require(texts[citation.document])
                let unit = text.unit(citedBy: citation)
                guard case .success(let index) = unit else {
                    Issue.record("\(policy.id) \(citation.text): \(unit.failureMessage ?? "")")
                    continue
                }
                let wording = text.text(of: index).filter { !$0.isWhitespace }
                #expect(wording.contains(quote.filter { !$0.isWhitespace }), "\(policy.id) \(citation.text) 「\(quote)」")
                proven += 1
            }
            for notice in policy.notices {
                guard let citation = notice.citation, let text = texts[citation.document] else { continue }
                #expect(throws: Never.self, "\(policy.id) notice \(notice.id) \(citation.text)") { try text.unit(citedBy: citation).get() }
            }
        }
        // The five policy files held 522 `citation:` members when this was written (counted with grep).
        #expect(proven >= 522)
    }

    // MARK: - policy check

    static let policy = """
    { id: "base", document: { title: "T", number: "N", issuer: "I", source: "sources/base.txt" }, status: "in-force",
      scope: { zh: "全部", en: "all" },
      \(TestPolicy.procedure)
      parameters: { wait: { value: "WAIT", citation: { article: "第二条", item: "（一）" }, quote: "正式运营至少3个月", label: { zh: "期", en: "wait" } } },
      rules: [
        { id: "r", kind: "condition", citation: CITATION, quote: "QUOTE", explain: { zh: "x", en: "x" }, requires: "beds >= 10" },
      ] }
    """

    /// The errors `policy check` reports for the policy with this rule citation and quote.
    func errors(citation: String, quote: String, wait: String = "3 months") throws -> [Diagnostic] {
        let policy = Self.policy.replacingOccurrences(of: "CITATION", with: citation).replacingOccurrences(of: "QUOTE", with: quote)
            .replacingOccurrences(of: "WAIT", with: wait)
        let files = ["vocabulary/common.json5": PolicyToolsTests.vocabulary, "sources/base.txt": Self.source, "base.json5": policy]
        guard case .failure(let list) = try TemporaryPolicies.load(files, checkingQuotes: true) else { return [] }
        return list.diagnostics.filter { $0.severity == .error }
    }

    @Test func aQuoteInsideTheUnitCitedPasses() throws {
        #expect(try errors(citation: #"{ article: "第二条", item: "（二）" }"#, quote: "床位不少于10张").isEmpty)
        #expect(try errors(citation: #"{ article: "第三条", paragraph: "第二款" }"#, quote: "本条所称材料").isEmpty)
        #expect(try errors(citation: #"{ article: "第四条", occurrence: "2" }"#, quote: "重复编号的条文").isEmpty)
        #expect(try errors(citation: #"{ annex: "附件1" }"#, quote: "申请表").isEmpty)
    }

    @Test func aWrongArticleNamesWhereTheQuoteIs() throws {
        let found = try errors(citation: #"{ article: "第三条", item: "（一）" }"#, quote: "床位不少于10张")
        #expect(found.map(\.code) == ["quote-in-other-unit"])
        #expect(found.first?.message.contains("not in 第三条（一） but in 第二条（二）") == true)
        #expect(found.first?.location?.file.hasSuffix("base.json5") == true)
    }

    @Test func aNonExistentArticleIsAnError() throws {
        let found = try errors(citation: #"{ article: "第六十九条" }"#, quote: "床位不少于10张")
        #expect(found.map(\.code) == ["no-such-unit"])
        #expect(found.first?.message.contains("has no article 第六十九条; its articles are 第一条 to 第四条") == true)
        let item = try errors(citation: #"{ article: "第二条", item: "（三）" }"#, quote: "床位不少于10张")
        #expect(item.first?.message.contains("第二条 has no item （三）; its items are （一） to （二）") == true)
    }

    @Test func aCitationStoppingAboveTheNumberedPointIsAnError() throws {
        let found = try errors(citation: #"{ article: "第三条", item: "（二）" }"#, quote: "以弄虚作假手段申请")
        #expect(found.map(\.code) == ["citation-stops-short"])
        #expect(found.first?.message.contains("cite 第三条第一款（二）2.") == true)
    }

    @Test func theTwoArticlesOfOneNumberAreToldApart() throws {
        #expect(try errors(citation: #"{ article: "第四条" }"#, quote: "重复编号的条文").map(\.code) == ["no-such-unit"])
        let first = try errors(citation: #"{ article: "第四条", occurrence: "1" }"#, quote: "重复编号的条文")
        #expect(first.first?.message.contains("but in 第四条〔第二处〕") == true)
    }

    // MARK: - numbers agree with their words

    @Test func aParameterContradictingItsQuoteIsAnError() throws {
        let ok = #"{ article: "第二条", item: "（二）" }"#
        #expect(try errors(citation: ok, quote: "床位不少于10张").isEmpty)
        let found = try errors(citation: ok, quote: "床位不少于10张", wait: "6 months")
        #expect(found.map(\.code) == ["number-not-in-quote"])
        #expect(found.first?.message.contains("parameter `wait` is 6 months, but its quote states 「3个月」") == true)
        // The unit counts too: 3 years is not 「3个月」.
        #expect(try errors(citation: ok, quote: "床位不少于10张", wait: "3 years").map(\.code) == ["number-not-in-quote"])
    }

    @Test func aRulesFigureContradictingItsQuoteIsAnError() throws {
        let files = { (requires: String) in
            ["vocabulary/common.json5": PolicyToolsTests.vocabulary, "sources/base.txt": Self.source,
             "base.json5": Self.policy.replacingOccurrences(of: "CITATION", with: #"{ article: "第二条", item: "（二）" }"#)
                .replacingOccurrences(of: "QUOTE", with: "床位不少于10张").replacingOccurrences(of: "WAIT", with: "3 months")
                .replacingOccurrences(of: "beds >= 10", with: requires)]
        }
        #expect(try TemporaryPolicies.load(files("beds >= 10"), checkingQuotes: true).get().policies["base"] != nil)
        // > 9 says 「不少于10」 too; >= 1 says only that there are beds, and is not compared.
        #expect(try TemporaryPolicies.load(files("beds > 9"), checkingQuotes: true).get().policies["base"] != nil)
        #expect(try TemporaryPolicies.load(files("beds >= 1"), checkingQuotes: true).get().policies["base"] != nil)
        guard case .failure(let list) = try TemporaryPolicies.load(files("beds >= 20"), checkingQuotes: true) else {
            Issue.record("beds >= 20 against 「床位不少于10张」 passed")
            return
        }
        let found = list.diagnostics.filter { $0.severity == .error }
        #expect(found.map(\.code) == ["number-not-in-quote"])
        #expect(found.first?.message.contains("rule `r` is 20, but its quote states 「10张」") == true)
    }

    @Test func quotedNumbersAreReadWithTheirUnits() {
        let read = { (quote: String) in QuotedNumber.all(in: quote).map(\.printed) }
        #expect(read("正式运营至少 3 个月") == ["3个月"])
        #expect(read("不少于三个月，一年内不得再次申请") == ["三个月", "一年"])
        #expect(read("承诺半径1500米内，超出 10%，公示期为 5 个工作日，180日") == ["1500米", "10%", "5个工作日", "180日"])
        // Months of the year state no length; 统一 and 一次性 are words; a table's figures are bare.
        #expect(read("每季度前 5 个工作日（1、4、7、10 月）") == ["5个工作日", "1", "4", "7"])
        #expect(read("统一的编码") == [])
        #expect(read("其他基层医疗机构-滨海 14141.55") == ["14141.55"])
        #expect(QuotedNumber.all(in: "一百八十日").first?.amount == 180)
        #expect(QuotedNumber.all(in: "十五个工作日").first?.unit == .period(.workingDays))
    }
}

extension Result where Failure == CitationProblem {
    var failureMessage: String? {
        if case .failure(let problem) = self { return problem.message }
        return nil
    }
}
