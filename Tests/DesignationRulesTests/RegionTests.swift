import Foundation
import Testing
@testable import DesignationRules

/// A region extends a parent and changes it only in the open.
@Suite struct RegionTests {
    static let vocabulary = """
    { facts: {
        beds: { type: "integer", label: { zh: "床位", en: "Beds" }, min: 0, max: 20000 },
        opened: { type: "date", label: { zh: "运营日期", en: "Opened" } },
        kind: { type: "enum", label: { zh: "类别", en: "Kind" }, values: [
          { id: "clinic", zh: "诊所", en: "Clinic" }, { id: "pharmacy", zh: "药店", en: "Pharmacy" }] },
    } }
    """

    static let parent = """
    { id: "base", document: { title: "T", number: "N", issuer: "I" }, status: "in-force",
      scope: { zh: "全部", en: "all" },
      \(TestPolicy.procedure)
      parameters: { wait: { value: "3 months", citation: { article: "第一条" }, quote: "q", label: { zh: "期", en: "wait" } } },
      rules: [
        { id: "operation", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "today > opened + wait" },
        { id: "beds", kind: "condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 10" },
        { id: "staff", kind: "condition", citation: { article: "第三条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },
      ] }
    """

    func policies(_ child: String) throws -> Result<PolicySet, DiagnosticList> {
        try TemporaryPolicies.load(["vocabulary/common.json5": Self.vocabulary, "base.json5": Self.parent, "region.json5": child])
    }

    func child(_ body: String, scope: String = "") -> String {
        """
        { id: "region", extends: "base", document: { title: "R", number: "N", issuer: "I" }, status: "in-force",
          scope: { zh: "诊所", en: "clinics"\(scope) },
          \(body) }
        """
    }

    func evaluate(_ set: PolicySet, _ facts: [String: Value]) -> Evaluation {
        Evaluator(policy: set.policies["region"]!, calendar: .weekendsOnly)!
            .evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
    }

    func status(_ evaluation: Evaluation, _ id: String) -> RuleStatus? {
        evaluation.rules.first { $0.rule.id == id }?.status
    }

    @Test func aReplacedParameterChangesTheInheritedRule() throws {
        let set = try policies(child("""
          parameters: { wait: { value: "2 months", replaces: true, citation: { section: "六" }, quote: "q2", label: { zh: "期", en: "wait" } } },
        """)).get()
        let facts: [String: Value] = ["opened": .date(CivilDate(iso: "2026-09-10")!), "beds": .integer(20)]
        // 2026-09-10 + 2 months = 2026-11-10 < 2026-11-26 (region), + 3 months = 2026-12-10 (base).
        #expect(status(evaluate(set, facts), "operation") == .pass)
        let base = Evaluator(policy: set.policies["base"]!, calendar: .weekendsOnly)!.evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
        #expect(status(base, "operation") == .fail)
        let parameter = set.policies["region"]!.parameters.first { $0.name == "wait" }!
        #expect(parameter.superseded?.citation.document == "base")
        #expect(parameter.citation.document == "region")
    }

    @Test func aReplacedRuleTakesTheInheritedPlaceAndRemembersIt() throws {
        let set = try policies(child("""
          rules: [{ id: "region-beds", replaces: "beds", kind: "condition", citation: { section: "二" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 30" }],
        """)).get()
        let region = set.policies["region"]!
        #expect(region.rules.map(\.id) == ["operation", "region-beds", "staff"])
        #expect(region.rules[1].superseded?.id == "beds")
        #expect(region.rules[1].superseded?.citation.article == "第二条")
        #expect(status(evaluate(set, ["beds": .integer(20), "opened": .date(CivilDate(iso: "2020-01-01")!)]), "region-beds") == .fail)
    }

    @Test func waiversForEveryoneAndForSomeApplicants() throws {
        let set = try policies(child("""
          waives: [
            { rule: "staff", citation: { section: "三" }, quote: "q", explain: { zh: "x", en: "x" } },
            { rule: "beds", applies_if: "kind == 'pharmacy'", citation: { section: "四" }, quote: "q", explain: { zh: "x", en: "x" } },
          ],
        """)).get()
        let pharmacy = evaluate(set, ["kind": .text("pharmacy"), "beds": .integer(0), "opened": .date(CivilDate(iso: "2020-01-01")!)])
        #expect(status(pharmacy, "staff") == .waived)
        #expect(status(pharmacy, "beds") == .waived)
        #expect(pharmacy.verdict == .eligible)
        let clinic = evaluate(set, ["kind": .text("clinic"), "beds": .integer(0), "opened": .date(CivilDate(iso: "2020-01-01")!)])
        #expect(status(clinic, "beds") == .fail)
        let unknownKind = evaluate(set, ["beds": .integer(0), "opened": .date(CivilDate(iso: "2020-01-01")!)])
        #expect(status(unknownKind, "beds") == .unknown)
        #expect(unknownKind.questions == ["kind"])
        // Batch mode decides each of them as the traced evaluation does: a waiver whose
        // condition is unknown leaves a failure unknown there too.
        let evaluator = try #require(Evaluator(policy: set.policies["region"]!, calendar: .weekendsOnly))
        for evaluation in [pharmacy, clinic, unknownKind] {
            let decision = evaluator.decide(evaluation.profile, asOf: evaluation.asOf)
            #expect(decision.statuses == evaluation.rules.map(\.status))
            #expect(decision.questions == evaluation.questions)
            #expect(decision.verdict == evaluation.verdict)
        }
    }

    @Test func anApplicantOutsideTheScopeGetsThatAnswerAlone() throws {
        let set = try policies(child("", scope: #", applies_if: "kind == 'clinic'""#)).get()
        let outside = evaluate(set, ["kind": .text("pharmacy")])
        #expect(outside.verdict == .outOfScope)
        #expect(outside.rules.isEmpty)
        let unknown = evaluate(set, ["beds": .integer(20), "opened": .date(CivilDate(iso: "2020-01-01")!)])
        #expect(unknown.verdict == .undetermined)
        #expect(unknown.questions.first == "kind")
    }

    func errors(_ child: String) throws -> [String] {
        switch try policies(child) {
        case .success: return []
        case .failure(let list): return list.diagnostics.filter { $0.severity == .error }.map(\.code)
        }
    }

    @Test func changesMustBeMadeInTheOpen() throws {
        #expect(try errors(child("""
          parameters: { wait: { value: "2 months", citation: { section: "六" }, quote: "q", label: { zh: "期", en: "wait" } } },
        """)) == ["hidden-replacement"])
        #expect(try errors(child("""
          parameters: { wait: { value: "2", replaces: true, citation: { section: "六" }, quote: "q", label: { zh: "期", en: "wait" } } },
        """)) == ["type-mismatch"])
        #expect(try errors(child("""
          rules: [{ id: "beds", kind: "condition", citation: { section: "二" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 30" }],
        """)) == ["hidden-replacement"])
        #expect(try errors(child("""
          rules: [{ id: "b2", replaces: "bedz", kind: "condition", citation: { section: "二" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 30" }],
        """)) == ["nothing-to-replace"])
        #expect(try errors(child("""
          waives: [{ rule: "staf", citation: { section: "三" }, quote: "q", explain: { zh: "x", en: "x" } }],
        """)) == ["nothing-to-replace"])
    }

    @Test func extendsMustNameAPolicyOfTheFolderWithoutCycles() throws {
        #expect(try errors(child("").replacingOccurrences(of: "extends: \"base\"", with: "extends: \"../base\"")) == ["unknown-parent"])
        let cyclic = child("").replacingOccurrences(of: "extends: \"base\"", with: "extends: \"region\"")
        #expect(try errors(cyclic) == ["extends-cycle"])
    }
}

/// A policy may lay down several procedures; each rule belongs to one through its kind.
@Suite struct ProcedureTests {
    @Test func rulesAndDeadlinesBelongToTheirProcedure() throws {
        let tests = RegionTests()
        let set = try tests.policies(tests.child("""
          procedures: { termination: { label: { zh: "解除", en: "Termination" },
            stages: [{ id: "review", label: { zh: "审查", en: "Review" },
              outcomes: [{ id: "terminate", label: { zh: "解除协议", en: "Terminate" }, when_failed: ["ground"], verdict: "ineligible" }],
              otherwise: { id: "continue", label: { zh: "继续履行", en: "Continue" }, verdict: "eligible" } }],
            kinds: { ground: { stage: "review", label: { zh: "解除情形", en: "Grounds" } } } } },
          rules: [{ id: "t1", kind: "ground", citation: { section: "七" }, quote: "q", explain: { zh: "x", en: "x" }, fails_if: "beds > 100" }],
          deadlines: [{ id: "notice", procedure: "termination", citation: { section: "七" }, quote: "q", label: { zh: "期", en: "due" }, date: "opened + 3 months" }],
        """)).get()
        let region = set.policies["region"]!
        #expect(region.procedures.map(\.id) == ["application", "termination"])
        let facts: [String: Value] = ["beds": .integer(120), "opened": .date(CivilDate(iso: "2020-01-01")!)]
        let termination = try #require(Evaluator(policy: region, calendar: .weekendsOnly, procedure: "termination"))
        let result = termination.evaluate(Profile(facts: facts, source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
        #expect(result.rules.map(\.rule.id) == ["t1"])
        #expect(result.stages.map { $0.outcome?.id } == ["terminate"])
        #expect(result.deadlines.map(\.deadline.id) == ["notice"])
        let application = try #require(Evaluator(policy: region, calendar: .weekendsOnly))
        #expect(application.rules.map(\.id) == ["operation", "beds", "staff"])
        #expect(Evaluator(policy: region, calendar: .weekendsOnly, procedure: "renewal") == nil)
    }

    @Test func aKindBelongsToOneProcedure() throws {
        let tests = RegionTests()
        let errors = try tests.errors(tests.child("""
          procedures: { termination: { label: { zh: "解除", en: "Termination" },
            stages: [{ id: "s", label: { zh: "s", en: "s" }, outcomes: [], otherwise: { id: "yes", label: { zh: "是", en: "yes" }, verdict: "eligible" } }],
            kinds: { condition: { stage: "s", label: { zh: "条件", en: "Conditions" } } } } },
        """))
        #expect(errors == ["duplicate-id"])
    }
}

/// A procedure may speak to other institutions than the text's application does (an
/// institution already designated, not an applicant): its own scope replaces the text's
/// for that procedure, on both evaluation paths.
@Suite struct ProcedureScopeTests {
    static let policy = """
    { id: "base", document: { title: "T", number: "N", issuer: "I" }, status: "in-force",
      scope: { zh: "新申请的诊所", en: "clinics applying", applies_if: "kind == 'clinic'" },
      \(TestPolicy.procedure)
      procedures: {
        review: {
          label: { zh: "已定点药店的审查", en: "Review of designated pharmacies" },
          scope: { zh: "已定点的药店", en: "designated pharmacies", applies_if: "kind == 'pharmacy'" },
          stages: [{ id: "r", label: { zh: "r", en: "r" },
            outcomes: [{ id: "fails", label: { zh: "否", en: "no" }, when_failed: ["review-condition"], verdict: "ineligible" }],
            otherwise: { id: "passes", label: { zh: "是", en: "yes" }, verdict: "eligible" } }],
          kinds: { "review-condition": { stage: "r", label: { zh: "条件", en: "Conditions" } } },
        },
      },
      rules: [
        { id: "beds", kind: "condition", citation: { article: "第一条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 10" },
        { id: "review-beds", kind: "review-condition", citation: { article: "第二条" }, quote: "q", explain: { zh: "x", en: "x" }, requires: "beds >= 1" },
      ] }
    """

    @Test func aProcedureScopeReplacesTheTextsForThatProcedure() throws {
        let set = try TemporaryPolicies.load(["vocabulary/common.json5": RegionTests.vocabulary, "base.json5": Self.policy]).get()
        let pharmacy = Profile(facts: ["kind": .text("pharmacy"), "beds": .integer(2)], source: "p")
        let asOf = CivilDate(iso: "2026-11-26")!
        let application = try #require(Evaluator(policy: set.policies["base"]!, calendar: .weekendsOnly))
        let review = try #require(Evaluator(policy: set.policies["base"]!, calendar: .weekendsOnly, procedure: "review"))
        #expect(application.evaluate(pharmacy, asOf: asOf).verdict == .outOfScope)
        #expect(application.decide(pharmacy, asOf: asOf).verdict == .outOfScope)
        let reviewed = review.evaluate(pharmacy, asOf: asOf)
        #expect(reviewed.verdict == .eligible)
        #expect(reviewed.scopeLabel.en == "designated pharmacies")
        #expect(review.decide(pharmacy, asOf: asOf).verdict == .eligible)
        let clinic = Profile(facts: ["kind": .text("clinic"), "beds": .integer(20)], source: "c")
        #expect(review.evaluate(clinic, asOf: asOf).verdict == .outOfScope)
        #expect(application.evaluate(clinic, asOf: asOf).verdict == .eligible)
    }

    /// A region amends an inherited procedure without copying it: an entry without
    /// `stages` keeps the parent's stages and kinds and gives the procedure a scope, here
    /// one of the file's named `scopes`.
    @Test func aRegionAmendsAnInheritedProcedureWithANamedScope() throws {
        let region = """
        { id: "region", extends: "base", document: { title: "R", number: "N", issuer: "I" }, status: "in-force",
          scope: { zh: "诊所", en: "clinics", applies_if: "kind == 'clinic'" },
          scopes: { pharmacies: { zh: "药店", en: "pharmacies here", applies_if: "kind == 'pharmacy' and beds >= 0" } },
          procedures: { review: { scope: "pharmacies" } } }
        """
        let set = try TemporaryPolicies.load(["vocabulary/common.json5": RegionTests.vocabulary, "base.json5": Self.policy, "region.json5": region]).get()
        let review = try #require(Evaluator(policy: set.policies["region"]!, calendar: .weekendsOnly, procedure: "review"))
        #expect(review.procedure.stages.map(\.id) == ["r"])
        let evaluation = review.evaluate(Profile(facts: ["kind": .text("pharmacy"), "beds": .integer(0)], source: "p"), asOf: CivilDate(iso: "2026-11-26")!)
        #expect(evaluation.scopeLabel.en == "pharmacies here")
        #expect(evaluation.verdict == .ineligible)
        let wrong = region.replacingOccurrences(of: "scope: \"pharmacies\" }", with: "scope: \"pharmacy\" }")
        guard case .failure(let errors) = try TemporaryPolicies.load(["vocabulary/common.json5": RegionTests.vocabulary, "base.json5": Self.policy, "region.json5": wrong]) else {
            Issue.record("an undeclared scope name loaded")
            return
        }
        #expect(errors.diagnostics.contains { $0.code == "undeclared-scope" && $0.message.contains("declared: pharmacies") })
    }
}
