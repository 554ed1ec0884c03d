/// One problem found in a policy file or a profile, with where it is and what was expected.
///
/// Diagnostics are collected, not thrown one by one: a loader reports every problem
/// it can find, sorted by position, so that staff fix a file in one pass.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// A stable code that tests and tools can match, e.g. `undeclared-fact`.
    public var code: String
    public var location: SourceLocation?
    public var message: String
    /// The error this one follows from, when it is a consequence of an error elsewhere (a
    /// file that extends one that failed, a rule that uses a fact whose declaration
    /// failed): such errors are listed after the root causes, marked. See ``RootCauses``.
    public var causedBy: SourceLocation?

    public init(_ severity: Severity = .error, code: String, at location: SourceLocation?, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// `file:line:column: error: message [code]`, one line for a terminal: control
    /// characters from a profile (a key holding a line break and an escape sequence) are
    /// shown escaped, so that they can neither forge a line nor drive the terminal.
    public var description: String {
        let place = location.map { "\($0.description.escapingControls): " } ?? ""
        let cause = causedBy.map { " (follows from \($0.description.escapingControls))" } ?? ""
        return "\(place)\(severity.rawValue): \(message.escapingControls) [\(code)]\(cause)"
    }
}

/// Several diagnostics at once; thrown by loaders when any of them is an error.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    /// The diagnostics sorted by position, root causes first: those that follow from
    /// another error come after every other one, so that the first error read is a real one.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            if (lhs.causedBy == nil) != (rhs.causedBy == nil) { return lhs.causedBy == nil }
            switch (lhs.location, rhs.location) {
            case let (l?, r?): return l < r
            case (nil, _?): return true
            default: return false
            }
        }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// `5 error(s) in FOLDER (1 root cause, 4 that follow from it)`: the last line of a report.
    public func errorCount(in folder: String) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        let following = errors.filter { $0.causedBy != nil }.count
        let roots = errors.count - following
        return "\(errors.count) error(s) in \(folder)" + (following == 0 ? "" : " (\(roots) root cause\(roots == 1 ? "" : "s"), \(following) that follow from \(roots == 1 ? "it" : "them"))")
    }
    /// One line per diagnostic; the consequences under a line that says what they are.
    public var description: String {
        let roots = diagnostics.filter { $0.causedBy == nil }, consequences = diagnostics.filter { $0.causedBy != nil }
        var lines = roots.map(\.description)
        if !consequences.isEmpty {
            lines.append("\(consequences.count) more error(s) that follow from those above (fix those first):")
            lines += consequences.map { "  " + $0.description }
        }
        return lines.joined(separator: "\n")
    }
}

/// The problems of one profile as they are found, in the order of the text: the first
/// `limit` in full, the rest only counted, so that a profile of a thousand bad keys costs
/// no more to report than one of fifty (no suggestion is looked for, no message made),
/// and its report stays readable. `diagnostics` ends with a note of how many more there
/// were, placed at the first of them.
struct ProblemList {
    static let limit = 50
    /// The language of the closing count (the reviewer's).
    var language: Language = .en

    private var listed: [Diagnostic] = []
    private var more = 0
    private var firstMore: SourceLocation?

    var isEmpty: Bool { listed.isEmpty }

    /// Adds a problem; past the limit, only counts it (`problem` is not made).
    mutating func append(_ problem: @autoclosure () -> Diagnostic) {
        if listed.count < Self.limit {
            listed.append(problem())
            return
        }
        if more == 0 { firstMore = problem().location }
        more += 1
    }

    var diagnostics: [Diagnostic] {
        guard more > 0 else { return listed }
        let message = language == .zh ? "……自此另有 \(more) 个问题；只列出前 \(Self.limit) 个"
            : "… and \(more) more problem(s) from here on; only the first \(Self.limit) are listed"
        return listed + [Diagnostic(code: "too-many-problems", at: firstMore, message)]
    }
}

extension String {
    /// The text as a message quotes it: whole when short, else its start and its length,
    /// so that a value of a megabyte does not make a message of a megabyte.
    var quotedInMessage: String {
        let shown = 60
        guard utf8.count > shown, unicodeScalars.count > shown else { return self }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: unicodeScalars.prefix(shown))
        return String(scalars) + "… (\(unicodeScalars.count) characters)"
    }
}

extension JSON5Error {
    var diagnostic: Diagnostic { Diagnostic(code: "syntax", at: location, message) }
}

/// The closest of `candidates` to `name`, when close enough to be a likely misspelling;
/// of two as close, the first in alphabetical order, so that the suggestion does not
/// depend on the order of the candidates (they often come from a set).
func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    var best: (name: String, distance: Int)?
    let length = name.unicodeScalars.count, allowed = max(2, name.count / 3)
    for candidate in candidates {
        // The distance is at least the difference of the lengths: a name far longer than
        // a candidate is not compared with it (a key of a million characters, with none).
        guard abs(candidate.unicodeScalars.count - length) <= allowed else { continue }
        let distance = editDistance(name, candidate)
        guard distance <= max(2, name.count / 3) else { continue }
        if let best, distance > best.distance || (distance == best.distance && candidate >= best.name) { continue }
        best = (candidate, distance)
    }
    return best?.name
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
        current[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
