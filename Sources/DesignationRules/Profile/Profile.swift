/// An applicant's facts, typed and validated against the vocabulary.
/// A fact that is absent (or `null`) is unknown, never a default.
public struct Profile: Sendable {
    public var facts: [String: Value]
    /// Where the profile came from, for messages.
    public var source: String

    public init(facts: [String: Value], source: String) {
        self.facts = facts
        self.source = source
    }
}
