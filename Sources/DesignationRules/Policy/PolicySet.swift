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
        let files = Self.files(in: directory)
        let names = files.map(Self.id(of:)).sorted()
        let vocabulary = Self.vocabulary(in: directory.appendingPathComponent(Self.vocabularyFolder), diagnostics)
        let calendar = Self.calendar(in: directory, diagnostics)
        if files.isEmpty { diagnostics.error("no-policies", at: nil, "no policy files (*.json5) found in \(directory.path)") }
        // With `onlyRegion`, the texts the region extends are known once its file is read.
        let roots = region.map { Self.parseChain(from: $0, files, diagnostics) } ?? Self.parseAll(files, diagnostics)
        let order = Self.loadOrder(roots.mapValues(\.root), names: names, diagnostics)
        let parents = Self.parentFiles(roots, directory)
        let context = PolicyContext(vocabulary: vocabulary, directory: directory, checkingQuotes: checkingQuotes)
        let loaded = Self.load(order, roots, context)
        for id in order { loaded.diagnostics[id]?.forEach(diagnostics.add) }
        let policies = Self.withAncestors(loaded.policies)
        NoteChecker(vocabulary: vocabulary).problems(policies).forEach(diagnostics.add)
        let list = DiagnosticList(RootCauses.mark(diagnostics.diagnostics, parents: parents, folder: directory.path))
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

    /// Each policy with the texts it extends, nearest first (their own chains left out:
    /// the list is the whole chain already).
    static func withAncestors(_ policies: [String: Policy]) -> [String: Policy] {
        policies.mapValues { policy in
            var policy = policy, next = policy.parent
            while let id = next, let parent = policies[id], !policy.ancestors.contains(where: { $0.id == id }) {
                policy.ancestors.append(parent)
                next = parent.parent
            }
            return policy
        }
    }

    /// The region ids of the policies loaded, sorted: every policy of the folder, unless
    /// only one region's were loaded.
    public var regionIDs: [String] { policies.keys.sorted() }

    /// The region ids of every policy file in the folder, loaded or not, sorted.
    public let folderRegionIDs: [String]

    /// A policy's id: its file name without the extension.
    static func id(of file: URL) -> String { file.deletingPathExtension().lastPathComponent }

    /// The policy files of a folder: `*.json5` at its top level, sorted by name.
    static func files(in directory: URL) -> [URL] {
        jsonFiles(in: directory).map { directory.appendingPathComponent($0) }
    }

    /// The names of the `*.json5` files directly in a folder, sorted.
    static func jsonFiles(in directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted().filter { $0.hasSuffix(".json5") }
    }

    /// A policy file and its tree.
    typealias ParsedPolicy = (url: URL, root: JSONNode)

    /// Every policy file, parsed, by id.
    static func parseAll(_ files: [URL], _ diagnostics: DiagnosticCollector) -> [String: ParsedPolicy] {
        var roots: [String: ParsedPolicy] = [:]
        for url in files {
            if let parsed = parsePolicy(url, diagnostics) { roots[id(of: url)] = parsed }
        }
        return roots
    }

    /// The file of `region`, then the one it extends, and so on, parsed, by id. A cycle
    /// stops at a file read already (`loadOrder` reports it).
    static func parseChain(from region: String, _ files: [URL], _ diagnostics: DiagnosticCollector) -> [String: ParsedPolicy] {
        var roots: [String: ParsedPolicy] = [:]
        var next: String? = region
        while let id = next, roots[id] == nil, let url = files.first(where: { Self.id(of: $0) == id }),
              let parsed = parsePolicy(url, diagnostics) {
            roots[id] = parsed
            next = parentID(of: parsed.root)
        }
        return roots
    }

    static func parsePolicy(_ url: URL, _ diagnostics: DiagnosticCollector) -> ParsedPolicy? {
        parse(url, diagnostics).map { (url, $0) }
    }

    /// What loading a policy file needs besides the file and its parent.
    struct PolicyContext: Sendable {
        let vocabulary: Vocabulary
        let directory: URL
        let checkingQuotes: Bool
    }

    /// The policies in `order` loaded, each after the one it extends, with the problems of
    /// each (its own and its notices'). A policy whose parent could not be loaded is left
    /// out, with its problems: the parent's say why.
    static func load(_ order: [String], _ roots: [String: ParsedPolicy], _ context: PolicyContext)
        -> (policies: [String: Policy], diagnostics: [String: [Diagnostic]]) {
        // The headers read so far, for the files that extend them.
        var headers: [String: PolicyHeader] = [:]
        var policies: [String: Policy] = [:], problems: [String: [Diagnostic]] = [:]
        for id in order {
            guard let (url, root) = roots[id] else { continue }
            let parentID = parentID(of: root)
            let parentHeader = parentID.flatMap { headers[$0] }
            if parentID != nil, parentHeader == nil { continue }
            let diagnostics = DiagnosticCollector()
            guard var header = PolicyLoader(vocabulary: context.vocabulary, diagnostics: diagnostics)
                .readHeader(root, file: url.path, parent: parentHeader) else {
                problems[id] = diagnostics.diagnostics
                continue
            }
            let nodes = header.takeItemNodes()
            headers[id] = header
            let parent = parentID.flatMap { policies[$0] }
            if parentID != nil, parent == nil { continue }
            let items = [PolicyLoader.readItems(nodes.rules[...], rules: true, header.items, context.vocabulary),
                         PolicyLoader.readItems(nodes.deadlines[...], rules: false, header.items, context.vocabulary)]
            (policies[id], problems[id]) = assemble(header, items, parent: parent, diagnostics, context)
        }
        return (policies, problems)
    }

    /// One policy assembled over its parent, with its notices, and the problems found.
    static func assemble(_ header: consuming PolicyHeader, _ items: [PolicyItems], parent: Policy?, _ diagnostics: DiagnosticCollector,
                         _ context: PolicyContext) -> (Policy?, [Diagnostic]) {
        let quotes = context.checkingQuotes ? QuoteChecker(directory: context.directory, diagnostics: diagnostics) : nil
        guard var policy = PolicyLoader(vocabulary: context.vocabulary, diagnostics: diagnostics, quoteChecker: quotes)
            .assemble(header, items, parent: parent) else { return (nil, diagnostics.diagnostics) }
        policy.notices = notices(for: policy, inherited: parent?.notices ?? [], context, diagnostics)
        quotes?.checkNotices(of: policy, extending: parent.map { [$0] + $0.ancestors } ?? [],
                             file: noticesURL(of: policy.id, in: context.directory).path)
        return (policy, diagnostics.diagnostics)
    }

    /// The policy's own notices (`notices/<id>.json5`), then the inherited ones it does not
    /// replace by id: the first whose outcome matches is the one a result calls for.
    static func notices(for policy: Policy, inherited: [Notice], _ context: PolicyContext, _ diagnostics: DiagnosticCollector) -> [Notice] {
        guard let root = parsedNotices(of: policy.id, context, diagnostics) else {
            return inherited.filter { notice in notice.when.allSatisfy { when in
                policy.procedure(notice.procedure)?.stages.contains { $0.id == when.stage } == true } }
        }
        let own = NoticeLoader(diagnostics: diagnostics).load(root, for: policy, vocabulary: context.vocabulary)
        let usable = inherited.filter { notice in
            !own.contains { $0.id == notice.id }
                && notice.when.allSatisfy { when in policy.procedure(notice.procedure)?.stages.contains { $0.id == when.stage } == true }
        }
        return own + usable
    }

    /// The notices file of a policy id.
    static func noticesURL(of id: String, in directory: URL) -> URL {
        directory.appendingPathComponent("notices/\(id).json5")
    }

    /// The tree of a policy's notices file; nil when there is none or it cannot be parsed
    /// (reported).
    static func parsedNotices(of id: String, _ context: PolicyContext, _ diagnostics: DiagnosticCollector) -> JSONNode? {
        let url = noticesURL(of: id, in: context.directory)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return parse(url, diagnostics)
    }

    /// Each policy file's path with the path of the file it extends, as diagnostics name them.
    static func parentFiles(_ roots: [String: ParsedPolicy], _ directory: URL) -> [String: String] {
        var parents: [String: String] = [:]
        for (_, parsed) in roots {
            if let parent = parentID(of: parsed.root) { parents[parsed.url.path] = directory.appendingPathComponent(parent + ".json5").path }
        }
        return parents
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
                    if names?.contains(name) == true {
                        // The file is there but could not be read: its own errors say why.
                        diagnostics.error("unknown-parent", at: extends.value.location, "`extends` names `\(name)`, whose file could not be read")
                        state[id] = true
                        return
                    }
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
        parse(read(url), url, diagnostics)
    }

    /// A file's bytes; nil when it cannot be read.
    static func read(_ url: URL) -> [UInt8]? {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
    }

    /// The tree of a file read already (`bytes` nil: it could not be read).
    static func parse(_ bytes: [UInt8]?, _ url: URL, _ diagnostics: DiagnosticCollector) -> JSONNode? {
        guard let bytes else {
            diagnostics.error("unreadable", at: nil, "cannot read \(url.path)")
            return nil
        }
        do {
            return try JSON5.parse(bytes, file: url.path)
        } catch {
            diagnostics.add(error.diagnostic)
            return nil
        }
    }
}
