import Foundation

/// The files of a policy folder that need no other file to be read: the vocabulary
/// files, the calendar, the policy files themselves and their notices.
///
/// They are read and parsed side by side in two steps: the vocabulary files and the
/// calendar, then the policy and notice files, with the vocabulary files merged beside
/// them (the merge would otherwise leave the other core idle). What each one reports is
/// kept apart and handed over at the file's turn, so that the problems come out in the
/// order a reading of one file after the other gives.
struct IndependentFiles {
    private let vocabularyFolder: URL
    /// The merged vocabulary and what merging it (and reading its files) reported.
    private var merged: (vocabulary: Vocabulary, diagnostics: [Diagnostic])?
    private let calendarURL: URL
    /// Nil when the folder has no calendar.
    private var calendarFile: (calendar: WorkingDayCalendar, diagnostics: [Diagnostic])?
    private var policies: [URL: (parsed: PolicySet.ParsedPolicy?, diagnostics: [Diagnostic])] = [:]
    /// The notices of the policies read, by file; a policy without a notices file has none.
    private(set) var notices: [URL: ParsedFile] = [:]

    /// A parsed file (nil: it could not be read or parsed) and what parsing it reported.
    typealias ParsedFile = (root: JSONNode?, diagnostics: [Diagnostic])

    private enum Loaded: Sendable {
        case facts([FactDefinition], [Diagnostic])
        case calendar(WorkingDayCalendar, [Diagnostic])
        case vocabulary(Vocabulary, [Diagnostic])
        case policy(URL, PolicySet.ParsedPolicy?, [Diagnostic])
        case notices(URL, JSONNode?, [Diagnostic])
    }

    /// Reads the folder's vocabulary and calendar, and the policy files `policies` with
    /// their notices.
    init(directory: URL, policies: [URL]) {
        vocabularyFolder = directory.appendingPathComponent(PolicySet.vocabularyFolder)
        calendarURL = directory.appendingPathComponent(PolicySet.calendarFile)
        var jobs: [ParallelJob<Loaded>] = []
        for name in PolicySet.jsonFiles(in: vocabularyFolder) {
            let url = vocabularyFolder.appendingPathComponent(name)
            jobs.append(ParallelJob(cost: Self.size(of: url)) {
                let diagnostics = DiagnosticCollector()
                let root = PolicySet.parse(url, diagnostics)
                let facts = root.map { VocabularyLoader(diagnostics: diagnostics).load($0).map(Vocabulary.withFieldIndexes) } ?? []
                return .facts(facts, diagnostics.diagnostics)
            })
        }
        if FileManager.default.fileExists(atPath: calendarURL.path) {
            let url = calendarURL
            jobs.append(ParallelJob(cost: Self.size(of: url)) {
                let diagnostics = DiagnosticCollector()
                let calendar = PolicySet.parse(url, diagnostics).map { CalendarLoader(diagnostics: diagnostics).load($0) }
                return .calendar(calendar ?? .weekendsOnly, diagnostics.diagnostics)
            })
        }
        var vocabularyFiles: [(facts: [FactDefinition], diagnostics: [Diagnostic])] = []
        for loaded in runInParallel(consume jobs) {
            switch loaded {
            case .facts(let facts, let diagnostics): vocabularyFiles.append((facts, diagnostics))
            case .calendar(let calendar, let diagnostics): calendarFile = (calendar, diagnostics)
            default: break
            }
        }

        jobs = []
        let folder = vocabularyFolder, files = vocabularyFiles
        jobs.append(ParallelJob(cost: files.reduce(0) { $0 + $1.facts.count } * Self.bytesPerFact) {
            let (vocabulary, diagnostics) = Self.merge(files, from: folder)
            return .vocabulary(vocabulary, diagnostics)
        })
        for url in policies {
            let size = Self.size(of: url)
            jobs.append(ParallelJob(cost: size) {
                let diagnostics = DiagnosticCollector()
                let root = PolicySet.parse(url, diagnostics)
                return .policy(url, root.map { (url, $0, size) }, diagnostics.diagnostics)
            })
            let notices = PolicySet.noticesURL(of: PolicySet.id(of: url), in: directory)
            guard FileManager.default.fileExists(atPath: notices.path) else { continue }
            jobs.append(ParallelJob(cost: Self.size(of: notices)) {
                let diagnostics = DiagnosticCollector()
                return .notices(notices, PolicySet.parse(notices, diagnostics), diagnostics.diagnostics)
            })
        }
        for loaded in runInParallel(consume jobs) {
            switch loaded {
            case .vocabulary(let vocabulary, let diagnostics): merged = (vocabulary, diagnostics)
            case .policy(let url, let parsed, let diagnostics): self.policies[url] = (parsed, diagnostics)
            case .notices(let url, let root, let diagnostics): notices[url] = (root, diagnostics)
            default: break
            }
        }
    }

    /// Merging one fact takes about as long as parsing this many bytes of a policy file
    /// (measured), so that the merge is weighed against the parses, whose cost is their size.
    private static let bytesPerFact = 200

    /// A file's size in bytes (0 when it cannot be read), as the cost of parsing it.
    private static func size(of url: URL) -> Int {
        var status = stat()
        return stat(url.path, &status) == 0 ? Int(status.st_size) : 0
    }

    /// All vocabulary files merged, with the problems of each file and of the merge; a
    /// fact declared in two files is an error.
    private static func merge(_ files: [(facts: [FactDefinition], diagnostics: [Diagnostic])], from folder: URL) -> (Vocabulary, [Diagnostic]) {
        let diagnostics = DiagnosticCollector()
        if files.isEmpty {
            diagnostics.error("no-vocabulary", at: nil, "no vocabulary files (*.json5) found in \(folder.path)")
        }
        var facts: [FactDefinition] = []
        var firstLocations: [String: SourceLocation] = [:]
        firstLocations.reserveCapacity(files.reduce(0) { $0 + $1.facts.count })  // no rehashing as it grows
        for file in files {
            file.diagnostics.forEach(diagnostics.add)
            for fact in file.facts {
                if let first = firstLocations.keepFirst(fact.location, forKey: fact.path) {
                    diagnostics.error("duplicate-id", at: fact.location, "fact `\(fact.path)` is declared twice (first at \(first))")
                } else {
                    facts.append(fact)
                }
            }
        }
        return (Vocabulary(indexed: facts), diagnostics.diagnostics)
    }

    /// All vocabulary files merged; a fact declared in two files is an error.
    func vocabulary(_ diagnostics: DiagnosticCollector) -> Vocabulary {
        merged!.diagnostics.forEach(diagnostics.add)
        return merged!.vocabulary
    }

    /// The holiday arrangements; without the file, every working-day count is approximate.
    func calendar(_ diagnostics: DiagnosticCollector) -> WorkingDayCalendar {
        guard let calendarFile else {
            diagnostics.warning("no-calendar", at: nil, "no holiday calendar at \(calendarURL.path): working days are counted on weekends alone, and marked approximate")
            return .weekendsOnly
        }
        calendarFile.diagnostics.forEach(diagnostics.add)
        return calendarFile.calendar
    }

    /// The policy file at `url`, parsed: taken from those read already (each is handed
    /// over once, so that whoever loads it holds the only reference), else read now.
    mutating func policy(_ url: URL, _ diagnostics: DiagnosticCollector) -> PolicySet.ParsedPolicy? {
        guard let (parsed, problems) = policies.removeValue(forKey: url) else {
            let bytes = PolicySet.read(url)
            return PolicySet.parse(bytes, url, diagnostics).map { (url, $0, bytes?.count ?? 0) }
        }
        problems.forEach(diagnostics.add)
        return parsed
    }
}
