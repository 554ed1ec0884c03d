extension ExpressionEvaluator {
    /// The value of an expression without evidence: the fast path that batch mode takes
    /// for every rule, with the same three-valued semantics as `evaluate(_:)` (a test
    /// checks the two agree on every fixture and on generated profiles).
    mutating func value(_ node: Compiled) -> Value? {
        var bindings: [Value?] = []
        return value(node, &bindings)
    }

    private mutating func value(_ node: Compiled, _ bindings: inout [Value?]) -> Value? {
        switch node.operation {
        case .constant(let value): return value
        case .today: return .date(today)
        case .fact(let name): return facts[name]
        case .parameter(let name): return parameters[name]
        case .variable(let depth): return bindings[depth]
        case .field(let base, let name):
            guard case .record(let record)? = value(base, &bindings) else { return nil }
            return record.fields[name]
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements {
                guard let item = value(element, &bindings) else { return nil }
                values.append(item)
            }
            return .list(values)
        case .not(let operand):
            guard case .boolean(let flag)? = value(operand, &bindings) else { return nil }
            return .boolean(!flag)
        case .negate(let operand):
            return value(operand, &bindings).flatMap(Self.negated)
        case .arithmetic(let op, let lhs, let rhs):
            guard let x = value(lhs, &bindings), let y = value(rhs, &bindings) else { return nil }
            return combine(op, x, y).0
        case .conditional(let condition, let then, let otherwise):
            guard case .boolean(let chosen)? = value(condition, &bindings) else { return nil }
            return value(chosen ? then : otherwise, &bindings)
        case .known(let operand):
            return .boolean(value(operand, &bindings) != nil)
        case .call(let function, let arguments):
            var values: [Value] = []
            for argument in arguments {
                guard let item = value(argument, &bindings) else { return nil }
                values.append(item)
            }
            return call(function, values, text: node.text).value
        case .and(let lhs, let rhs):
            let a = value(lhs, &bindings)
            if a == .boolean(false) { return .boolean(false) }
            let b = value(rhs, &bindings)
            if b == .boolean(false) { return .boolean(false) }
            return a == nil || b == nil ? nil : .boolean(true)
        case .or(let lhs, let rhs):
            let a = value(lhs, &bindings)
            if a == .boolean(true) { return .boolean(true) }
            let b = value(rhs, &bindings)
            if b == .boolean(true) { return .boolean(true) }
            return a == nil || b == nil ? nil : .boolean(false)
        case .compare(let op, let lhs, let rhs):
            guard let x = value(lhs, &bindings), let y = value(rhs, &bindings) else { return nil }
            switch op {
            case .equal: return .boolean(Self.equal(x, y))
            case .notEqual: return .boolean(!Self.equal(x, y))
            default:
                guard let order = Self.order(x, y) else { return nil }
                switch op {
                case .less: return .boolean(order < 0)
                case .lessOrEqual: return .boolean(order <= 0)
                case .greater: return .boolean(order > 0)
                default: return .boolean(order >= 0)
                }
            }
        case .member(let element, let list, let negated):
            guard let item = value(element, &bindings), case .list(let values)? = value(list, &bindings) else { return nil }
            return .boolean(values.contains { Self.equal($0, item) } != negated)
        case .quantifier(let quantifier, let over, let body):
            guard case .list(let elements)? = value(over, &bindings) else { return nil }
            var sawUnknown = false
            var count = 0
            var total: [Value] = []
            for element in elements {
                bindings.append(element)
                let result = value(body, &bindings)
                bindings.removeLast()
                switch quantifier {
                case .any:
                    if result == .boolean(true) { return .boolean(true) }
                    if result == nil { sawUnknown = true }
                case .all:
                    if result == .boolean(false) { return .boolean(false) }
                    if result == nil { sawUnknown = true }
                case .count:
                    guard let result else { return nil }
                    if result == .boolean(true) { count += 1 }
                case .sum:
                    guard let result else { return nil }
                    total.append(result)
                }
            }
            switch quantifier {
            case .any: return sawUnknown ? nil : .boolean(false)
            case .all: return sawUnknown ? nil : .boolean(true)
            case .count: return .integer(count)
            case .sum: return Self.total(total)
            }
        }
    }
}
