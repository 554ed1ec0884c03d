import Foundation
@testable import DesignationRules

/// A small vocabulary for unit tests, built in code so the tests do not depend on the shipped files.
enum TestVocabulary {
    static let origin = SourceLocation(file: "test.json5", line: 1, column: 1)

    static func fact(_ path: String, _ type: ValueType, values: [String] = [], fields: [FactDefinition] = []) -> FactDefinition {
        FactDefinition(path: path, type: type, label: Label(zh: path, en: path), unit: nil, form: nil,
                       values: values.map { EnumValue(id: $0, label: Label(zh: $0, en: $0)) }, fields: fields,
                       minimum: nil, maximum: nil, isPastEvent: false, location: origin)
    }

    static let vocabulary = Vocabulary([
        fact("a", .boolean), fact("b", .boolean),
        fact("beds", .integer), fact("ratio", .decimal), fact("name", .text),
        fact("opened", .date), fact("received", .date),
        fact("kind", .enumeration("kind"), values: ["clinic", "hospital"]),
        fact("materials", .list(.enumeration("materials")), values: ["form", "licence"]),
        fact("staff", .list(.record("staff")), fields: [
            fact("staff.registered", .boolean),
            fact("staff.years", .integer),
        ]),
    ])

    static let parameters: [String: Value] = ["threshold": .integer(100), "wait": .period(Period(3, .months))]
    static let checker = TypeChecker(vocabulary: vocabulary, parameters: parameters)

    static func compile(_ text: String) throws -> Compiled {
        try checker.check(try ExpressionParser.parse(text, origin: origin, verbatim: true))
    }

    static func evaluate(_ text: String, _ facts: [String: Value], today: CivilDate = CivilDate(iso: "2026-11-26")!) throws -> Outcome {
        var evaluator = ExpressionEvaluator(facts: facts, today: today, calendar: .weekendsOnly)
        return evaluator.evaluate(try compile(text))
    }
}

/// A policy folder written for one test from files given by path (`base.json5`,
/// `vocabulary/common.json5`, `sources/base.txt`), loaded, and removed again.
enum TemporaryPolicies {
    static func load(_ files: [String: String], checkingQuotes: Bool = false, onlyRegion: String? = nil) throws -> Result<PolicySet, DiagnosticList> {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("policies-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for (path, text) in files {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        do { return .success(try PolicySet(directory: directory, checkingQuotes: checkingQuotes, onlyRegion: onlyRegion)) } catch { return .failure(error) }
    }
}

/// The one-stage procedure the small policies of the tests share: a failed `condition`
/// makes the applicant ineligible. Six lines, as written out before, so that the line
/// numbers the tests expect in their policies stay the same.
enum TestPolicy {
    static let procedure = """
    procedure: {
        stages: [{ id: "s", label: { zh: "s", en: "s" },
          outcomes: [{ id: "no", label: { zh: "否", en: "no" }, when_failed: ["condition"], verdict: "ineligible" }],
          otherwise: { id: "yes", label: { zh: "是", en: "yes" }, verdict: "eligible" } }],
        kinds: { condition: { stage: "s", label: { zh: "条件", en: "Conditions" } } },
      },
    """
}
