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
        return "\(place)\(severity.rawValue): \(message.escapingControls) [\(code)]"
    }
}

/// Several diagnostics at once; thrown by loaders when any of them is an error.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { lhs, rhs in
            switch (lhs.location, rhs.location) {
            case let (l?, r?): return l < r
            case (nil, _?): return true
            default: return false
            }
        }
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension JSON5Error {
    var diagnostic: Diagnostic { Diagnostic(code: "syntax", at: location, message) }
}

/// The closest of `candidates` to `name`, when close enough to be a likely misspelling;
/// of two as close, the first in alphabetical order, so that the suggestion does not
/// depend on the order of the candidates (they often come from a set).
func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    var best: (name: String, distance: Int)?
    for candidate in candidates {
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
