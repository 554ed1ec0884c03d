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
        // With `onlyRegion`, the texts the region extends are known once its file is read.
        var early = IndependentFiles(directory: directory, policies: region.map { id in files.filter { Self.id(of: $0) == id } } ?? files)
        let vocabulary = early.vocabulary(diagnostics)
        let calendar = early.calendar(diagnostics)
        if files.isEmpty { diagnostics.error("no-policies", at: nil, "no policy files (*.json5) found in \(directory.path)") }
        let roots = region.map { Self.parseChain(from: $0, files, &early, diagnostics) } ?? Self.parseAll(files, &early, diagnostics)
        let order = Self.loadOrder(roots.mapValues(\.root), names: names, diagnostics)
        let parents = Self.parentFiles(roots, directory)
        let context = PolicyContext(vocabulary: vocabulary, directory: directory, checkingQuotes: checkingQuotes, notices: early.notices)
        let loaded = Self.load(order, consume roots, context)
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

    /// A policy file's tree, and its size as a rough measure of the work of loading it.
    typealias ParsedPolicy = (url: URL, root: JSONNode, size: Int)

    /// Every policy file, parsed, by id.
    static func parseAll(_ files: [URL], _ early: inout IndependentFiles, _ diagnostics: DiagnosticCollector) -> [String: ParsedPolicy] {
        var roots: [String: ParsedPolicy] = [:]
        for url in files {
            if let parsed = early.policy(url, diagnostics) { roots[id(of: url)] = parsed }
        }
        return roots
    }

    /// The file of `region`, then the one it extends, and so on, parsed, by id. A cycle
    /// stops at a file read already (`loadOrder` reports it).
    static func parseChain(from region: String, _ files: [URL], _ early: inout IndependentFiles,
                           _ diagnostics: DiagnosticCollector) -> [String: ParsedPolicy] {
        var roots: [String: ParsedPolicy] = [:]
        var next: String? = region
        while let id = next, roots[id] == nil, let url = files.first(where: { Self.id(of: $0) == id }),
              let parsed = early.policy(url, diagnostics) {
            roots[id] = parsed
            next = parentID(of: parsed.root)
        }
        return roots
    }

    /// What loading a policy file needs besides the file and its parent.
    struct PolicyContext: Sendable {
        let vocabulary: Vocabulary
        let directory: URL
        let checkingQuotes: Bool
        /// The notices files parsed already, by file.
        let notices: [URL: IndependentFiles.ParsedFile]
    }

    /// The policies in `order` loaded, each after the one it extends, with the problems of
    /// each (its own and its notices'). The result is the same as loading one after the
    /// other in `order`; the work is spread over the cores in steps, so that no core waits
    /// while a parent loads alone. A policy goes through three stages: its header (which
    /// needs only its parent's header), its rules and deadlines (in groups, which need
    /// only its header), and its assembly over its loaded parent. Step s reads the headers
    /// of round s, the rules and deadlines of round s − 1, and assembles round s − 2, side
    /// by side: each stage needs only what the steps before it produced.
    static func load(_ order: [String], _ roots: consuming [String: ParsedPolicy], _ context: PolicyContext)
        -> (policies: [String: Policy], diagnostics: [String: [Diagnostic]]) {
        let rounds = rounds(order, roots)
        var loading = Loading()
        for step in 0..<rounds.count + 2 {
            var jobs: [ParallelJob<Stage>] = []
            if step < rounds.count { jobs += headerJobs(rounds[step], &roots, loading, context) }
            if step >= 1, step <= rounds.count { jobs += itemJobs(rounds[step - 1], &loading, context) }
            if step >= 2 { jobs += assemblyJobs(rounds[step - 2], &loading, context) }
            for result in runInParallel(consume jobs) { loading.record(result) }
        }
        return (loading.policies, loading.diagnostics)
    }

    /// The policies in `order` by round: a policy's round is one more than its parent's.
    /// One whose parent comes later in `order` (a cycle, reported already) is in none: it
    /// would find no parent loaded.
    static func rounds(_ order: [String], _ roots: borrowing [String: ParsedPolicy]) -> [[String]] {
        var round: [String: Int] = [:], rounds: [[String]] = []
        for id in order {
            guard let parent = parentID(of: roots[id]!.root) else { round[id] = 0; continue }
            if let parentRound = round[parent] { round[id] = parentRound + 1 }
        }
        for id in order {
            guard let current = round[id] else { continue }
            while rounds.count <= current { rounds.append([]) }
            rounds[current].append(id)
        }
        return rounds
    }

    /// A policy file whose header is read (nil when the file is not an object), with the
    /// problems found so far, which its later stages add to.
    struct StartedPolicy {
        let url: URL
        let parentID: String?
        let size: Int
        var header: PolicyHeader?
        let diagnostics: DiagnosticCollector
    }

    /// What one job of a loading step produced, for one policy.
    enum Stage: Sendable {
        case started(String, Handover<StartedPolicy>)
        case items(String, PolicyItems)
        case assembled(String, Policy?, [Diagnostic])
    }

    /// The policies as far as they are loaded, by id.
    struct Loading {
        var started: [String: Handover<StartedPolicy>] = [:]
        /// Each policy's groups of items, kept apart rather than joined: joining them copied
        /// every rule on the core that waits for the step to end.
        var items: [String: [PolicyItems]] = [:]
        var policies: [String: Policy] = [:]
        var diagnostics: [String: [Diagnostic]] = [:]

        /// Keeps what a job produced; the groups of a policy's items come in file order.
        mutating func record(_ result: Stage) {
            switch result {
            case .started(let id, let policy): started[id] = policy
            case .items(let id, let group): items[id, default: []].append(group)
            case .assembled(let id, let policy, let problems):
                policies[id] = policy
                diagnostics[id] = problems
            }
        }
    }

    /// The headers of a round's policies. A policy whose parent's header could not be read
    /// is left out: it would not be loaded.
    static func headerJobs(_ round: [String], _ roots: inout [String: ParsedPolicy], _ loading: Loading,
                           _ context: PolicyContext) -> [ParallelJob<Stage>] {
        var jobs: [ParallelJob<Stage>] = []
        for id in round {
            let (url, root, size) = roots.removeValue(forKey: id)!
            let parentID = parentID(of: root)
            let parent = parentID.flatMap { loading.started[$0]?.value.header }
            if parentID != nil, parent == nil { continue }
            let inherited = Handover(value: parent)
            jobs.append(ParallelJob(cost: size) {
                let diagnostics = DiagnosticCollector()
                let header = PolicyLoader(vocabulary: context.vocabulary, diagnostics: diagnostics)
                    .readHeader(root, file: url.path, parent: inherited.value)
                return .started(id, Handover(value: StartedPolicy(url: url, parentID: parentID, size: size, header: header, diagnostics: diagnostics)))
            })
        }
        return jobs
    }

    /// The rules and deadlines of a round's policies, in groups. Each group is a list of
    /// its own, so that the core that reads it frees it.
    static func itemJobs(_ round: [String], _ loading: inout Loading, _ context: PolicyContext) -> [ParallelJob<Stage>] {
        let groupSize = 16
        var jobs: [ParallelJob<Stage>] = []
        for id in round {
            guard let itemContext = loading.started[id]?.value.header?.items,
                  let nodes = loading.started[id]?.value.header?.takeItemNodes() else { continue }
            for (list, rules) in [(nodes.rules, true), (nodes.deadlines, false)] {
                for start in stride(from: 0, to: list.count, by: groupSize) {
                    let group = Array(list[start..<min(start + groupSize, list.count)])
                    jobs.append(ParallelJob(cost: group.count) {
                        .items(id, PolicyLoader.readItems(group[...], rules: rules, itemContext, context.vocabulary))
                    })
                }
            }
        }
        return jobs
    }

    /// A round's policies assembled over their parents, which the step before assembled.
    static func assemblyJobs(_ round: [String], _ loading: inout Loading, _ context: PolicyContext) -> [ParallelJob<Stage>] {
        var jobs: [ParallelJob<Stage>] = []
        for id in round {
            // Taken out of `loading`, so that the job holds the last reference and frees the tree.
            guard let policy = loading.started.removeValue(forKey: id)?.value else { continue }
            let parent = policy.parentID.flatMap { loading.policies[$0] }
            if policy.parentID != nil, parent == nil { continue }  // the parent failed; already reported
            guard let header = policy.header else {
                loading.diagnostics[id] = policy.diagnostics.diagnostics
                continue
            }
            let own = Handover(value: (header, policy.diagnostics)), items = loading.items.removeValue(forKey: id) ?? []
            jobs.append(ParallelJob(cost: policy.size) {
                let (policy, problems) = assemble(own.value.0, items, parent: parent, own.value.1, context)
                return .assembled(id, policy, problems)
            })
        }
        return jobs
    }

    /// One policy assembled over its parent, with its notices, and the problems found.
    static func assemble(_ header: consuming PolicyHeader, _ items: [PolicyItems], parent: Policy?, _ diagnostics: DiagnosticCollector,
                         _ context: PolicyContext) -> (Policy?, [Diagnostic]) {
        let quotes = context.checkingQuotes ? QuoteChecker(directory: context.directory, diagnostics: diagnostics) : nil
        guard var policy = PolicyLoader(vocabulary: context.vocabulary, diagnostics: diagnostics, quoteChecker: quotes)
            .assemble(header, items, parent: parent) else { return (nil, diagnostics.diagnostics) }
        policy.notices = notices(for: policy, inherited: parent?.notices ?? [], context, diagnostics)
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

    /// The tree of a policy's notices file, parsed already or now; nil when there is none
    /// or it cannot be parsed (reported).
    static func parsedNotices(of id: String, _ context: PolicyContext, _ diagnostics: DiagnosticCollector) -> JSONNode? {
        let url = noticesURL(of: id, in: context.directory)
        if let (root, problems) = context.notices[url] {
            problems.forEach(diagnostics.add)
            return root
        }
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
