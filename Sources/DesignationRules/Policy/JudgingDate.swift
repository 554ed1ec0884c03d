/// A day the text judges something on, named once in a policy's `dates` and used by
/// name: the acceptance is judged on the day the application was received (national
/// 第八条「即时受理」), the evaluation on the day of the evaluation. Stages, rules and the
/// scope say which date they are judged on (`judged_on`); whatever names none is judged
/// on the as-of date. Inside the rules so judged, `today` is that day.
public struct JudgingDate: Sendable {
    public var id: String
    public var label: Label
    /// A date expression over the profile (`application_date`). When the profile does not
    /// give it, the as-of date stands in, and the result says so.
    public var value: Compiled
    public var citation: Citation
    public var quote: String
    public var note: Label?
    /// Whether the as-of date *is* this date when the profile does not give it (the day of
    /// the evaluation is the day the tool evaluates, unless the profile says otherwise), so
    /// that it stands in for nothing (`if_absent: "as-of"`). Otherwise the as-of date stands
    /// in for a day the profile should give, and the result says so.
    public var isAsOfIfAbsent = false
    public var location: SourceLocation

    /// The name that judges a rule on the as-of date inside a stage judged on another
    /// day: a rule about whether a time limit is still running now (`else today <= …`).
    public static let asOf = "as-of"
}

/// The day something was judged on, as the result reports it.
public struct JudgedOn: Sendable, Equatable {
    public var date: CivilDate
    /// The named date, or nil for the as-of date.
    public var name: String?
    /// Whether the named date was missing from the profile, so that the as-of date stood in.
    public var isFallback: Bool

    public static func asOf(_ date: CivilDate) -> JudgedOn { JudgedOn(date: date, name: nil, isFallback: false) }
}

extension Policy {
    /// The named date `id`, if the policy declares it.
    public func date(_ id: String) -> JudgingDate? { dates.first { $0.id == id } }

    /// Whether this text governs what happens on `date`: not before it takes effect, not
    /// after it expires. A draft is never law, but it is what a draft region is about, so
    /// it is evaluated (and headed as a draft), not set aside.
    public func isInForce(on date: CivilDate) -> Bool {
        if status == .expired && effectiveUntil == nil { return false }
        if let from = effectiveFrom, date < from { return false }
        if let until = effectiveUntil, date > until { return false }
        return true
    }

    /// The date each stage's rules are judged on by default (nil: the as-of date), by
    /// the stage's id; a rule's own `judged_on` comes first.
    func judgingDateName(of rule: Rule, in procedure: Procedure) -> String? {
        if let own = rule.judgedOn { return own == JudgingDate.asOf ? nil : own }
        guard let kind = procedure.kinds.first(where: { $0.id == rule.kind }) else { return nil }
        return procedure.stages.first { $0.id == kind.stage }?.judgedOn
    }
}
