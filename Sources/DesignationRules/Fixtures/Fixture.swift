import Foundation

/// A test case as data: a profile `NAME.json` that `evaluate` reads as it is, and
/// beside it `NAME.expected.json` with what the article text says the result must be.
///
///     { "as_of": "2026-11-26", "summary": "…", "procedure": "termination",  // default application
///       "verdict": "ineligible",
///       "stages": { "acceptance": "refused", "evaluation": "qualified" },
///       "rules": { "art5-licence": "pass", … every rule … },
///       "passes_from": { "art6-1-operation": "2026-12-02" },
///       "deadlines": { "supplement-notice-due": "2026-12-03" },
///       "earliest_eligible": "2026-12-02",      // or "none": some failure time does not cure
///       "judged_on": { "acceptance": "2026-11-19", "evaluation": "2026-12-10" },
///       "text": "national" }                    // the text that governs; default the region's own
///
/// The region is the name of the fixture's folder (`fixtures/national/…`).
public struct Fixture: Sendable {
    public var name: String
    public var region: String
    public var profile: URL
    public var expectation: URL

    /// The fixtures a list of paths names: a fixtures root (folders per region), one
    /// region's folder, or single profiles (`fixtures/national/NAME.json`).
    public static func collect(_ paths: [URL]) -> [Fixture] {
        var fixtures: [Fixture] = []
        for url in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if !isDirectory.boolValue {
                fixtures += fixture(url).map { [$0] } ?? []
            } else if ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).contains(where: { $0.hasSuffix(".json") }) {
                fixtures += inRegionFolder(url)
            } else {
                fixtures += all(in: url)
            }
        }
        return fixtures
    }

    /// The fixture whose profile is `url`, named after its file and its folder's region.
    static func fixture(_ url: URL) -> Fixture? {
        let file = url.lastPathComponent
        guard file.hasSuffix(".json"), !file.hasSuffix(".expected.json") else { return nil }
        let name = String(file.dropLast(".json".count))
        let folder = url.deletingLastPathComponent()
        return Fixture(name: name, region: folder.lastPathComponent, profile: url,
                       expectation: folder.appendingPathComponent(name + ".expected.json"))
    }

    static func inRegionFolder(_ folder: URL) -> [Fixture] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
            .compactMap { fixture(folder.appendingPathComponent($0)) }
    }

    /// Every fixture under `root` (`fixtures/`), sorted by region and name.
    public static func all(in root: URL) -> [Fixture] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).sorted()
            .flatMap { inRegionFolder(root.appendingPathComponent($0)) }
    }
}

/// What a fixture expects, read from `NAME.expected.json`.
public struct Expectation: Sendable {
    public var asOf: CivilDate
    /// What the case is and which articles decide it, for the people who read it.
    public var summary: String?
    /// The procedure evaluated: `application` unless the expectation names another.
    public var procedure: String
    public var verdict: String
    public var stages: [String: String]
    public var rules: [String: String]
    public var passesFrom: [String: String]
    public var deadlines: [String: String]
    /// The earliest eligible date, "none", or nil when the fixture does not say.
    public var earliestEligible: String?
    /// The day each stage is judged on, by stage id, where the fixture says.
    public var judgedOn: [String: String]
    /// The id of the text that governs, when not the region's own (its text expired by
    /// the day the application was received).
    public var text: String?

    public init(bytes: [UInt8], file: String) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        let root: JSONNode
        do { root = try JSON5.parse(bytes, file: file) } catch { throw DiagnosticList([error.diagnostic]) }
        guard var reader = ObjectReader(root, "the expectation", diagnostics) else { throw DiagnosticList(diagnostics.diagnostics) }
        let asOf = reader.date("as_of", required: true)
        summary = reader.string("summary")
        procedure = reader.string("procedure") ?? Procedure.application
        let verdict = reader.string("verdict", required: true)
        func strings(_ key: String, required: Bool = false) -> [String: String] {
            guard let members = reader.member(key, required: required)?.members else { return [:] }
            var result: [String: String] = [:]
            for member in members {
                if let text = member.value.string { result[member.key] = text }
                else { diagnostics.error("wrong-type", at: member.value.location, "`\(key).\(member.key)` must be a string") }
            }
            return result
        }
        stages = strings("stages", required: true)
        rules = strings("rules", required: true)
        passesFrom = strings("passes_from")
        deadlines = strings("deadlines")
        earliestEligible = reader.string("earliest_eligible")
        judgedOn = strings("judged_on")
        text = reader.string("text")
        reader.finish()
        guard let asOf, let verdict, !diagnostics.hasErrors else { throw DiagnosticList(diagnostics.diagnostics) }
        self.asOf = asOf
        self.verdict = verdict
    }
}

