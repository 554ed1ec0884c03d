import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DesignationRules

/// Notices as the official forms print them (issue 20, 6): every label, fixed wording and
/// block for the hand of Liaocheng's annex forms found in the annex's text; the result a
/// form offers as a choice chosen from the facts; an approximate date told to the reviewer;
/// the HTML form well-formed and named after the institution.
@Suite struct NoticeFormTests {
    /// A fixture's profile, changed by `edit`, evaluated as of `asOf`.
    func evaluation(_ region: String, _ name: String, asOf: String = "2026-11-26", edit: (inout [String: Any]) -> Void = { _ in }) throws -> Evaluation {
        let url = Repository.fixtures.appendingPathComponent("\(region)/\(name).json")
        var profile = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&profile)
        let date = try #require(CivilDate(iso: asOf))
        let decoded = try ProfileDecoder(vocabulary: Repository.policySet.vocabulary, asOf: date)
            .decode([UInt8](try JSONSerialization.data(withJSONObject: profile)), source: name)
        let policy = try #require(Repository.policySet.policies[region])
        return try #require(Evaluator(policy: policy, calendar: Repository.policySet.calendar)).evaluate(decoded, asOf: date)
    }

    var notices: NoticeReport { NoticeReport(policies: Repository.policySet, language: .zh) }

    /// The text of one annex of the Liaocheng source, from its heading ("附件 4-1") to the
    /// next annex's, without white space (the extracted text breaks lines and spaces freely).
    func annexText(_ annex: String) throws -> String {
        let source = try String(contentsOf: Repository.policies.appendingPathComponent("sources/liaocheng.txt"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { $0.filter { !$0.isWhitespace } }
        let start = try #require(lines.lastIndex(of: annex), "no heading \(annex) in the source")
        let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("附件") && $0.count <= 8 } ?? lines.endIndex
        return lines[start ..< end].joined(separator: "\n")
    }

    @Test func liaochengFormsPrintWhatTheirAnnexPrints() throws {
        let policy = try #require(Repository.policySet.policies["liaocheng"])
        let notices = policy.notices.filter { $0.citation?.annex != nil && $0.location.file.hasSuffix("liaocheng.json5") }
        #expect(notices.count == 5)
        // The receipt of 附件6, printed with the notices of 附件4 (第十二条).
        let attached = notices.flatMap(\.attachments)
        #expect(attached.map(\.citation?.annex) == ["附件6", "附件6", "附件6"])
        #expect(notices.filter { !$0.attachments.isEmpty }.compactMap(\.citation?.annex).sorted() == ["附件4-1", "附件4-2", "附件4-3"])
        for notice in notices + attached.prefix(1) {
            let annex = try annexText(try #require(notice.citation?.annex))
            // Whether the form prints a text; "□" marks a choice the form offers to tick.
            func printed(_ text: String) -> Bool { annex.contains(text.filter { !$0.isWhitespace && $0 != "□" }) }
            #expect(printed(notice.title), "\(notice.id): title")
            for field in notice.fields {
                #expect(printed(field.label), "\(notice.id): label \(field.label)")
                if !field.value.contains("{"), !field.value.isEmpty { #expect(printed(field.value), "\(notice.id): \(field.label)'s wording") }
                if let hint = field.hint { #expect(printed(hint), "\(notice.id): hint \(hint)") }
            }
            notice.footer.forEach { #expect(printed($0), "\(notice.id): \($0)") }
            // Every blank the form leaves for the hand below its 注 line is one of the blocks.
            guard let below = annex.range(of: "注：")?.upperBound else {
                #expect(notice.signatures.isEmpty, "\(notice.id): blocks below a 注 line its annex does not print")
                continue
            }
            let blanks = annex[below...].split(separator: "\n").dropFirst().map { $0.hasSuffix("：") ? String($0.dropLast()) : String($0) }
            #expect(notice.signatures.flatMap { $0 }.map { $0.filter { !$0.isWhitespace } } == blanks, "\(notice.id): blocks \(notice.signatures) against \(blanks)")
        }
    }

    @Test func theFailureNoticeChoosesTheResultTheFormOffers() throws {
        func result(_ resubmission: Bool?) throws -> String? {
            let evaluation = try evaluation("liaocheng", "hospital-onsite-unqualified") { $0["lc_resubmission"] = resubmission }
            return notices.form(for: evaluation)?.fields.first { $0.label == "评估结果" }?.value
        }
        #expect(try result(true) == "再次评估不合格。")
        #expect(try result(false) == "评估不合格。")
        #expect(try result(nil) == "评估不合格/再次评估不合格。")
    }

    /// 2027 has no holiday arrangement loaded: the last day to tell the applicant is approximate.
    @Test func anApproximateDateIsToldToTheReviewer() throws {
        let evaluation = try evaluation("national", "clinic-missing-materials", asOf: "2027-10-01") { $0["application_date"] = "2027-09-28" }
        let form = try #require(notices.form(for: evaluation))
        #expect(form.fields.contains { $0.value.contains("（约）") })
        #expect(form.reviewerNotes.count == 1)
        #expect(form.reviewerNotes.first?.contains("「告知期限」") == true)
        let text = try #require(notices.render(evaluation))
        #expect(text.contains(notices.reviewerHeading))
        let html = NoticeHTML(language: .zh).render(form, reviewerHeading: notices.reviewerHeading)
        #expect(html.contains("<aside class=\"reviewer\">"))
        // An exact date gives no note.
        #expect(try #require(notices.form(for: try self.evaluation("national", "clinic-missing-materials"))).reviewerNotes.isEmpty)
    }

    @Test(arguments: [("liaocheng", "hospital-onsite-unqualified"), ("liaocheng", "hospital-materials-incomplete"),
                      ("national", "cosmetic-clinic"), ("national", "conditions-not-met")])
    func theHTMLFormIsWellFormedAndNamed(region: String, name: String) throws {
        let evaluation = try evaluation(region, name)
        let form = try #require(notices.form(for: evaluation))
        let html = NoticeHTML(language: .zh).render(form, reviewerHeading: notices.reviewerHeading)
        let parser = XMLParser(data: Data(html.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        let institution = try #require(form.subject)
        #expect(html.contains("<title>\(form.title) — \(institution)</title>"))
        for row in form.signatures { for label in row { #expect(html.contains("<td>\(label)：")) } }
    }

    /// Every fixture's notice, where its outcome calls for one: no placeholder left
    /// unfilled, and a page an XML parser reads.
    @Test func everyFixturesNoticeIsFilledAndWellFormed() throws {
        var forms = 0
        for fixture in Fixture.all(in: Repository.fixtures) {
            guard let evaluation = FixtureRunner(policies: Repository.policySet).run(fixture).evaluation,
                  let form = notices.form(for: evaluation) else { continue }
            forms += 1
            for field in form.fields + form.attachments.flatMap(\.fields) {
                #expect(!field.value.contains("{"), "\(fixture.region)/\(fixture.name): \(field.label) = \(field.value)")
            }
            let parser = XMLParser(data: Data(NoticeHTML(language: .zh).render(form, reviewerHeading: notices.reviewerHeading).utf8))
            #expect(parser.parse(), "\(fixture.region)/\(fixture.name)")
        }
        #expect(forms > 50)
    }

    @Test func anUndeterminedOutcomeCallsForNoNotice() throws {
        let evaluation = try evaluation("national", "clinic-missing-materials") { $0 = ["institution_name": "某诊所"] }
        #expect(notices.form(for: evaluation) == nil)
    }
}

/// A notice's new parts checked when it loads: `{either:…}` needs a yes/no fact and two or
/// three wordings, `with` names one of the file's `forms`, a row of `signatures` is labels.
@Suite struct NoticeFormLoadingTests {
    static let vocabulary = "{ facts: {\n" + #"beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 100 },"#
        + "\n" + #"again: { type: "bool", label: { zh: "再次", en: "Again" } },"#
        + "\n" + PolicyMistakeTests.kind + "\n} }"

    func errors(_ notices: String) throws -> [String] {
        var files = ["vocabulary/common.json5": Self.vocabulary, "base.json5": BadPolicyTests.lines.joined(separator: "\n")]
        files["notices/base.json5"] = notices
        switch try TemporaryPolicies.load(files) {
        case .success: return []
        case .failure(let error): return error.diagnostics.filter { $0.severity == .error }.map { "\($0)" }
        }
    }

    func notice(_ fields: String, extra: String = "", forms: String = "") -> String {
        #"{ notices: [{ id: "n", when: ["s:no"], title: "T", fields: ["# + fields + "]" + extra + " }]" + forms + " }"
    }

    @Test func aGoodFormLoads() throws {
        let text = notice(#"{ label: "结果", value: "{either:again|再次不合格|不合格}" }, { label: "编号", value: "", hint: "(受理号)" }"#,
                          extra: #", signatures: [["签收人", "签收日期"]], with: ["receipt"]"#,
                          forms: #", forms: [{ id: "receipt", title: "回执", fields: [{ label: "送达日期", value: "" }] }]"#)
        let found = try errors(text)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func eitherNeedsAYesNoFactAndItsWordings() throws {
        let onNumber = try errors(notice(#"{ label: "L", value: "{either:beds|多|少}" }"#))
        #expect(onNumber.contains { $0.contains("notices/base.json5:1:") && $0.contains("with a yes/no fact") }, "\(onNumber)")
        #expect(try errors(notice(#"{ label: "L", value: "{either:again|只有一种}" }"#)).contains { $0.contains("with a yes/no fact") })
        #expect(try errors(notice(#"{ label: "L", value: "{either:gone|是|否}" }"#)).contains { $0.contains("no fact `gone`") })
    }

    @Test func withNamesAFormOfTheFile() throws {
        let found = try errors(notice(#"{ label: "L", value: "" }"#, extra: #", with: ["receipt"]"#))
        #expect(found.contains { $0.contains("`with` names `receipt`, which is not among this file's `forms`") }, "\(found)")
    }

    @Test func aRowOfSignaturesIsLabels() throws {
        let found = try errors(notice(#"{ label: "L", value: "" }"#, extra: #", signatures: ["签收人"]"#))
        #expect(found.contains { $0.contains("each row of `signatures` is a list of labels") }, "\(found)")
    }
}

/// `policy check` proves a notice's citation too: the form it prints must be a unit of the
/// official text (a notice has no quote, so its unit is all there is to prove).
@Suite struct NoticeCitationTests {
    func errors(noticeCitation: String) throws -> [Diagnostic] {
        let policy = SourceTextTests.policy.replacingOccurrences(of: "CITATION", with: #"{ article: "第二条", item: "（二）" }"#)
            .replacingOccurrences(of: "QUOTE", with: "床位不少于10张").replacingOccurrences(of: "WAIT", with: "3 months")
        let notices = #"{ notices: [{ id: "n", when: ["s:no"], title: "T", citation: "# + noticeCitation
            + #", fields: [{ label: "L", value: "{failed}" }] }] }"#
        let files = ["vocabulary/common.json5": PolicyToolsTests.vocabulary, "sources/base.txt": SourceTextTests.source,
                     "base.json5": policy, "notices/base.json5": notices]
        guard case .failure(let list) = try TemporaryPolicies.load(files, checkingQuotes: true) else { return [] }
        return list.diagnostics.filter { $0.severity == .error }
    }

    @Test func aNoticeCitingAFormOfTheTextLoads() throws {
        let found = try errors(noticeCitation: #"{ annex: "附件1" }"#)
        #expect(found.isEmpty, "\(found)")
    }

    @Test func aNoticeCitingAUnitTheTextLacksIsAnError() throws {
        let found = try errors(noticeCitation: #"{ annex: "附件7" }"#)
        #expect(found.map(\.code) == ["no-such-unit"])
        #expect(found.first?.message.contains("notice `n` cites 附件7") == true)
        #expect(found.first?.location?.file.hasSuffix("notices/base.json5") == true)
    }
}
