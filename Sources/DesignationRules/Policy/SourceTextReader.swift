/// Reads an official text into its units (`SourceText`) by the shapes of its numbering
/// alone, the same for every text: a line that starts 第N章, 第N条, N、, （N）, （1）, 1. or is
/// 附件N-M opens a unit; the unit closes where one of its own level or above opens.
///
/// What the numbering cannot tell comes from the text's `SourceTextHints`: where an
/// annex without a printed heading begins, and where the text proper ends.
struct SourceTextReader {
    typealias Unit = SourceText.Unit

    /// A unit being built: its end is known when it closes.
    private struct Open {
        var kind: Unit.Kind
        var number: String
        var start: Int
        var end: Int?
        var parent: Int?
        var children: [Int] = []
        var firstWords: String
    }

    let document: String
    let hints: SourceTextHints

    init(document: String, hints: SourceTextHints = SourceTextHints()) {
        self.document = document
        self.hints = hints
    }

    func read(_ text: String) -> SourceText {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        let cleaned = lines.map(Self.cleaned)
        let shapes = lines.indices.map { Self.shape(of: cleaned[$0], raw: lines[$0]) }
        var nodes = [Open(kind: .document, number: "", start: 0, firstWords: "")]
        var stack = [0]
        var pendingAnnexes = hints.annexes[...]
        var pendingBackMatter = hints.backMatter[...]
        var previousEndsSentence = true
        var absorbing = false

        func close(to depth: Int, at line: Int) {
            while stack.count > depth {
                nodes[stack.removeLast()].end = line
            }
        }
        func open(_ kind: Unit.Kind, _ number: String, at line: Int, leaf: Bool = false) {
            let parent = stack.last!
            nodes.append(Open(kind: kind, number: number, start: line, parent: parent, firstWords: Self.firstWords(cleaned[line])))
            nodes[parent].children.append(nodes.count - 1)
            if leaf { nodes[nodes.count - 1].end = line + 1 } else { stack.append(nodes.count - 1) }
        }
        /// Closes the units at `rank` and below, keeping the whole text (and an annex,
        /// unless an annex opens).
        func closeRank(_ rank: Int, at line: Int) {
            while stack.count > 1, Self.rank(nodes[stack.last!].kind) >= rank { nodes[stack.removeLast()].end = line }
        }

        for index in lines.indices {
            let line = cleaned[index], squeezed = Self.squeezed(line)
            if let hint = pendingBackMatter.first, squeezed == Self.squeezed(hint) {
                pendingBackMatter.removeFirst()
                // The back matter of an annex (its signature lines) stays in the annex.
                close(to: (stack.firstIndex { nodes[$0].kind == .annex } ?? 0) + 1, at: index)
                open(.backMatter, "", at: index)
                absorbing = true
                continue
            }
            if let hint = pendingAnnexes.first, squeezed == Self.squeezed(hint.line) {
                pendingAnnexes.removeFirst()
                close(to: 1, at: index)
                open(.annex, hint.annex, at: index)
                absorbing = false
                previousEndsSentence = true
                continue
            }
            if line.isEmpty { continue }
            let shape = shapes[index]
            if case .annex(let number) = shape {
                close(to: 1, at: index)
                open(.annex, number, at: index)
                absorbing = false
                previousEndsSentence = true
                continue
            }
            defer { previousEndsSentence = Self.endsSentence(line) }
            if absorbing { continue }
            switch shape {
            case .annexList:
                close(to: 1, at: index)
                open(.annexList, "", at: index)
                absorbing = true
            case .row:
                let firstCell = lines[index].split(separator: "\t").map { Self.squeezed(String($0)) }.first { !$0.isEmpty } ?? ""
                open(.row, firstCell, at: index, leaf: true)
            case .numbered(let kind, let number):
                var kind = kind
                if kind == .subpoint, !stack.contains(where: { nodes[$0].kind == .point }) { kind = .item }
                closeRank(Self.rank(kind), at: index)
                open(kind, number, at: index)
                if kind == .article || kind == .section { open(.paragraph, "", at: index) }
            case .plain:
                // A line that does not end a sentence runs on into the next (the PDF broke it).
                guard previousEndsSentence, let paragraph = stack.lastIndex(where: { nodes[$0].kind == .paragraph }) else { continue }
                // After an item, a paragraph followed by further items still belongs to it (its
                // indentation was lost); one after the last item is the article's next paragraph.
                if stack.count - 1 > paragraph, Self.listContinues(after: index, shapes) { continue }
                close(to: paragraph, at: index)
                open(.paragraph, "", at: index)
            case .annex:
                break
            }
        }
        close(to: 0, at: lines.count)
        var text = SourceText(lines: lines, units: finish(nodes))
        text.unmatchedHints = pendingAnnexes.map(\.line) + pendingBackMatter
        return text
    }

    /// The final units: a paragraph alone in its article is the article itself, and left out;
    /// the others are numbered; each unit gets its citation.
    private func finish(_ nodes: [Open]) -> [Unit] {
        var units: [Unit] = []
        func add(_ node: Int, parent: Int?, paragraphNumber: Int?) {
            let open = nodes[node]
            var number = open.number
            if let paragraphNumber { number = "第\(Self.chineseNumeral(paragraphNumber))款" }
            units.append(Unit(kind: open.kind, number: number, citation: nil, lines: open.start..<(open.end ?? open.start + 1),
                              firstWords: open.firstWords, parent: parent))
            let me = units.count - 1
            if let parent { units[parent].children.append(me) }
            let paragraphs = open.children.filter { nodes[$0].kind == .paragraph }
            var counted = 0
            for child in open.children {
                if nodes[child].kind == .paragraph, paragraphs.count == 1 {
                    for grandchild in nodes[child].children { add(grandchild, parent: me, paragraphNumber: nil) }
                } else if nodes[child].kind == .paragraph {
                    counted += 1
                    add(child, parent: me, paragraphNumber: counted)
                } else {
                    add(child, parent: me, paragraphNumber: nil)
                }
            }
        }
        add(0, parent: nil, paragraphNumber: nil)
        // Articles printed twice under one number (聊城 has two 第十四条) are told apart by order.
        var seen: [String: [Int]] = [:]
        for index in units.indices where units[index].kind == .article {
            seen[scopeKey(units, index) + units[index].number, default: []].append(index)
        }
        var occurrence: [Int: Int] = [:]
        for list in seen.values where list.count > 1 {
            for (position, index) in list.enumerated() { occurrence[index] = position + 1 }
        }
        for index in units.indices { units[index].citation = citation(of: index, units, occurrence) }
        return units
    }

    /// The annex a unit is in, or "" for the main text.
    private func scopeKey(_ units: [Unit], _ index: Int) -> String {
        var current: Int? = index
        while let unit = current {
            if units[unit].kind == .annex { return units[unit].number + "/" }
            current = units[unit].parent
        }
        return ""
    }

    private func citation(of index: Int, _ units: [Unit], _ occurrence: [Int: Int]) -> Citation? {
        switch units[index].kind {
        case .document, .annexList, .backMatter, .chapter: return nil
        case .row:
            var cited = units[index].parent.flatMap { citation(of: $0, units, occurrence) } ?? Citation(document: document)
            cited.row = units[index].number
            return cited
        default: break
        }
        var cited = Citation(document: document)
        var chain: [Int] = []
        var current: Int? = index
        while let unit = current { chain.insert(unit, at: 0); current = units[unit].parent }
        var underSection = false
        for unit in chain {
            let number = units[unit].number
            switch units[unit].kind {
            case .annex: cited.annex = number
            case .section: cited.section = number; underSection = true
            case .article:
                cited.article = number
                cited.occurrence = occurrence[unit].map(String.init)
            case .paragraph: cited.paragraph = number
            case .item:
                // A notice's item is printed with its section (三（一）), which names it whole.
                if underSection, cited.item == nil, cited.point == nil { cited.section! += number; cited.paragraph = nil } else { cited.item = number }
            case .point: cited.point = number
            case .subpoint: cited.item = number
            default: break
            }
        }
        return cited
    }
}

// MARK: - The shapes of a line

extension SourceTextReader {
    enum LineShape: Equatable {
        case plain
        case numbered(Unit.Kind, String)
        case annex(String)
        case annexList
        case row
    }

    /// The rank of a kind: a unit opening closes the open ones of its rank and below.
    static func rank(_ kind: Unit.Kind) -> Int {
        switch kind {
        case .document: 0
        case .annex, .annexList, .backMatter: 1
        case .chapter: 2
        case .article, .section: 3
        case .paragraph: 4
        case .item: 5
        case .point: 6
        case .subpoint: 7
        case .row: 8
        }
    }

    static let numerals = Set("〇零一二三四五六七八九十百".unicodeScalars)
    static let digits = Set("0123456789".unicodeScalars)

    /// A line without the marks the conversion to text added: list dashes, heading hashes,
    /// white space at either end.
    static func cleaned(_ line: String) -> String {
        var text = Substring(line).drop { $0.isWhitespace }
        while true {
            if text.hasPrefix("#") { text = text.drop { $0 == "#" }.drop { $0.isWhitespace }; continue }
            if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0.isWhitespace }; continue }
            break
        }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }

    static func shape(of line: String, raw: String) -> LineShape {
        if raw.contains("\t") { return .row }
        let scalars = Array(line.unicodeScalars)
        func run(from start: Int, of set: Set<Unicode.Scalar>) -> Int {
            var end = start
            while end < scalars.count, set.contains(scalars[end]) { end += 1 }
            return end
        }
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        guard let first = scalars.first else { return .plain }
        if line.hasPrefix("附件：") || line.hasPrefix("附件:") { return .annexList }
        if line.hasPrefix("附件") {
            let rest = line.dropFirst(2).filter { !$0.isWhitespace }
            if !rest.isEmpty, Citation.Part.annex.shape?.matches("附件" + rest) == true { return .annex("附件" + rest) }
        }
        if first == "第" {
            let end = run(from: 1, of: numerals)
            if end > 1, end < scalars.count {
                let number = text(0..<end + 1)
                let after = end + 1 < scalars.count ? scalars[end + 1] : " "
                if scalars[end] == "章" { return .numbered(.chapter, number) }
                if scalars[end] == "条", after.properties.isWhitespace || after == "\u{3000}" { return .numbered(.article, number) }
            }
            return .plain
        }
        if numerals.contains(first) {
            let end = run(from: 0, of: numerals)
            if end < scalars.count, scalars[end] == "、" { return .numbered(.section, text(0..<end)) }
            return .plain
        }
        if first == "（" || first == "(" {
            let chinese = run(from: 1, of: numerals), arabic = run(from: 1, of: digits)
            if chinese > 1, chinese < scalars.count, scalars[chinese] == "）" || scalars[chinese] == ")" {
                return .numbered(.item, "（\(text(1..<chinese))）")
            }
            if arabic > 1, arabic < scalars.count, scalars[arabic] == "）" || scalars[arabic] == ")" {
                return .numbered(.subpoint, "（\(text(1..<arabic))）")
            }
            return .plain
        }
        if digits.contains(first) {
            let end = run(from: 0, of: digits)
            if end < scalars.count, scalars[end] == "." || scalars[end] == "．",
               end + 1 == scalars.count || !digits.contains(scalars[end + 1]) {
                return .numbered(.point, text(0..<end))
            }
        }
        return .plain
    }

    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return "。；：;:！？!?".contains(last)
    }

    /// Whether the next numbered line after `index` opens an item, a point or a sub-point
    /// (rows and plain lines between are passed over).
    static func listContinues(after index: Int, _ shapes: [LineShape]) -> Bool {
        for shape in shapes[(index + 1)...] {
            switch shape {
            case .plain, .row: continue
            case .numbered(let kind, _): return kind == .item || kind == .point || kind == .subpoint
            case .annex, .annexList: return false
            }
        }
        return false
    }

    static func squeezed(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace }))
    }

    static func firstWords(_ line: String) -> String {
        line.count > 24 ? String(line.prefix(24)) + "…" : line
    }

    /// 1 → 一, 12 → 十二, 21 → 二十一: the paragraph numbers a citation writes (第二款).
    static func chineseNumeral(_ number: Int) -> String {
        let ones = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if number < 10 { return ones[number] }
        if number < 20 { return "十" + ones[number % 10] }
        if number < 100 { return ones[number / 10] + "十" + ones[number % 10] }
        return String(number)
    }
}
