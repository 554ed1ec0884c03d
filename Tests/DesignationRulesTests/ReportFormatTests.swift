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

    @Test func markdownCarriesEveryRuleAndItsQuote() throws {
        let evaluation = try evaluation("national", "conditions-not-met")
        let markdown = MarkdownReport(vocabulary: Repository.policySet.vocabulary, language: .zh).render(evaluation)
        for result in evaluation.rules {
            #expect(markdown.contains("`\(result.rule.id)`"))
            #expect(markdown.contains(result.rule.quote))
        }
        #expect(markdown.contains("## 结论: 不符合定点条件"))
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
        #expect(row.cells[2]?.citation == "shanghai 四（二）")
        #expect(evaluations.map(\.verdict) == [.outOfScope, .eligible, .ineligible])
    }
}
