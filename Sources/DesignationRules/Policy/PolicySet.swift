import Foundation

/// Every policy in a folder, loaded and checked against the folder's vocabulary.
///
/// A folder holds `vocabulary.json5`, one `<region>.json5` per jurisdiction and the
/// official texts under `sources/`. Loading reports every problem of every file at once.
public struct PolicySet: Sendable {
    public let directory: URL
    public let vocabulary: Vocabulary
    /// Policies by region id.
    public let policies: [String: Policy]
    public let calendar: WorkingDayCalendar
    /// Warnings found while loading (errors make loading throw).
    public let warnings: [Diagnostic]

    public static let vocabularyFile = "vocabulary.json5"

    /// Loads the folder; throws every error found, sorted by position.
    public init(directory: URL) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        let fileManager = FileManager.default
        let vocabularyURL = directory.appendingPathComponent(Self.vocabularyFile)
        var vocabulary = Vocabulary([])
        if let root = Self.parse(vocabularyURL, diagnostics) {
            vocabulary = VocabularyLoader(diagnostics: diagnostics).load(root)
        }
        var policies: [String: Policy] = [:]
        let names = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        if names.isEmpty {
            diagnostics.error("no-policies", at: nil, "no policy files found in \(directory.path)")
        }
        for name in names.sorted() where name.hasSuffix(".json5") && name != Self.vocabularyFile {
            let url = directory.appendingPathComponent(name)
            guard let root = Self.parse(url, diagnostics) else { continue }
            if let policy = PolicyLoader(vocabulary: vocabulary, diagnostics: diagnostics).load(root, file: url.path) {
                policies[policy.id] = policy
            }
        }
        let list = DiagnosticList(diagnostics.diagnostics)
        if list.hasErrors { throw list }
        self.directory = directory
        self.vocabulary = vocabulary
        self.policies = policies
        self.calendar = .weekendsOnly
        self.warnings = list.diagnostics
    }

    /// The region ids shipped in this folder, sorted.
    public var regionIDs: [String] { policies.keys.sorted() }

    static func parse(_ url: URL, _ diagnostics: DiagnosticCollector) -> JSONNode? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.error("unreadable", at: nil, "cannot read \(url.path)")
            return nil
        }
        do {
            return try JSON5.parse([UInt8](data), file: url.path)
        } catch {
            diagnostics.add(error.diagnostic)
            return nil
        }
    }
}
