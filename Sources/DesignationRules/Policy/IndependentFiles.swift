import Foundation

/// The files of a policy folder that need no other file to be read: the vocabulary
/// files, the calendar and the policy files themselves.
///
/// They are read one after the other (reading is quick), then parsed and loaded side by
/// side. What each one reports is kept apart and handed over at the file's turn, so that
/// the problems come out in the order a reading of one file after the other gives.
struct IndependentFiles {
    private let vocabularyFolder: URL
    private var vocabularyFiles: [(facts: [FactDefinition], diagnostics: [Diagnostic])] = []
    private let calendarURL: URL
    /// Nil when the folder has no calendar.
    private var calendarFile: (calendar: WorkingDayCalendar, diagnostics: [Diagnostic])?
    private var policies: [URL: (parsed: PolicySet.ParsedPolicy?, diagnostics: [Diagnostic])] = [:]

    private enum Loaded: Sendable {
        case facts([FactDefinition], [Diagnostic])
        case calendar(WorkingDayCalendar, [Diagnostic])
        case policy(URL, PolicySet.ParsedPolicy?, [Diagnostic])
    }

    /// Reads the folder's vocabulary and calendar, and the policy files `policies`.
    init(directory: URL, policies: [URL]) {
        vocabularyFolder = directory.appendingPathComponent(PolicySet.vocabularyFolder)
        calendarURL = directory.appendingPathComponent(PolicySet.calendarFile)
        var jobs: [ParallelJob<Loaded>] = []
        for name in PolicySet.jsonFiles(in: vocabularyFolder) {
            let url = vocabularyFolder.appendingPathComponent(name), bytes = PolicySet.read(url)
            jobs.append(ParallelJob(cost: bytes?.count ?? 0) {
                let diagnostics = DiagnosticCollector()
                let root = PolicySet.parse(bytes, url, diagnostics)
                let facts = root.map { VocabularyLoader(diagnostics: diagnostics).load($0).map(Vocabulary.withFieldIndexes) } ?? []
                return .facts(facts, diagnostics.diagnostics)
            })
        }
        if FileManager.default.fileExists(atPath: calendarURL.path) {
            let url = calendarURL, bytes = PolicySet.read(url)
            jobs.append(ParallelJob(cost: bytes?.count ?? 0) {
                let diagnostics = DiagnosticCollector()
                let calendar = PolicySet.parse(bytes, url, diagnostics).map { CalendarLoader(diagnostics: diagnostics).load($0) }
                return .calendar(calendar ?? .weekendsOnly, diagnostics.diagnostics)
            })
        }
        for url in policies {
            let bytes = PolicySet.read(url)
            jobs.append(ParallelJob(cost: bytes?.count ?? 0) {
                let diagnostics = DiagnosticCollector()
                let root = PolicySet.parse(bytes, url, diagnostics)
                return .policy(url, root.map { (url, $0, bytes?.count ?? 0) }, diagnostics.diagnostics)
            })
        }
        for loaded in runInParallel(jobs) {
            switch loaded {
            case .facts(let facts, let diagnostics): vocabularyFiles.append((facts, diagnostics))
            case .calendar(let calendar, let diagnostics): calendarFile = (calendar, diagnostics)
            case .policy(let url, let parsed, let diagnostics): self.policies[url] = (parsed, diagnostics)
            }
        }
    }

    /// All vocabulary files merged; a fact declared in two files is an error.
    func vocabulary(_ diagnostics: DiagnosticCollector) -> Vocabulary {
        if vocabularyFiles.isEmpty {
            diagnostics.error("no-vocabulary", at: nil, "no vocabulary files (*.json5) found in \(vocabularyFolder.path)")
        }
        var facts: [FactDefinition] = []
        var firstLocations: [String: SourceLocation] = [:]
        for file in vocabularyFiles {
            file.diagnostics.forEach(diagnostics.add)
            for fact in file.facts {
                if let first = firstLocations[fact.path] {
                    diagnostics.error("duplicate-id", at: fact.location, "fact `\(fact.path)` is declared twice (first at \(first))")
                } else {
                    firstLocations[fact.path] = fact.location
                    facts.append(fact)
                }
            }
        }
        return Vocabulary(indexed: facts)
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
