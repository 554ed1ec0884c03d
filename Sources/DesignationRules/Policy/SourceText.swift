/// An official text read into its units as printed: chapters (第N章), articles (第N条),
/// paragraphs (款, counted, never printed), items (（一）), points (1.), sub-points ((1)),
/// the sections of a notice (一、), annexes (附件N-M) and table rows.
///
/// `units[0]` is the whole text; every other unit has a parent, and the units are listed
/// in the order of the text (a parent before its children). A unit covers whole lines:
/// the numbering of every unit starts a line.
public struct SourceText: Sendable {
    /// One unit of the text.
    public struct Unit: Sendable {
        public enum Kind: String, Sendable {
            /// The whole text; its own lines before its first unit are the preamble.
            case document
            case chapter, article, section, paragraph, item, point
            /// A point's own items, printed （1）.
            case subpoint
            case annex
            /// The list of annexes at the end of the main text (附件：1. …).
            case annexList = "annex list"
            /// One line of a table.
            case row
            /// The signature, dates and distribution list after the text proper.
            case backMatter = "back matter"
        }

        public var kind: Kind
        /// The number as printed, brackets made full-width: 第十四条, 三, （一）, 3, （8）, 附件2-1, 第二款.
        public var number: String
        /// How a policy file cites the unit; nil for the parts a citation cannot name
        /// (the whole text, the list of annexes, the back matter).
        public var citation: Citation?
        /// The lines of the text the unit covers, 0-based.
        public var lines: Range<Int>
        /// The first words of the unit, its numbering included.
        public var firstWords: String
        public var parent: Int?
        public var children: [Int] = []

        /// Numbered as printed: a citation that stops above such a unit while its quote
        /// lies inside it has left out a number the text gives. Paragraphs are only counted,
        /// rows not numbered at all.
        public var isNumbered: Bool {
            switch kind {
            case .chapter, .article, .section, .item, .point, .subpoint, .annex: true
            case .document, .paragraph, .annexList, .row, .backMatter: false
            }
        }
    }

    /// The lines as in the file.
    public let lines: [String]
    public let units: [Unit]
    /// The text without white space (the PDF extraction scatters it), and where each line
    /// starts in it: `squeezedStart[lines.count]` is its end.
    let squeezed: [Unicode.Scalar]
    let squeezedStart: [Int]
    /// The lines of the hints (`SourceTextHints`) that matched no line of the text.
    var unmatchedHints: [String] = []

    init(lines: [String], units: [Unit]) {
        self.lines = lines
        self.units = units
        var squeezed: [Unicode.Scalar] = [], starts: [Int] = []
        for line in lines {
            starts.append(squeezed.count)
            squeezed += line.unicodeScalars.filter { !$0.properties.isWhitespace }
        }
        starts.append(squeezed.count)
        self.squeezed = squeezed
        self.squeezedStart = starts
    }

    /// The units whose parent is `unit`, in the order of the text.
    public func children(of unit: Int) -> [Unit] { units[unit].children.map { units[$0] } }

    /// The text of a unit, its lines joined.
    public func text(of unit: Int) -> String { lines[units[unit].lines].joined(separator: "\n") }

    /// The unit's range in the squeezed text.
    func squeezedRange(of unit: Int) -> Range<Int> {
        squeezedStart[units[unit].lines.lowerBound]..<squeezedStart[units[unit].lines.upperBound]
    }

    /// Where `quote`, white space ignored, occurs in the text, as ranges of the squeezed text.
    func occurrences(of quote: String) -> [Range<Int>] {
        let needle = quote.unicodeScalars.filter { !$0.properties.isWhitespace }
        guard let first = needle.first, needle.count <= squeezed.count else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        while start + needle.count <= squeezed.count {
            if squeezed[start] == first, squeezed[start..<start + needle.count].elementsEqual(needle) {
                found.append(start..<start + needle.count)
            }
            start += 1
        }
        return found
    }

    /// The smallest unit that holds the whole of `range` of the squeezed text.
    func innermostUnit(holding range: Range<Int>) -> Int {
        var unit = 0
        descending: while true {
            for child in units[unit].children {
                let covered = squeezedRange(of: child)
                if covered.lowerBound <= range.lowerBound, range.upperBound <= covered.upperBound, !covered.isEmpty {
                    unit = child
                    continue descending
                }
            }
            return unit
        }
    }

    /// `unit` and the units above it, innermost first.
    func chain(from unit: Int) -> [Int] {
        var chain = [unit]
        while let parent = units[chain.last!].parent { chain.append(parent) }
        return chain
    }
}
