/// What of an official text the policies account for, unit by unit: every article,
/// paragraph, item, point, section, annex and table row (`SourceText`) is encoded (cited by
/// a rule, its `also_cites`, a parameter, deadline, waiver, judging date, scope provision or
/// notice), declared not encoded in its policy file (`NotEncoded`), accounted for through
/// its parts, or none of these.
///
/// How parents and children count, read as an auditor would:
/// - A citation accounts for the unit it names, and for the parts of that unit its quote
///   overlaps; not for the other parts. A rule citing 第九条 with the words of its first
///   paragraph does not encode the second.
/// - A citation without a quote (a notice, which lays out the form it cites) accounts for
///   the unit it names and the lines of its tables (the form's fields), not its numbered parts.
/// - A declaration accounts for the unit it names and everything in it: it says why the
///   whole unit is no rule. It may not name a unit that a rule encodes, nor one with an
///   encoded part (declare the parts left out instead). A table's line is named by its first
///   cell or, where first cells repeat, by citing its table's unit with a quote from the line.
/// - A unit neither encoded nor declared is accounted for when every part of it is: the
///   words of an article that introduce its items (具备下列条件：) are no provision of their own.
public struct TextCoverage: Sendable {
    /// Something of a policy that cites a unit of the text.
    public struct Citing: Sendable {
        public enum Kind: String, Sendable { case rule, parameter, deadline, waiver, date, scope, notice }
        public var kind: Kind
        /// The rule's, deadline's, date's or notice's id; the parameter's name; the waived rule;
        /// for a scope, the policy's id or the procedure's.
        public var id: String
        public var citation: Citation
        /// Nil for a notice, which cites the unit whose form it reproduces.
        public var quote: String?
        /// A rule's `also_cites`, whose quote the quote checker does not see: text coverage
        /// checks it.
        public var isCheckedHere = false

        public var name: String { "\(kind.rawValue) \(id)" }
    }

    public enum Status: Sendable {
        /// Cited by these, in the order of the policy files.
        case encoded([Citing])
        /// Declared not encoded, by itself or with the unit it is part of.
        case declared(NotEncoded)
        /// Every part of it is accounted for.
        case throughParts
        case unaccounted

        public var isAccounted: Bool {
            if case .unaccounted = self { return false }
            return true
        }
    }

    /// What one citation reaches: the unit it names and the parts its quote overlaps.
    public struct Reach: Sendable {
        public var citing: Citing
        public var named: Int
        public var covered: [Int]
    }

    public let text: SourceText
    /// Where the text is, for messages (`sources/national.txt`).
    public let path: String
    /// What each citation reaches; citations that name no unit are left out (the quote
    /// checker reports them).
    public let reaches: [Reach]
    public let declarations: [NotEncoded]
    let placements: [Placement]
    /// By unit: nil for the parts a citation cannot name (the whole text, chapters, the
    /// list of annexes, the back matter), which are not counted.
    public let statuses: [Status?]
    /// The declarations that name no unit, quote words not in it, contradict a rule or repeat
    /// one; the `also_cites` that name no unit or quote words not in it.
    public let problems: [Diagnostic]

    public init(text: SourceText, path: String, citing: [Citing], declarations: [NotEncoded]) {
        self.init(text: text, path: path, reaches: citing.compactMap { Self.reach(of: $0, in: text) }, declarations: declarations,
                  quoteProblems: citing.filter(\.isCheckedHere).compactMap { Self.problem(of: $0, in: text, path: path) })
    }

    /// The same text and declarations with what `owner` (a `Citing.name`: "rule art6-1-operation")
    /// cites taken away: what removing it from the policies would leave.
    public init(_ base: TextCoverage, without owner: String) {
        self.init(text: base.text, path: base.path, reaches: base.reaches.filter { $0.citing.name != owner },
                  declarations: base.declarations, placements: base.placements, quoteProblems: [])
    }

    init(text: SourceText, path: String, reaches: [Reach], declarations: [NotEncoded], placements: [Placement]? = nil, quoteProblems: [Diagnostic] = []) {
        self.text = text
        self.path = path
        self.reaches = reaches
        self.declarations = declarations
        let placements = placements ?? declarations.map { Self.place($0, in: text, path: path) }
        self.placements = placements
        var encoders = Array(repeating: [Citing](), count: text.units.count)
        for reach in reaches {
            for unit in [reach.named] + reach.covered where !encoders[unit].contains(where: { $0.name == reach.citing.name }) {
                encoders[unit].append(reach.citing)
            }
        }
        var problems = quoteProblems
        var declared: [Int: NotEncoded] = [:]
        for (declaration, placement) in zip(declarations, placements) {
            problems += placement.problems
            guard let units = placement.units,
                  Self.checked(declaration, units, in: text, encoders: encoders, declared: declared, problems: &problems) else { continue }
            for unit in units {
                for part in [unit] + text.descendants(of: unit) { declared[part] = declaration }
            }
        }
        var statuses = [Status?](repeating: nil, count: text.units.count)
        // Parts come after the unit they are part of: backwards, every part is known first.
        for unit in text.units.indices.reversed() where text.units[unit].citation != nil {
            if !encoders[unit].isEmpty {
                statuses[unit] = .encoded(encoders[unit])
            } else if let declaration = declared[unit] {
                statuses[unit] = .declared(declaration)
            } else {
                let parts = text.units[unit].children.compactMap { statuses[$0] }
                statuses[unit] = !parts.isEmpty && parts.allSatisfy(\.isAccounted) ? .throughParts : .unaccounted
            }
        }
        self.statuses = statuses
        self.problems = problems
    }

    /// Where a declaration is in the text, worked out once: the units it accounts for (the
    /// unit it names or, when its quote lies in lines of a table, those lines), or nil when
    /// it names none; with the problems of its citation and quote.
    struct Placement: Sendable {
        var units: [Int]?
        var problems: [Diagnostic] = []
    }

    static func place(_ declaration: NotEncoded, in text: SourceText, path: String) -> Placement {
        let cited = declaration.citation.text
        let unit: Int
        switch text.unit(citedBy: declaration.citation) {
        case .success(let found): unit = found
        case .failure(let problem):
            return Placement(units: nil, problems: [Diagnostic(code: "not-encoded-no-unit", at: declaration.location,
                                                              "`not_encoded` names \(cited), which does not exist in \(path): \(problem.message)")])
        }
        var placement = Placement(units: [unit])
        let quote = SourceTextReader.squeezed(declaration.quote)
        let inside = quote.isEmpty ? [] : text.occurrences(of: quote).filter { text.chain(from: text.innermostUnit(holding: $0)).contains(unit) }
        if inside.isEmpty {
            placement.problems.append(Diagnostic(code: "not-encoded-quote", at: declaration.location,
                                                 "the quote of the `not_encoded` entry \(cited) is not in \(cited) of \(path): 「\(declaration.quote)」"))
        }
        let rows = text.descendants(of: unit).filter { row in
            text.units[row].kind == .row && inside.contains { text.squeezedRange(of: row).overlaps($0) }
        }
        if !rows.isEmpty { placement.units = rows }
        return placement
    }

    /// Whether a declaration's units may be declared: neither they nor a part of them is
    /// encoded or declared already; otherwise false, with the problem.
    private static func checked(_ declaration: NotEncoded, _ units: [Int], in text: SourceText, encoders: [[Citing]],
                                declared: [Int: NotEncoded], problems: inout [Diagnostic]) -> Bool {
        let cited = declaration.citation.text
        for unit in units {
            if let earlier = declared[unit] {
                problems.append(Diagnostic(code: "not-encoded-twice", at: declaration.location,
                                           "\(Self.name(of: unit, in: text)) is declared not encoded already, by the entry \(earlier.citation.text)\(earlier.location.map { " (\($0))" } ?? "")"))
                return false
            }
        }
        for part in units.flatMap({ [$0] + text.descendants(of: $0) }) {
            guard let first = encoders[part].first else { continue }
            let names = encoders[part].map(\.name).joined(separator: ", ")
            let message = units.contains(part)
                ? "\(Self.name(of: part, in: text)) is declared not encoded, but \(names) encode\(encoders[part].count == 1 ? "s" : "") it; remove the entry, or the citation"
                : "\(cited) is declared not encoded, but its part \(Self.name(of: part, in: text)) is encoded by \(names); declare the parts left out instead"
            problems.append(Diagnostic(code: "not-encoded-but-cited", at: declaration.location, message + " (\(first.citation.location.map(\.description) ?? first.citation.text))"))
            return false
        }
        return true
    }

    /// Why a rule's `also_cites` does not hold, if it does not: the quote checker proves the
    /// other citations, and these are checked here the same way.
    static func problem(of citing: Citing, in text: SourceText, path: String) -> Diagnostic? {
        let cited = citing.citation.text
        switch text.unit(citedBy: citing.citation) {
        case .failure(let problem):
            return Diagnostic(code: "no-such-unit", at: citing.citation.location, "\(cited) does not exist in \(path): \(problem.message)")
        case .success(let unit):
            let quote = citing.quote ?? ""
            if !quote.isEmpty, text.placesOf(quote).contains(where: { text.chain(from: $0).contains(unit) }) { return nil }
            return Diagnostic(code: "quote-in-other-unit", at: citing.citation.location, "the quote of \(citing.name)'s citation \(cited) is not in it in \(path): 「\(quote)」")
        }
    }

    /// What a citation reaches; nil when it names no unit.
    static func reach(of citing: Citing, in text: SourceText) -> Reach? {
        guard case .success(let named) = text.unit(citedBy: citing.citation) else { return nil }
        var covered: [Int] = []
        guard let quote = citing.quote else {
            // A notice lays out the form it cites: it accounts for the form's lines too.
            return Reach(citing: citing, named: named, covered: text.descendants(of: named).filter { text.units[$0].kind == .row })
        }
        do {
            let parts = text.descendants(of: named)
            for occurrence in text.occurrences(of: quote) where text.chain(from: text.innermostUnit(holding: occurrence)).contains(named) {
                covered += parts.filter { part in
                    let range = text.squeezedRange(of: part)
                    return range.overlaps(occurrence) && !covered.contains(part)
                }
            }
        }
        return Reach(citing: citing, named: named, covered: covered)
    }

    // MARK: - Counting

    /// The units counted: every unit a citation can name.
    public var counted: [Int] { text.units.indices.filter { statuses[$0] != nil } }

    /// The counted units neither encoded nor declared, nor accounted for through their parts.
    public var unaccounted: [Int] { counted.filter { !statuses[$0]!.isAccounted } }

    /// The unaccounted units whose parts are all accounted for: where the work is (a
    /// unit whose part is unaccounted is unaccounted for that part's sake).
    public var gaps: [Int] {
        unaccounted.filter { unit in text.units[unit].children.allSatisfy { statuses[$0]?.isAccounted ?? true } }
    }

    /// The counts of one part of the text (a chapter, an annex, or a top-level section).
    public struct Tally: Sendable {
        public var title: String
        /// The outermost part counted (a chapter, an annex, a section), or nil for the whole text.
        public var unit: Int?
        public var encoded = 0, declared = 0, throughParts = 0, unaccounted = 0
        public var total: Int { encoded + declared + throughParts + unaccounted }
        public var accounted: Int { total - unaccounted }

        mutating func add(_ status: Status) {
            switch status {
            case .encoded: encoded += 1
            case .declared: declared += 1
            case .throughParts: throughParts += 1
            case .unaccounted: unaccounted += 1
            }
        }
    }

    /// The counts by the text's outermost parts (chapters, annexes, or the sections of a
    /// notice), in the order of the text.
    public var tallies: [Tally] {
        var tallies: [Tally] = []
        var index: [Int: Int] = [:]
        for unit in counted {
            let top = text.chain(from: unit).dropLast().last ?? unit
            if index[top] == nil {
                index[top] = tallies.count
                tallies.append(Tally(title: text.units[top].firstWords, unit: top))
            }
            tallies[index[top]!].add(statuses[unit]!)
        }
        return tallies
    }

    public var total: Tally {
        var total = Tally(title: path)
        for unit in counted { total.add(statuses[unit]!) }
        return total
    }

    /// A unit named for a message or a report: its citation, and for a table row, which row.
    public func name(of unit: Int) -> String { Self.name(of: unit, in: text) }

    static func name(of unit: Int, in text: SourceText) -> String {
        let place = text.place(unit)
        switch text.units[unit].kind {
        case .paragraph where text.units[unit].citation?.paragraph == nil:
            return "\(place), the line 「\(text.units[unit].firstWords)」"
        default: return place
        }
    }

    /// Where a unit begins in the text file, for a diagnostic.
    public func location(of unit: Int) -> SourceLocation {
        SourceLocation(file: path, line: text.units[unit].lines.lowerBound + 1, column: 1)
    }

    /// A warning (an error when `strict`) for every gap, at the unit's place in the text.
    public func diagnostics(strict: Bool) -> [Diagnostic] {
        problems + gaps.map { unit in
            Diagnostic(strict ? .error : .warning, code: "not-accounted", at: location(of: unit),
                       "\(name(of: unit)) is neither encoded by a rule nor declared in `not_encoded`: 「\(text.units[unit].firstWords)」")
        }
    }
}

extension SourceText {
    /// Every unit inside `unit`, at any depth, in the order of the text.
    func descendants(of unit: Int) -> [Int] {
        units[unit].children.flatMap { [$0] + descendants(of: $0) }
    }
}
