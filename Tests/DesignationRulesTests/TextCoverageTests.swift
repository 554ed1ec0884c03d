import Foundation
import Testing
@testable import DesignationRules

/// Text coverage: every unit of an official text encoded by a rule or declared not encoded.
@Suite struct TextCoverageTests {
    /// The small text of the reader's tests: 第二条 has two items, 第三条 two paragraphs,
    /// the first with items and points, and 附件1 a table of two lines.
    static let text = SourceTextTests.text

    static func rule(_ id: String, _ parts: [String: String], _ quote: String?) -> TextCoverage.Citing {
        let citation = Citation(document: "base", article: parts["article"], paragraph: parts["paragraph"], item: parts["item"],
                                point: parts["point"], annex: parts["annex"])
        return TextCoverage.Citing(kind: quote == nil ? .notice : .rule, id: id, citation: citation, quote: quote)
    }

    static func declared(_ parts: [String: String], _ quote: String, _ kind: NotEncoded.Kind = .definition) -> NotEncoded {
        let citation = Citation(document: "base", article: parts["article"], paragraph: parts["paragraph"], item: parts["item"],
                                point: parts["point"], annex: parts["annex"])
        return NotEncoded(citation: citation, kind: kind, quote: quote, reason: "test", location: SourceLocation(file: "base.json5", line: 1, column: 1))
    }

    func coverage(_ citing: [TextCoverage.Citing], _ declarations: [NotEncoded] = []) -> TextCoverage {
        TextCoverage(text: Self.text, path: "sources/base.txt", citing: citing, declarations: declarations)
    }

    /// The units left to account for, by their names.
    func gaps(_ coverage: TextCoverage) -> [String] { coverage.gaps.map(coverage.name(of:)) }

    @Test func aQuoteOfTheLeadInDoesNotAccountForTheItems() {
        let lead = coverage([Self.rule("lead", ["article": "第二条"], "申请定点应当具备以下条件")])
        #expect(gaps(lead).contains("第二条（一）"))
        #expect(gaps(lead).contains("第二条（二）"))
        // 第二条 itself is named, so it is encoded; its items are not.
        let article = lead.text.units.indices.first { lead.text.units[$0].citation?.text == "第二条" }!
        guard case .encoded = lead.statuses[article]! else { Issue.record("第二条 should be encoded"); return }
    }

    @Test func aQuoteOverTheItemsAccountsForThem() {
        let whole = coverage([Self.rule("whole", ["article": "第二条"], "申请定点应当具备以下条件：（一）正式运营至少3个月；（二）床位不少于10张。")])
        #expect(!gaps(whole).contains { $0.hasPrefix("第二条") })
    }

    @Test func aUnitIsAccountedForWhenEveryPartIs() {
        let items = coverage([Self.rule("one", ["article": "第二条", "item": "（一）"], "正式运营至少3个月"),
                              Self.rule("two", ["article": "第二条", "item": "（二）"], "床位不少于10张")])
        let article = items.text.units.indices.first { items.text.units[$0].citation?.text == "第二条" }!
        guard case .throughParts = items.statuses[article]! else { Issue.record("第二条 should count through its items"); return }
        // Leaving one item out leaves it, and only it, to account for (not its article too).
        let one = coverage([Self.rule("one", ["article": "第二条", "item": "（一）"], "正式运营至少3个月")])
        #expect(gaps(one).filter { $0.hasPrefix("第二条") } == ["第二条（二）"])
        #expect(!one.statuses[article]!.isAccounted)
    }

    @Test func aDeclarationAccountsForTheUnitAndItsParts() {
        let declared = coverage([], [Self.declared(["article": "第三条"], "不予受理", .authority)])
        #expect(!gaps(declared).contains { $0.hasPrefix("第三条") })
        #expect(declared.problems.isEmpty)
        // 第三条, its two paragraphs, the first one's two items and the second item's two points.
        #expect(declared.total.declared == 7)
    }

    @Test func aDeclarationNamingNoUnitIsAnError() {
        let wrong = coverage([], [Self.declared(["article": "第九条"], "为了测试")])
        #expect(wrong.problems.map(\.code) == ["not-encoded-no-unit"])
        #expect(wrong.diagnostics(strict: false).contains { $0.code == "not-encoded-no-unit" && $0.severity == .error })
    }

    @Test func aDeclarationWhoseQuoteIsNotInItsUnitIsAnError() {
        let wrong = coverage([], [Self.declared(["article": "第一条"], "床位不少于10张")])
        #expect(wrong.problems.map(\.code) == ["not-encoded-quote"])
    }

    @Test func aDeclarationOfAnEncodedUnitOrOfOneWithAnEncodedPartIsAnError() {
        let rule = Self.rule("one", ["article": "第二条", "item": "（一）"], "正式运营至少3个月")
        let same = coverage([rule], [Self.declared(["article": "第二条", "item": "（一）"], "正式运营")])
        #expect(same.problems.map(\.code) == ["not-encoded-but-cited"])
        let parent = coverage([rule], [Self.declared(["article": "第二条"], "申请定点")])
        #expect(parent.problems.map(\.code) == ["not-encoded-but-cited"])
        #expect(parent.problems.first?.message.contains("第二条（一）") == true)
        let twice = coverage([], [Self.declared(["article": "第三条"], "不予受理"), Self.declared(["article": "第三条", "paragraph": "第二款"], "本条所称材料")])
        #expect(twice.problems.map(\.code) == ["not-encoded-twice"])
    }

    @Test func aTableLineIsDeclaredByItsQuote() {
        let notice = coverage([Self.rule("form", ["annex": "附件1"], "材料清单")], [Self.declared(["annex": "附件1"], "申请表", .notCheckable)])
        let rows = notice.text.units.indices.filter { notice.text.units[$0].kind == .row }
        // 「申请表」's line is declared; the heading line is not, nor is it encoded by the quote of the title.
        guard case .declared = notice.statuses[rows[1]]! else { Issue.record("the line 申请表 should be declared"); return }
        #expect(!notice.statuses[rows[0]]!.isAccounted)
        // A notice, without a quote, lays out its form: it accounts for every line.
        let form = coverage([Self.rule("form", ["annex": "附件1"], nil)])
        #expect(rows.allSatisfy { form.statuses[$0]!.isAccounted })
    }

    /// A rule's `also_cites` encode like any citation, and their quotes, which the quote
    /// checker does not see, are proven here; a scope's provisions encode too.
    @Test func furtherCitationsCountAndAreProven() {
        let scope = TextCoverage.Citing(kind: .scope, id: "base", citation: Citation(document: "base", article: "第一条"), quote: "为了测试")
        var also = Self.rule("one", ["annex": "附件1"], "申请表")
        also.isCheckedHere = true
        let good = coverage([scope, also])
        #expect(good.problems.isEmpty)
        #expect(!gaps(good).contains("第一条"))
        let row = good.text.units.indices.first { good.text.units[$0].kind == .row && good.text.units[$0].number.hasPrefix("申请表") }!
        guard case .encoded(let by) = good.statuses[row]!, by.map(\.name) == ["rule one"] else { Issue.record("the line 申请表 should be encoded by rule one"); return }
        var misplaced = also
        misplaced.quote = "床位不少于10张"
        var nowhere = also
        nowhere.citation.annex = "附件2"
        #expect(coverage([misplaced, nowhere]).problems.map(\.code) == ["quote-in-other-unit", "no-such-unit"])
    }

    @Test func strictMakesTheGapsErrors() {
        let gaps = coverage([])
        #expect(!gaps.gaps.isEmpty)
        #expect(gaps.diagnostics(strict: false).allSatisfy { $0.severity == .warning && $0.code == "not-accounted" })
        #expect(gaps.diagnostics(strict: true).allSatisfy { $0.severity == .error && $0.code == "not-accounted" })
        #expect(gaps.diagnostics(strict: true).count == gaps.gaps.count)
        // Each names the unit and its line in the text.
        let first = gaps.diagnostics(strict: true)[0]
        #expect(first.location?.file == "sources/base.txt")
        #expect(first.message.contains("第一条"))
    }

    @Test func aDeclarationOfAnUnknownKindOrAnotherTextIsAnErrorOfTheFile() throws {
        let rule = #"    { id: "r1", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },"#
        // Spliced after the rules: the template closes the list this opens.
        let entries = [
            "  ],",
            "  not_encoded: [",
            #"    { citation: { article: "第二条" }, kind: "maybe", quote: "q", reason: "r" },"#,
            #"    { citation: { document: "other", article: "第二条" }, kind: "remedy", quote: "q", reason: "r" },"#,
            #"    { citation: { article: "第三条" }, kind: "remedy", quote: "q" },"#,
        ].joined(separator: "\n")
        let problems = try PolicyLoaderTests().load(rule + "\n" + entries)
        #expect(problems.map(\.code) == ["bad-value", "bad-citation", "missing-field"])
        #expect(problems.first?.message.contains("authority, discretionary, definition, remedy, out-of-scope, not-checkable, restates") == true)
    }

    @Test func theReportsMarkEveryUnitAndLinkTheLawToTheRules() throws {
        let covered = coverage([Self.rule("one", ["article": "第二条", "item": "（一）"], "正式运营至少3个月")],
                               [Self.declared(["article": "第三条"], "不予受理", .authority)])
        let report = TextCoverageReport(covered, title: "测试办法")
        let text = report.plainText()
        #expect(text.contains("✓     （一）正式运营至少3个月；  — encoded by rule one"))
        #expect(text.contains("✗     （二）床位不少于10张。  — NEITHER encoded nor declared"))
        #expect(text.contains("=   第三条 有下列情形之一的，不予受理：  — not encoded, binds only the authority (第三条): test 「不予受理」"))
        #expect(text.hasSuffix("Total: \(Self.summaryOf(covered.total))\n"))
        let html = report.html()
        // One row for each unit counted, each with its anchor; every link lands on an anchor.
        for unit in covered.counted { #expect(html.contains("id=\"u\(unit)\"")) }
        let anchors = Set(html.matches(of: /id="([uc][0-9]+)"/).map { String($0.1) })
        let links = html.matches(of: /href="#([uc][0-9]+)"/).map { String($0.1) }
        #expect(!links.isEmpty && links.allSatisfy(anchors.contains))
        // The rule links to its entry, and its entry back to the unit it cites.
        #expect(html.contains("<a href=\"#c0\">rule one</a>"))
    }

    static func summaryOf(_ tally: TextCoverage.Tally) -> String { TextCoverageReport.summary(tally) }

    // MARK: - The shipped policies

    static let shipped: [String: TextCoverage] = {
        let policies: PolicySet
        do { policies = try PolicySet(directory: Repository.policies) } catch { fatalError("the shipped policies do not load:\n\(error)") }
        return Dictionary(uniqueKeysWithValues: policies.regionIDs.compactMap { id in TextCoverage(of: id, in: policies).map { (id, $0) } })
    }()

    @Test func everyUnitOfTheShippedTextsIsAccountedFor() {
        #expect(Self.shipped.keys.sorted() == ["beijing", "liaocheng", "national", "shanghai", "tianjin"])
        for (id, coverage) in Self.shipped.sorted(by: { $0.key < $1.key }) {
            let problems = coverage.diagnostics(strict: true)
            #expect(problems.isEmpty, "\(id): \(problems.prefix(5).map(\.description).joined(separator: "\n"))")
        }
    }

    /// For every rule (and parameter, deadline, date, notice) of the shipped policies: taken
    /// away, each unit it encoded stays encoded only if something else cites it, and a unit
    /// that nothing else encodes and that has no parts shows as unaccounted.
    @Test func removingAnyRuleLeavesItsUnitsUnaccountedUnlessAnotherCitesThem() {
        var checked = 0
        for (id, coverage) in Self.shipped.sorted(by: { $0.key < $1.key }) {
            let owners = Set(coverage.reaches.map(\.citing.name))
            for owner in owners.sorted() {
                let rest = coverage.reaches.filter { $0.citing.name != owner }
                let without = TextCoverage(coverage, without: owner)
                let reached = Set(coverage.reaches.filter { $0.citing.name == owner }.flatMap { [$0.named] + $0.covered })
                // The signature lines kept inside an annex are no unit to account for.
                for unit in reached where coverage.statuses[unit] != nil {
                    let others = rest.filter { $0.named == unit || $0.covered.contains(unit) }
                    switch without.statuses[unit]! {
                    case .encoded(let citing):
                        #expect(!others.isEmpty && !citing.contains { $0.name == owner }, "\(id) \(owner) \(coverage.name(of: unit))")
                    case .declared:
                        Issue.record("\(id): \(coverage.name(of: unit)) is encoded by \(owner) and declared not encoded")
                    case .throughParts:
                        #expect(others.isEmpty && !coverage.text.units[unit].children.isEmpty, "\(id) \(owner) \(coverage.name(of: unit))")
                    case .unaccounted:
                        #expect(others.isEmpty, "\(id) \(owner) \(coverage.name(of: unit))")
                        if coverage.text.units[unit].children.isEmpty {
                            #expect(without.gaps.contains(unit), "\(id) \(owner): \(coverage.name(of: unit)) should be reported")
                        }
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
    }
}
