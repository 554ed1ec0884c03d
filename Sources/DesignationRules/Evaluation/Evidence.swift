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
    /// The last day of a period fell on a rest day and moves to the next working day
    /// (《民法典》第二百零三条).
    case movedPastRestDays(expression: String, from: CivilDate, to: CivilDate)

    /// A comparison or a membership test (`op` is `in` or `not in`), with both sides' values.
    public struct Comparison: Sendable, Hashable {
        public var lhs: Side
        public var op: String
        public var rhs: Side
        public var result: Bool
    }

    /// One side of a comparison. When the side is a fact read from the profile, its
    /// path and vocabulary entry are kept so that it can be shown by its label.
    public struct Side: Sendable, Hashable {
        public var text: String
        public var value: Value
        public var path: String?
        public var definition: String?
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
