/// One value that decided a result: a fact read, a parameter used, a comparison made.
/// The explanation of a rule is the list of its evidence, kept only for the operands
/// that decided the outcome (for `a and b` false, the false operand's evidence).
public enum Evidence: Sendable, Hashable {
    /// A fact read from the profile. `value == nil` means it is missing, and needed.
    /// `path` locates it in the profile (`key_persons[0].on_dishonest_list`);
    /// `definition` names its vocabulary entry (`key_persons.on_dishonest_list`).
    case fact(path: String, definition: String, value: Value?)
    /// A fact tested with `known(…)` and found absent: not needed, just absent.
    case absent(path: String, definition: String)
    case parameter(name: String, value: Value)
    case comparison(Comparison)
    /// A date counted in working days on weekends alone, for want of a holiday arrangement.
    case approximate(expression: String, date: CivilDate)

    public struct Comparison: Sendable, Hashable {
        public var lhs: String
        public var lhsValue: Value
        public var op: String
        public var rhs: String
        public var rhsValue: Value
        public var result: Bool
    }

    /// The path of a missing fact, when this is one.
    var neededPath: String? {
        if case .fact(let path, _, nil) = self { return path }
        return nil
    }
}

/// A value, possibly unknown, with the evidence that decided it.
public struct Outcome: Sendable {
    public var value: Value?
    public var evidence: [Evidence]

    static func unknown(_ evidence: [Evidence]) -> Outcome { Outcome(value: nil, evidence: evidence) }
}
