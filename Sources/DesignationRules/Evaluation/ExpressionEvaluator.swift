import Foundation

/// Evaluates compiled expressions on a profile with three-valued (Kleene) logic:
/// a missing fact is unknown, `false and unknown` is false, `true or unknown` is true.
///
/// Evaluation is total: no loops but over finite lists, integer overflow and
/// division by zero give unknown instead of trapping.
struct ExpressionEvaluator {
    let facts: [String: Value]
    let parameters: [String: Value]
    let today: CivilDate
    let calendar: WorkingDayCalendar
    /// Dates on which a comparison with `today` changes its result; used to find
    /// the earliest date on which a failing rule would pass.
    private(set) var boundaries: Set<CivilDate> = []

    init(facts: [String: Value], parameters: [String: Value] = [:], today: CivilDate, calendar: WorkingDayCalendar) {
        self.facts = facts
        self.parameters = parameters
        self.today = today
        self.calendar = calendar
    }

    /// A quantifier's variable bound to one list element.
    struct Binding {
        var value: Value?
        /// Where the element is in the profile (`physicians[1]`), if it is there.
        var path: String?
        /// The vocabulary entry of the list (`physicians`).
        var definition: String?
    }

    mutating func evaluate(_ node: Compiled) -> Outcome { evaluate(node, []) }

    private mutating func evaluate(_ node: Compiled, _ bindings: [Binding]) -> Outcome {
        switch node.operation {
        case .constant(let value):
            return Outcome(value: value, evidence: [])
        case .today:
            return Outcome(value: .date(today), evidence: [])
        case .fact(let name):
            let value = facts[name]
            return Outcome(value: value, evidence: [.fact(path: name, definition: name, value: value)])
        case .parameter(let name):
            let value = parameters[name]
            return Outcome(value: value, evidence: value.map { [.parameter(name: name, value: $0)] } ?? [])
        case .variable(let depth):
            return Outcome(value: bindings[depth].value, evidence: [])
        case .field(let base, let name):
            return field(base, name, bindings)
        case .list(let elements):
            var values: [Value] = []
            var evidence: [Evidence] = []
            var complete = true
            for element in elements {
                let outcome = evaluate(element, bindings)
                evidence += outcome.evidence
                if let value = outcome.value { values.append(value) } else { complete = false }
            }
            return Outcome(value: complete ? .list(values) : nil, evidence: evidence)
        case .not(let operand):
            let outcome = evaluate(operand, bindings)
            guard case .boolean(let value)? = outcome.value else { return .unknown(outcome.evidence) }
            return Outcome(value: .boolean(!value), evidence: outcome.evidence)
        case .negate(let operand):
            let outcome = evaluate(operand, bindings)
            return Outcome(value: outcome.value.flatMap(Self.negated), evidence: outcome.evidence)
        case .and(let lhs, let rhs):
            return kleene([evaluate(lhs, bindings), evaluate(rhs, bindings)], decisive: false)
        case .or(let lhs, let rhs):
            return kleene([evaluate(lhs, bindings), evaluate(rhs, bindings)], decisive: true)
        case .compare(let op, let lhs, let rhs):
            return compare(op, lhs, rhs, bindings)
        case .member(let element, let list, let negated):
            let a = evaluate(element, bindings), b = evaluate(list, bindings)
            guard let value = a.value, case .list(let values)? = b.value else { return .unknown(a.evidence + b.evidence) }
            let result = values.contains { Self.equal($0, value) } != negated
            return comparison(negated ? "not in" : "in", element, a, list, b, result: result)
        case .arithmetic(let op, let lhs, let rhs):
            return arithmetic(op, lhs, rhs, bindings)
        case .conditional(let condition, let then, let otherwise):
            let test = evaluate(condition, bindings)
            guard case .boolean(let chosen)? = test.value else { return .unknown(test.evidence) }
            let branch = evaluate(chosen ? then : otherwise, bindings)
            return Outcome(value: branch.value, evidence: test.evidence + branch.evidence)
        case .known(let operand):
            let outcome = evaluate(operand, bindings)
            let evidence = outcome.evidence.map { item -> Evidence in
                if case .fact(let path, let definition, nil) = item { return .absent(path: path, definition: definition) }
                return item
            }
            return Outcome(value: .boolean(outcome.value != nil), evidence: evidence)
        case .quantifier(let quantifier, let over, let body):
            return quantify(quantifier, over, body, bindings)
        case .call(let function, let arguments):
            let outcomes = arguments.map { evaluate($0, bindings) }
            let evidence = outcomes.flatMap(\.evidence)
            let values = outcomes.compactMap(\.value)
            guard values.count == outcomes.count else { return .unknown(evidence) }
            var result = call(function, values, text: node.text)
            result.evidence = evidence + result.evidence
            return result
        }
    }

    private mutating func field(_ base: Compiled, _ name: String, _ bindings: [Binding]) -> Outcome {
        let outcome = evaluate(base, bindings)
        var path = base.text + "." + name, definition: String?
        if case .variable(let depth) = base.operation, let listPath = bindings[depth].path {
            path = listPath + "." + name
            definition = bindings[depth].definition.map { $0 + "." + name }
        }
        guard case .record(let record)? = outcome.value else { return .unknown(outcome.evidence) }
        let value = record.fields[name]
        return Outcome(value: value, evidence: outcome.evidence + [.fact(path: path, definition: definition ?? path, value: value)])
    }

    /// `and` (decisive value false) and `or` (decisive value true) over Kleene values.
    private func kleene(_ outcomes: [Outcome], decisive: Bool) -> Outcome {
        if let decided = outcomes.first(where: { $0.value == .boolean(decisive) }) {
            return Outcome(value: .boolean(decisive), evidence: decided.evidence)
        }
        let unknown = outcomes.filter { $0.value == nil }
        if !unknown.isEmpty { return .unknown(unknown.flatMap(\.evidence)) }
        return Outcome(value: .boolean(!decisive), evidence: outcomes.flatMap(\.evidence))
    }

    private mutating func compare(_ op: BinaryOperator, _ lhs: Compiled, _ rhs: Compiled, _ bindings: [Binding]) -> Outcome {
        let a = evaluate(lhs, bindings), b = evaluate(rhs, bindings)
        let evidence = a.evidence + b.evidence
        guard let x = a.value, let y = b.value else { return .unknown(evidence) }
        if case .today = lhs.operation, case .date(let date) = y { noteBoundary(date) }
        if case .today = rhs.operation, case .date(let date) = x { noteBoundary(date) }
        let result: Bool
        switch op {
        case .equal: result = Self.equal(x, y)
        case .notEqual: result = !Self.equal(x, y)
        default:
            guard let order = Self.order(x, y) else { return .unknown(evidence) }
            switch op {
            case .less: result = order < 0
            case .lessOrEqual: result = order <= 0
            case .greater: result = order > 0
            default: result = order >= 0
            }
        }
        return comparison(op.rawValue, lhs, a, rhs, b, result: result)
    }

    /// The outcome of a comparison of two known sides. A side that is a fact is shown
    /// inside the comparison (by its label) rather than again on its own.
    private func comparison(_ op: String, _ lhs: Compiled, _ a: Outcome, _ rhs: Compiled, _ b: Outcome, result: Bool) -> Outcome {
        let (left, leftEvidence) = side(lhs, a)
        let (right, rightEvidence) = side(rhs, b)
        let item = Evidence.comparison(Evidence.Comparison(lhs: left, op: op, rhs: right, result: result))
        return Outcome(value: .boolean(result), evidence: leftEvidence + rightEvidence + [item])
    }

    private func side(_ node: Compiled, _ outcome: Outcome) -> (Evidence.Side, [Evidence]) {
        var side = Evidence.Side(text: node.text, value: outcome.value!, path: nil, definition: nil)
        var evidence = outcome.evidence
        switch node.operation {
        case .fact, .field:
            if case .fact(let path, let definition, _)? = evidence.last {
                side.path = path
                side.definition = definition
                evidence.removeLast()
            }
        default: break
        }
        return (side, evidence)
    }

    /// A comparison with today flips on the compared date or the day after it.
    private mutating func noteBoundary(_ date: CivilDate) {
        boundaries.insert(date)
        boundaries.insert(date.adding(days: 1))
    }

    private mutating func arithmetic(_ op: BinaryOperator, _ lhs: Compiled, _ rhs: Compiled, _ bindings: [Binding]) -> Outcome {
        let a = evaluate(lhs, bindings), b = evaluate(rhs, bindings)
        var evidence = a.evidence + b.evidence
        guard let x = a.value, let y = b.value else { return .unknown(evidence) }
        let (value, approximate) = combine(op, x, y)
        if approximate, case .date(let date)? = value {
            evidence.append(.approximate(expression: lhs.text + " " + op.rawValue + " " + rhs.text, date: date))
        }
        return Outcome(value: value, evidence: evidence)
    }

    /// Arithmetic on two known values (types checked at load): nil where the result
    /// overflows (a date too, past the year 9999) or divides by zero; `approximate` when
    /// working days were counted on weekends alone.
    func combine(_ op: BinaryOperator, _ x: Value, _ y: Value) -> (Value?, approximate: Bool) {
        switch (x, y) {
        case (.date(let date), .period(let period)):
            let signed = op == .subtract ? Period(-period.amount, period.unit) : period
            let (result, approximate) = calendar.adding(signed, to: date)
            return (result.isWritable ? .date(result) : nil, approximate)
        case (.period(let period), .integer(let factor)):
            let (amount, overflow) = period.amount.multipliedReportingOverflow(by: factor)
            // `magnitude`, not `abs`: a product of exactly Int.min does not overflow, and `abs` of it traps.
            return (overflow || amount.magnitude > 1_000_000 ? nil : .period(Period(amount, period.unit)), false)
        case (.date(let end), .date(let start)):
            return (.integer(end.dayNumber - start.dayNumber), false)
        case (.integer(let i), .integer(let j)):
            if op == .divide { return (j == 0 ? nil : .decimal(Double(i) / Double(j)), false) }
            let (result, overflow): (Int, Bool) = switch op {
            case .add: i.addingReportingOverflow(j)
            case .subtract: i.subtractingReportingOverflow(j)
            case .multiply: i.multipliedReportingOverflow(by: j)
            default: (0, true)
            }
            return (overflow ? nil : .integer(result), false)
        default:
            guard let i = x.asDouble, let j = y.asDouble else { return (nil, false) }
            if op == .divide, j == 0 { return (nil, false) }
            return (Self.decimal(op, i, j).map(Value.decimal), false)
        }
    }

    /// Arithmetic on decimals (amounts, percentages, points) as the numbers are written:
    /// each operand is read as the shortest decimal that names it and the sum, difference,
    /// product or quotient is taken exactly (Foundation's `Decimal`), so 90.01 − 90 is
    /// 0.01, not 0.010000000000005; the result is the double nearest that exact value.
    /// Numbers beyond `Decimal` (non-finite) fall back to binary arithmetic.
    static func decimal(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double? {
        func binary() -> Double {
            switch op {
            case .add: x + y
            case .subtract: x - y
            case .multiply: x * y
            default: x / y
            }
        }
        guard x.isFinite, y.isFinite, let a = Decimal(string: String(x)), let b = Decimal(string: String(y)) else { return binary() }
        let exact: Decimal = switch op {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        default: a / b
        }
        return exact.isNaN ? binary() : Double(exact.description) ?? binary()
    }

    /// A quantifier, its outcome as `kleene` (for any, all) or the flattened evidence (for
    /// count, sum) would give it, gathered element by element rather than from a list of
    /// every element's outcome, and with the evidence each element repeats kept once: in
    /// `all(d in departments, any(p in physicians, …))` every department repeats the
    /// physicians' evidence, which for two lists of a thousand made a million items (two
    /// gigabytes) where a few thousand say the same.
    private mutating func quantify(_ quantifier: Quantifier, _ over: Compiled, _ body: Compiled, _ bindings: [Binding]) -> Outcome {
        let list = evaluate(over, bindings)
        guard case .list(let elements)? = list.value else { return .unknown(list.evidence) }
        var listPath: String?, definition: String?
        if case .fact(let name) = over.operation { (listPath, definition) = (name, name) }
        let decisive = quantifier == .any  // the value that settles any (true) or all (false)
        var settledBy: [Evidence]?
        var unknown = EvidenceCollector(), every = EvidenceCollector()
        var anyUnknown = false, trues = 0
        var values: [Value] = []
        for (index, element) in elements.enumerated() {
            let binding = Binding(value: element, path: listPath.map { "\($0)[\(index)]" }, definition: definition)
            let outcome = evaluate(body, bindings + [binding])
            // Only the evidence the outcome can still be made of is gathered: once an
            // element settles any or all, that element's; once one is unknown, the unknown ones'.
            let counts = quantifier == .count || quantifier == .sum
            if outcome.value == nil {
                if !counts, settledBy == nil { unknown.add(outcome.evidence) }
                anyUnknown = true
            }
            if counts || (settledBy == nil && !anyUnknown) { every.add(outcome.evidence) }
            if !counts, settledBy == nil, outcome.value == .boolean(decisive) { settledBy = outcome.evidence }
            if outcome.value == .boolean(true) { trues += 1 }
            if quantifier == .sum, let value = outcome.value { values.append(value) }
        }
        switch quantifier {
        case .any, .all:
            guard !elements.isEmpty else { return Outcome(value: .boolean(!decisive), evidence: list.evidence) }
            if let settledBy { return Outcome(value: .boolean(decisive), evidence: settledBy) }
            if anyUnknown { return .unknown(unknown.items) }
            return Outcome(value: .boolean(!decisive), evidence: every.items)
        case .count, .sum:
            let evidence = list.evidence + every.items
            if anyUnknown { return .unknown(evidence) }
            return Outcome(value: quantifier == .count ? .integer(trues) : Self.total(values), evidence: evidence)
        }
    }

    /// Evidence in first-seen order, each item once.
    private struct EvidenceCollector {
        private(set) var items: [Evidence] = []
        private var seen: Set<Evidence> = []

        mutating func add(_ evidence: [Evidence]) {
            for item in evidence where seen.insert(item).inserted { items.append(item) }
        }
    }

    static func total(_ values: [Value]) -> Value? {
        var integer = 0, decimal = 0.0, isDecimal = false
        for value in values {
            switch value {
            case .integer(let x):
                let (sum, overflow) = integer.addingReportingOverflow(x)
                if overflow { return nil }
                integer = sum
            case .decimal(let x):
                // Added exactly, as `decimal(_:_:_:)` adds (a sum of points stays exact).
                decimal = Self.decimal(.add, decimal, x) ?? decimal + x
                isDecimal = true
            default: return nil
            }
        }
        return isDecimal ? Self.decimal(.add, decimal, Double(integer)).map(Value.decimal) : .integer(integer)
    }

    static func negated(_ value: Value) -> Value? {
        switch value {
        case .integer(let x): return x == .min ? nil : .integer(-x)
        case .decimal(let x): return .decimal(-x)
        case .period(let p): return .period(Period(-p.amount, p.unit))
        default: return nil
        }
    }

    static func equal(_ a: Value, _ b: Value) -> Bool {
        if let x = a.asDouble, let y = b.asDouble { return x == y }
        return a == b
    }

    /// -1, 0 or 1; nil for values without an order.
    static func order(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.date(let x), .date(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.text(let x), .text(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        default:
            guard let x = a.asDouble, let y = b.asDouble else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }
}
