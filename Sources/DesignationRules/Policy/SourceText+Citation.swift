/// Finding the unit a citation names, and where a quote actually is.
extension SourceText {
    /// The unit `citation` names, or why there is none, in words for a message.
    public func unit(citedBy citation: Citation) -> Result<Int, CitationProblem> {
        var current = 0
        func step(_ kind: Unit.Kind, _ number: String, through: Set<Unit.Kind>, what: String) -> CitationProblem? {
            let found = descendants(of: current, kind, through: through).filter { units[$0].number == number }
            guard let unit = found.first else {
                let present = descendants(of: current, kind, through: through).map { units[$0].number }
                return CitationProblem(message: "\(place(current)) has no \(what) \(number)" + Self.listing(present, what))
            }
            if kind == .article {
                if found.count > 1, citation.occurrence == nil {
                    let where_ = found.map { "line \(units[$0].lines.lowerBound + 1)" }.joined(separator: " and ")
                    return CitationProblem(message: "\(number) is printed \(found.count) times (\(where_)); say which with `occurrence: \"1\"` to `\"\(found.count)\"`")
                }
                if let occurrence = citation.occurrence {
                    guard let index = Int(occurrence), found.indices.contains(index - 1) else {
                        return CitationProblem(message: "\(number) is printed \(found.count == 1 ? "once" : "\(found.count) times"); occurrence \(occurrence) does not exist")
                    }
                    current = found[index - 1]
                    return nil
                }
            }
            current = unit
            return nil
        }
        let structural: Set<Unit.Kind> = [.chapter]
        if let annex = citation.annex, let problem = step(.annex, annex, through: [], what: "annex") { return .failure(problem) }
        if let section = citation.section {
            let (number, item) = Self.split(section)
            if let problem = step(.section, number, through: structural, what: "section") { return .failure(problem) }
            if let item, let problem = step(.item, item, through: [.paragraph], what: "item") { return .failure(problem) }
        }
        if let article = citation.article, let problem = step(.article, article, through: structural, what: "article") { return .failure(problem) }
        if let paragraph = citation.paragraph {
            if !units[current].children.contains(where: { units[$0].kind == .paragraph }) {
                return .failure(CitationProblem(message: "\(place(current)) is a single paragraph: cite it without \(paragraph)"))
            }
            if let problem = step(.paragraph, paragraph, through: [], what: "paragraph") { return .failure(problem) }
        }
        let pointsItem = citation.item.map(Citation.isArabicItem) ?? false
        if let item = citation.item.map(Self.fullWidth), !(pointsItem && citation.point != nil),
           let problem = step(.item, item, through: [.paragraph], what: "item") { return .failure(problem) }
        if let point = citation.point, let problem = step(.point, point, through: [.paragraph], what: "point") { return .failure(problem) }
        if pointsItem, citation.point != nil, let item = citation.item.map(Self.fullWidth),
           let problem = step(.subpoint, item, through: [], what: "item") { return .failure(problem) }
        if let row = citation.row.map(SourceTextReader.squeezed) {
            let rows = descendants(of: current, .row, through: [.paragraph])
            let exact = rows.filter { units[$0].number == row }
            let found = exact.isEmpty ? rows.filter { units[$0].number.hasPrefix(row) } : exact
            guard found.count == 1 else {
                if found.isEmpty { return .failure(CitationProblem(message: "\(place(current)) has no table row whose first cell begins 「\(row)」")) }
                let lines = found.map { "line \(units[$0].lines.lowerBound + 1)" }.joined(separator: ", ")
                return .failure(CitationProblem(message: "「\(row)」 begins \(found.count) rows of \(place(current)) (\(lines)); write more of the first cell"))
            }
            current = found[0]
        }
        return .success(current)
    }

    /// The units of `kind` below `unit`, looking inside the kinds in `through` only.
    func descendants(of unit: Int, _ kind: Unit.Kind, through: Set<Unit.Kind>) -> [Int] {
        units[unit].children.flatMap { child -> [Int] in
            if units[child].kind == kind { return [child] }
            return through.contains(units[child].kind) ? descendants(of: child, kind, through: through) : []
        }
    }

    /// A unit named for a message: its citation, or what it is.
    func place(_ unit: Int) -> String {
        if let citation = units[unit].citation { return citation.text }
        switch units[unit].kind {
        case .document: return "the text"
        case .annexList: return "the list of annexes"
        case .backMatter: return "the back matter (signature, date, distribution)"
        case .chapter: return units[unit].number
        default: return units[unit].parent.map(place) ?? "the text"
        }
    }

    /// Where a quote is: the innermost unit holding it, for each place it occurs.
    func placesOf(_ quote: String) -> [Int] {
        occurrences(of: quote).map(innermostUnit(holding:))
    }

    /// "三（一）" → ("三", "（一）").
    static func split(_ section: String) -> (String, String?) {
        guard let bracket = section.firstIndex(where: { $0 == "（" || $0 == "(" }) else { return (section, nil) }
        return (String(section[..<bracket]), fullWidth(String(section[bracket...])))
    }

    static func fullWidth(_ text: String) -> String {
        text.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
    }

    static func listing(_ numbers: [String], _ what: String) -> String {
        let plural = what.hasSuffix("x") ? what + "es" : what + "s"
        guard let first = numbers.first, let last = numbers.last else { return "; it has no \(plural)" }
        return numbers.count == 1 ? "; its only \(what) is \(first)" : "; its \(plural) are \(first) to \(last)"
    }
}

/// Why a citation names no unit of its text.
public struct CitationProblem: Error, Sendable, Equatable {
    public var message: String
}
