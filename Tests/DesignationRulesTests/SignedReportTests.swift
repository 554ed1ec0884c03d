import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import DesignationRules

/// The report a reviewer signs (issue 20 points 1–5, issue 19 point 3): the applicant
/// named, stages not reached said so, each procedure in its own words, Chinese throughout,
/// `--region all` in every format, and an out-of-scope verdict citing its provisions.
@Suite struct SignedReportTests {
    static let policies = Repository.policySet
    static let fixtures = Fixture.all(in: Repository.fixtures)

    func evaluation(_ region: String, _ name: String) throws -> Evaluation {
        let fixture = try #require(Self.fixtures.first { $0.region == region && $0.name == name })
        return try #require(FixtureRunner(policies: Self.policies).run(fixture).evaluation)
    }

    func renders(_ evaluation: Evaluation, _ language: Language, brief: Bool = false) -> [String] {
        let vocabulary = Self.policies.vocabulary
        return [TextReport(vocabulary: vocabulary, language: language, brief: brief).render(evaluation),
                MarkdownReport(vocabulary: vocabulary, language: language, brief: brief).render(evaluation),
                HTMLReport(vocabulary: vocabulary, language: language, brief: brief).render(evaluation)]
    }

    /// The fixture's profile names the institution 明目眼科医院, a 专科医院, applying on 2026-11-20.
    @Test func theApplicantIsNamedAtTheTopOfEveryFormat() throws {
        let evaluation = try evaluation("national", "fraud-within-3-years")
        for report in renders(evaluation, .zh) {
            let top = (report.components(separatedBy: "<body>").last ?? report).prefix(900)
            #expect(top.contains("明目眼科医院"))
            #expect(top.contains("专科医院"))
            #expect(top.contains("2026-11-20"))
            #expect(top.contains("申请人资料文件"))
            #expect(!report.contains("申请材料:"))
        }
        let json = JSONReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        #expect(json.contains("\"name\": \"明目眼科医院\""))
    }

    @Test func everyHTMLTitleIsItsOwnAndPagesAreNumbered() throws {
        var titles: [String: String] = [:]
        let runner = FixtureRunner(policies: Self.policies)
        for fixture in Self.fixtures.filter({ $0.region == "national" }) {
            guard let evaluation = runner.run(fixture).evaluation else { continue }
            let html = HTMLReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
            let title = try #require(html.components(separatedBy: "<title>").dropFirst().first?.components(separatedBy: "</title>").first)
            #expect(title.contains(ReportModel(evaluation, vocabulary: Self.policies.vocabulary, language: .zh).decision))
            #expect(html.contains("counter(page)"))
            _ = try XMLDocument(xmlString: html, options: [])
            titles[fixture.name] = title
        }
        // Two fixtures of one institution with one decision may share a title; most do not.
        #expect(Set(titles.values).count * 10 >= titles.count * 8)
    }

    @Test func theBriefViewLeavesTheTraceOut() throws {
        let evaluation = try evaluation("national", "fraud-within-3-years")
        let brief = TextReport(vocabulary: Self.policies.vocabulary, language: .zh, brief: true).render(evaluation)
        let full = TextReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        #expect(brief.contains("第十二条（四）"))
        #expect(!brief.contains("✓ 无此情形"))
        #expect(full.contains("✓ 无此情形"))
        #expect(brief.count * 3 < full.count)
    }

    /// Beijing's next window (三（一）) falls in a year with no holiday arrangement loaded: the
    /// brief view gives the dates and their article, not how they were counted, but still
    /// says why they are approximate.
    @Test func theBriefViewGivesDeadlinesWithoutTheirCounting() throws {
        let evaluation = try evaluation("beijing", "centre-applied-day-after-window")
        let brief = TextReport(vocabulary: Self.policies.vocabulary, language: .zh, brief: true).render(evaluation)
        let full = TextReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        let deadlines = { (report: String) in report.components(separatedBy: "期限\n").last ?? "" }
        #expect(deadlines(brief).contains("北京市三（一）"))
        #expect(deadlines(brief).contains("约（该年度未载入国务院节假日安排"))
        #expect(!deadlines(brief).contains("提出申请（收到材料）日期 = "))
        #expect(deadlines(full).contains("提出申请（收到材料）日期 = "))
    }

    /// A refused application never reaches the evaluation (第八条, 第九条): no outcome, no agreement term (第十条).
    @Test func aStageNotReachedHasNoOutcomeNorDeadlines() throws {
        let evaluation = try evaluation("national", "infirmary-not-listed")
        let stage = try #require(evaluation.stages.first { $0.stage.id == "evaluation" })
        #expect(!stage.reached)
        #expect(stage.outcome == nil)
        #expect(!evaluation.deadlines.contains { $0.deadline.when.contains { $0.stage == "evaluation" } })
        for report in renders(evaluation, .zh) { #expect(!report.contains("评估合格")) }
        let evaluator = Evaluator(policy: Self.policies.policies["national"]!, calendar: Self.policies.calendar)!
        var worker = DecisionWorker(evaluator: evaluator, asOf: evaluation.asOf)
        worker.load(evaluation.profile)
        let record = BatchRecord.decision(line: 1, worker.decide(), evaluator: evaluator).serialized()
        #expect(record.contains("\"not_reached\""))
        #expect(record.contains("\"evaluation\""))
    }

    /// Beijing 三（一）: outside the quarterly window the application waits for the next one.
    @Test func beijingsWindowIsItsOwnOutcome() throws {
        let evaluation = try evaluation("beijing", "centre-applied-day-after-window")
        #expect(evaluation.verdict == .deferred)
        let text = TextReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        #expect(text.contains("结论：" + Words.verdict(.deferred, .zh)))
        #expect(!text.contains("结论：" + Words.verdict(.incomplete, .zh)))
    }

    /// Every procedure after designation, in every region, says its result in its own words.
    @Test func everyProcedureAfterDesignationHasItsOwnWords() {
        for (id, policy) in Self.policies.policies {
            for procedure in policy.procedures where procedure.id != Procedure.application {
                #expect(procedure.verdictLabels[.eligible] != nil, "\(id) \(procedure.id)")
                #expect(procedure.verdictLabels[.ineligible] != nil, "\(id) \(procedure.id)")
            }
        }
        let liaocheng = Self.policies.policies["liaocheng"]!
        for id in ["renewal", "suspension", "termination"] {
            let label = liaocheng.procedure(id)!.label.zh
            #expect(!label.contains("第四十"), "\(id): \(label)")
        }
    }

    /// The brief view, in Chinese, of every fixture and every human format: no ASCII word
    /// but what the profile typed (its file, its texts), mail or web addresses, and the
    /// texts' own abbreviations in capitals. (The full view, notes included, is read by
    /// `LanguageScanTests`.)
    @Test func chineseReportsHaveNoEnglishWords() throws {
        let runner = FixtureRunner(policies: Self.policies)
        // A word with a small letter: capitals alone are the texts' own abbreviations (PDF, ICU).
        let word = try Regex("[A-Za-z_]*[a-z][A-Za-z_]*[A-Za-z_]|[A-Za-z_][a-z]")
        var leaks: [String] = []
        for fixture in Self.fixtures {
            guard let evaluation = runner.run(fixture).evaluation else { continue }
            var typed = [evaluation.profileSource]
            for case .text(let text) in evaluation.profile.facts.values { typed.append(text) }
            for (index, report) in renders(evaluation, .zh, brief: true).enumerated() {
                var body = index == 2 ? report.components(separatedBy: "<body>").last ?? report : report
                for text in typed { body = body.replacingOccurrences(of: text, with: "") }
                for line in body.split(separator: "\n") {
                    let stripped = line.replacing(try Regex("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|https?://[^ ）)]+|<[^>]*>|&[a-z]+;|&#[0-9]+;"), with: "")
                    if stripped.contains(word) { leaks.append("\(fixture.region)/\(fixture.name): \(line)") }
                }
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(5).joined(separator: "\n"))")
    }

    @Test func theRegionsCompareInEveryFormat() throws {
        let fixture = try #require(Self.fixtures.first { $0.name == "specialty-hospital-150-beds-department-not-independent" })
        let profile = try FixtureRunner(policies: Self.policies).prepare(fixture).get().profile
        let asOf = CivilDate(iso: "2026-11-26")!
        let evaluations = ["beijing", "national", "shanghai"].map {
            Evaluator(policy: Self.policies.policies[$0]!, calendar: Self.policies.calendar)!.evaluate(profile, asOf: asOf)
        }
        let report = ComparisonReport(policies: Self.policies, language: .zh)
        let json = try JSONSerialization.jsonObject(with: Data(report.json(evaluations).utf8)) as? [String: Any]
        #expect(json?["verdict"] as? String == "ineligible")
        _ = try XMLDocument(xmlString: report.html(evaluations), options: [])
        let table = report.render(evaluations)
        #expect(table.contains("无此情形"))
        #expect(!table.contains("| 符合 第十二条"))
        #expect(ComparisonReport.verdict(evaluations) == .ineligible)
    }

    /// Out of scope is a failed provision with its citation: Beijing 一 for a general hospital.
    @Test func outOfScopeCitesItsProvisions() throws {
        let evaluation = try evaluation("beijing", "general-hospital-out-of-scope")
        #expect(evaluation.verdict == .outOfScope)
        let text = TextReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        #expect(text.contains("✗ 北京市一「本市社区卫生服务中心（站）"))
        let json = JSONReport(vocabulary: Self.policies.vocabulary, language: .zh).render(evaluation)
        #expect(json.contains("\"provisions\""))
        #expect(json.contains("\"section\": \"一\""))
    }
}
