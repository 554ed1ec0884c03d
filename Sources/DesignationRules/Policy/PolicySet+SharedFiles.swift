import Foundation

/// The files every policy of a folder shares: the vocabulary and the holiday calendar.
extension PolicySet {
    /// All vocabulary files of `folder` merged, each file's problems followed by the facts
    /// it declares a second time (an error).
    static func vocabulary(in folder: URL, _ diagnostics: DiagnosticCollector) -> Vocabulary {
        let names = jsonFiles(in: folder)
        if names.isEmpty {
            diagnostics.error("no-vocabulary", at: nil, "no vocabulary files (*.json5) found in \(folder.path)")
        }
        var facts: [FactDefinition] = []
        var firstLocations: [String: SourceLocation] = [:]
        for name in names {
            let root = parse(folder.appendingPathComponent(name), diagnostics)
            for fact in root.map({ VocabularyLoader(diagnostics: diagnostics).load($0) }) ?? [] {
                if let first = firstLocations.keepFirst(fact.location, forKey: fact.path) {
                    diagnostics.error("duplicate-id", at: fact.location, "fact `\(fact.path)` is declared twice (first at \(first))")
                } else {
                    facts.append(Vocabulary.withFieldIndexes(fact))
                }
            }
        }
        return Vocabulary(indexed: facts)
    }

    /// The holiday arrangements; without the file, every working-day count is approximate.
    static func calendar(in directory: URL, _ diagnostics: DiagnosticCollector) -> WorkingDayCalendar {
        let url = directory.appendingPathComponent(calendarFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            diagnostics.warning("no-calendar", at: nil, "no holiday calendar at \(url.path): working days are counted on weekends alone, and marked approximate")
            return .weekendsOnly
        }
        return parse(url, diagnostics).map { CalendarLoader(diagnostics: diagnostics).load($0) } ?? .weekendsOnly
    }
}
