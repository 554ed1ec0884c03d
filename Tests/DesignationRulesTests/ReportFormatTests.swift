import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DesignationRules

/// The human formats: HTML that XML tools can parse and that carries the content, and
/// Markdown with the same content.
@Suite struct ReportFormatTests {
    func evaluation(_ region: String, _ name: String) throws -> Evaluation {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == region && $0.name == name })
        return try #require(FixtureRunner(policies: Repository.policySet).run(fixture).evaluation)
    }

    @Test(arguments: [("national", "fraud-within-3-years"), ("national", "elderly-care-partial"), ("tianjin", "radius-new-applicant")])
    func htmlIsWellFormedXHTMLWithTheDecision(_ region: String, _ name: String) throws {
        let evaluation = try evaluation(region, name)
        for language in Language.allCases {
            let html = HTMLReport(vocabulary: Repository.policySet.vocabulary, language: language).render(evaluation)
            let document = try XMLDocument(xmlString: html, options: [])
            let root = try #require(document.rootElement())
            #expect(root.name == "html")
            #expect(!html.contains("<script"))
            #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/1999/xhtml\""))
            let text = root.stringValue ?? ""
            #expect(text.contains(Words.verdict(evaluation.verdict, language)))
            for result in evaluation.rules where result.status == .fail { #expect(text.contains(result.rule.quote)) }
        }
    }

    /// Every rule that applies is shown with its quote (its id in English only); the rules
    /// that do not apply are collapsed to their citations.
    @Test func markdownCarriesEveryRuleAndItsQuote() throws {
        let evaluation = try evaluation("national", "conditions-not-met")
        let zh = MarkdownReport(vocabulary: Repository.policySet.vocabulary, language: .zh).render(evaluation)
        let en = MarkdownReport(vocabulary: Repository.policySet.vocabulary, language: .en).render(evaluation)
        for result in evaluation.rules where result.status != .notApplicable {
            #expect(en.contains("`\(result.rule.id)`"))
            #expect(!zh.contains("`\(result.rule.id)`"))
            #expect(zh.contains(result.rule.quote))
        }
        #expect(zh.contains("## 结论：不符合定点条件"))
    }
}

@Suite struct ComparisonTests {
    /// A 150-bed specialty hospital whose insurance department is not independent: national
    /// accepts it, Shanghai's 四（二） does not; Beijing's text does not speak to hospitals.
    @Test func theRegionsDifferencesShowOnOneProfile() throws {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.name == "specialty-hospital-150-beds-department-not-independent" })
        let runner = FixtureRunner(policies: Repository.policySet)
        let profile = try runner.prepare(fixture).get().profile
        let asOf = CivilDate(iso: "2026-11-26")!
        let evaluations = ["beijing", "national", "shanghai"].map {
            Evaluator(policy: Repository.policySet.policies[$0]!, calendar: Repository.policySet.calendar)!.evaluate(profile, asOf: asOf)
        }
        let report = ComparisonReport(policies: Repository.policySet, language: .en)
        let row = try #require(report.rows(evaluations).first { $0.family == "art6-3-insurance-department" })
        #expect(row.cells[0] == nil)
        #expect(row.cells[1]?.status == .pass)
        #expect(row.cells[2]?.status == .fail)
        #expect(row.cells[2]?.citation == "Shanghai 四（二）")
        #expect(evaluations.map(\.verdict) == [.outOfScope, .eligible, .ineligible])
    }
}

/// Notices read as the official form would, every blank the evaluation can fill filled.
@Suite struct NoticeTests {
    func notice(_ region: String, _ name: String) throws -> String {
        let fixture = try #require(Fixture.all(in: Repository.fixtures).first { $0.region == region && $0.name == name })
        let evaluation = try #require(FixtureRunner(policies: Repository.policySet).run(fixture).evaluation)
        return try #require(NoticeReport(policies: Repository.policySet, language: .zh).render(evaluation))
    }

    @Test func refusalNamesTheGroundWithItsWording() throws {
        let text = try notice("national", "cosmetic-clinic")
        #expect(text.hasPrefix("医疗保障定点申请不予受理通知"))
        #expect(text.contains("机构名称：悦颜医疗美容诊所"))
        #expect(text.contains("不予受理原因：1. 第十二条（一）「以医疗美容、辅助生殖、生活照护、种植牙等非基本医疗服务为主要执业范围的」"))
        #expect(text.contains("文书编号：＿＿＿＿"))
    }

    @Test func supplementListsTheMaterialsAndTheDate() throws {
        let text = try notice("national", "clinic-missing-materials")
        #expect(text.contains("需补充的材料：1. 第七条（四）「与医保有关的医疗机构信息系统相关材料」"))
        #expect(text.contains("2. 第七条（五）「纳入定点后使用医疗保障基金的预测性分析报告」"))
        #expect(text.contains("即2026-12-01前"))
    }

    @Test func unqualifiedGivesReasonsAndAdvice() throws {
        let text = try notice("national", "conditions-not-met")
        #expect(text.contains("评估结果：评估不合格"))
        #expect(text.contains("整改建议：1. 至少1名持证医师第一注册地在本机构（第六条（二））"))
        #expect(text.contains("整改3个月后可再次组织评估"))
    }

    @Test func liaochengUsesItsAnnexForms() throws {
        let supplement = try notice("liaocheng", "hospital-materials-incomplete")
        #expect(supplement.hasPrefix("医药机构医疗保障定点申请材料补正补齐通知书\n（附件4-2）"))
        #expect(supplement.contains("《医疗机构医疗保障定点管理暂行办法》第七条（六）「省级医疗保障行政部门按相关规定要求提供的其他材料」"))
        #expect(supplement.contains("申请机构应在 5 个工作日内补正补齐,逾期视为放弃此次申请"))
        let refusal = try notice("liaocheng", "clinic-outpatient-non-basic-no-commitment")
        #expect(refusal.hasPrefix("聊城市医保定点申请不予受理通知书"))
        let failure = try notice("liaocheng", "hospital-onsite-unqualified")
        #expect(failure.hasPrefix("医药机构医疗保障定点评估不合格告知书"))
        #expect(failure.contains("查询方式：登录山东省定点医药机构动态管理系统"))
    }
}
