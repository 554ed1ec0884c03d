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
    ///
    /// With `onlyRegion`, loads what evaluating under that region needs: its file and each
    /// one it extends, with the whole vocabulary, the calendar and their notices. Other
    /// regions' files are not read (their errors go unreported), unless the region cites
    /// one of them. A region the folder lacks gives a set without policies.
    public init(directory: URL, checkingQuotes: Bool = false, onlyRegion region: String? = nil) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        let vocabulary = Self.loadVocabulary(directory.appendingPathComponent(Self.vocabularyFolder), diagnostics)
        let calendar = Self.loadCalendar(directory.appendingPathComponent(Self.calendarFile), diagnostics)
        let files = Self.files(in: directory, diagnostics)
        let names = files.map(Self.id(of:)).sorted()
        let roots = region.map { Self.parseChain(from: $0, files, diagnostics) } ?? Self.parseAll(files, diagnostics)
        var policies: [String: Policy] = [:]
        for id in Self.loadOrder(roots.mapValues(\.root), names: region == nil ? nil : names, diagnostics) {
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
        if region != nil, !policies.values.allSatisfy({ $0.citedDocuments.intersection(names).isSubset(of: policies.keys) }) {
            // A notice names another text by its title, so a text cited from outside the chain is needed too.
            self = try PolicySet(directory: directory, checkingQuotes: checkingQuotes)
            return
        }
        self.directory = directory
        self.vocabulary = vocabulary
        self.policies = policies
        self.calendar = calendar
        self.warnings = list.diagnostics
        self.folderRegionIDs = names
    }

    /// The region ids of the policies loaded, sorted: every policy of the folder, unless
    /// only one region's were loaded.
    public var regionIDs: [String] { policies.keys.sorted() }

    /// The region ids of every policy file in the folder, loaded or not, sorted.
    public let folderRegionIDs: [String]

    /// A policy's id: its file name without the extension.
    static func id(of file: URL) -> String { file.deletingPathExtension().lastPathComponent }

    /// The policy files of a folder: `*.json5` at its top level.
    static func files(in directory: URL, _ diagnostics: DiagnosticCollector) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let files = names.sorted().filter { $0.hasSuffix(".json5") }.map { directory.appendingPathComponent($0) }
        if files.isEmpty { diagnostics.error("no-policies", at: nil, "no policy files (*.json5) found in \(directory.path)") }
        return files
    }

    /// Every policy file, parsed, by id.
    static func parseAll(_ files: [URL], _ diagnostics: DiagnosticCollector) -> [String: (url: URL, root: JSONNode)] {
        var roots: [String: (url: URL, root: JSONNode)] = [:]
        for url in files {
            if let root = parse(url, diagnostics) { roots[id(of: url)] = (url, root) }
        }
        return roots
    }

    /// The file of `region`, then the one it extends, and so on, parsed, by id. A cycle
    /// stops at a file read already (`loadOrder` reports it).
    static func parseChain(from region: String, _ files: [URL], _ diagnostics: DiagnosticCollector) -> [String: (url: URL, root: JSONNode)] {
        var roots: [String: (url: URL, root: JSONNode)] = [:]
        var next: String? = region
        while let id = next, roots[id] == nil, let url = files.first(where: { Self.id(of: $0) == id }),
              let root = parse(url, diagnostics) {
            roots[id] = (url, root)
            next = parentID(of: root)
        }
        return roots
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
    /// not a policy of this folder, or a cycle, is an error naming the `extends` line and
    /// the folder's policies (`names`, when not every file was read).
    static func loadOrder(_ roots: [String: JSONNode], names: [String]? = nil, _ diagnostics: DiagnosticCollector) -> [String] {
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
                    diagnostics.error("unknown-parent", at: extends.value.location, "`extends` names `\(name)`, which is not a policy of this folder; policies: \((names ?? Array(roots.keys)).sorted().joined(separator: ", "))")
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
