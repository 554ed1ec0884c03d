import Foundation

/// Every policy in a folder, loaded, merged along `extends`, and checked against the
/// folder's vocabulary.
///
/// The folder holds `vocabulary/*.json5` (one vocabulary, split by theme or region),
/// one `<region>.json5` per jurisdiction, the holiday arrangements under `calendar/`,
/// and the official texts under `sources/`.
/// Loading reports every problem of every file at once.
public struct PolicySet: Sendable {
    public let directory: URL
    public let vocabulary: Vocabulary
    /// Policies by region id, each merged with the policies it extends.
    public let policies: [String: Policy]
    public let calendar: WorkingDayCalendar
    /// Warnings found while loading (errors make loading throw).
    public let warnings: [Diagnostic]

    public static let vocabularyFolder = "vocabulary"
    /// The holiday arrangements that working days are counted on.
    public static let calendarFile = "calendar/cn-holidays.json"

    /// Loads the folder; throws every error found, sorted by position. With
    /// `checkingQuotes`, every quoted wording is also looked up in its official text.
    public init(directory: URL, checkingQuotes: Bool = false) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        let vocabulary = Self.loadVocabulary(directory.appendingPathComponent(Self.vocabularyFolder), diagnostics)
        let calendar = Self.loadCalendar(directory.appendingPathComponent(Self.calendarFile), diagnostics)
        var roots: [String: (url: URL, root: JSONNode)] = [:]
        for url in Self.files(in: directory, diagnostics) {
            if let root = Self.parse(url, diagnostics) { roots[url.deletingPathExtension().lastPathComponent] = (url, root) }
        }
        var policies: [String: Policy] = [:]
        for id in Self.loadOrder(roots.mapValues(\.root), diagnostics) {
            let (url, root) = roots[id]!
            let parent = Self.parentID(of: root).flatMap { policies[$0] }
            if Self.parentID(of: root) != nil, parent == nil { continue }  // the parent failed; already reported
            let quotes = checkingQuotes ? QuoteChecker(directory: directory, diagnostics: diagnostics) : nil
            if var policy = PolicyLoader(vocabulary: vocabulary, diagnostics: diagnostics, quoteChecker: quotes).load(root, file: url.path, parent: parent) {
                policy.notices = Self.notices(for: policy, in: directory, inherited: parent?.notices ?? [], vocabulary, diagnostics)
                policies[id] = policy
            }
        }
        let list = DiagnosticList(diagnostics.diagnostics)
        if list.hasErrors { throw list }
        self.directory = directory
        self.vocabulary = vocabulary
        self.policies = policies
        self.calendar = calendar
        self.warnings = list.diagnostics
    }

    /// The region ids shipped in this folder, sorted.
    public var regionIDs: [String] { policies.keys.sorted() }

    /// The policy files of a folder: `*.json5` at its top level.
    static func files(in directory: URL, _ diagnostics: DiagnosticCollector) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.sorted().filter { $0.hasSuffix(".json5") }.map { directory.appendingPathComponent($0) }
        if files.isEmpty { diagnostics.error("no-policies", at: nil, "no policy files (*.json5) found in \(directory.path)") }
        return files
    }

    /// All vocabulary files merged; a fact declared in two files is an error.
    static func loadVocabulary(_ folder: URL, _ diagnostics: DiagnosticCollector) -> Vocabulary {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().filter { $0.hasSuffix(".json5") }
        if names.isEmpty { diagnostics.error("no-vocabulary", at: nil, "no vocabulary files (*.json5) found in \(folder.path)") }
        var facts: [FactDefinition] = []
        var firstLocations: [String: SourceLocation] = [:]
        for name in names {
            guard let root = parse(folder.appendingPathComponent(name), diagnostics) else { continue }
            for fact in VocabularyLoader(diagnostics: diagnostics).load(root) {
                if let first = firstLocations[fact.path] {
                    diagnostics.error("duplicate-id", at: fact.location, "fact `\(fact.path)` is declared twice (first at \(first))")
                } else {
                    firstLocations[fact.path] = fact.location
                    facts.append(fact)
                }
            }
        }
        return Vocabulary(facts)
    }

    /// The holiday arrangements; without the file, every working-day count is approximate.
    static func loadCalendar(_ url: URL, _ diagnostics: DiagnosticCollector) -> WorkingDayCalendar {
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.warning("no-calendar", at: nil, "no holiday calendar at \(url.path): working days are counted on weekends alone, and marked approximate")
            return .weekendsOnly
        }
        return parse(url, diagnostics).map { CalendarLoader(diagnostics: diagnostics).load($0) } ?? .weekendsOnly
    }

    /// The policy's own notices (`notices/<id>.json5`), then the inherited ones it does not
    /// replace by id: the first whose outcome matches is the one a result calls for.
    static func notices(for policy: Policy, in directory: URL, inherited: [Notice], _ vocabulary: Vocabulary,
                        _ diagnostics: DiagnosticCollector) -> [Notice] {
        let url = directory.appendingPathComponent("notices/\(policy.id).json5")
        guard FileManager.default.fileExists(atPath: url.path), let root = parse(url, diagnostics) else {
            return inherited.filter { notice in notice.when.allSatisfy { when in
                policy.procedure(notice.procedure)?.stages.contains { $0.id == when.stage } == true } }
        }
        let own = NoticeLoader(diagnostics: diagnostics).load(root, for: policy, vocabulary: vocabulary)
        let usable = inherited.filter { notice in
            !own.contains { $0.id == notice.id }
                && notice.when.allSatisfy { when in policy.procedure(notice.procedure)?.stages.contains { $0.id == when.stage } == true }
        }
        return own + usable
    }

    /// The id a policy file `extends`, read before the file is loaded.
    static func parentID(of root: JSONNode) -> String? { root.member("extends")?.value.string }

    /// Policies ordered so that each comes after the one it extends. A parent that is
    /// not a policy of this folder, or a cycle, is an error naming the `extends` line.
    static func loadOrder(_ roots: [String: JSONNode], _ diagnostics: DiagnosticCollector) -> [String] {
        var order: [String] = []
        var state: [String: Bool] = [:]  // false: being visited, true: done
        func visit(_ id: String, path: [String]) {
            if state[id] == true { return }
            let extends = roots[id]?.member("extends")
            if state[id] == false {
                diagnostics.error("extends-cycle", at: extends?.value.location, "`extends` forms a cycle: \((path + [id]).joined(separator: " → "))")
                return
            }
            state[id] = false
            if let extends {
                guard let parent = extends.value.string, roots[parent] != nil else {
                    let name = extends.value.string ?? extends.value.kindName
                    diagnostics.error("unknown-parent", at: extends.value.location, "`extends` names `\(name)`, which is not a policy of this folder; policies: \(roots.keys.sorted().joined(separator: ", "))")
                    state[id] = true
                    return
                }
                visit(parent, path: path + [id])
            }
            state[id] = true
            order.append(id)
        }
        for id in roots.keys.sorted() { visit(id, path: []) }
        return order
    }

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
