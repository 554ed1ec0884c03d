extension Compiled {
    /// The literal numbers and durations in the expression, in visiting order: the
    /// thresholds a policy author could mistype (100 beds, 3 months).
    var thresholds: [Value] {
        var found: [Value] = []
        visit { node in
            if case .constant(let value) = node.operation, Self.isThreshold(value) { found.append(value) }
        }
        return found
    }

    /// This expression with the `index`-th threshold (as `thresholds` orders them) replaced.
    func replacingThreshold(_ index: Int, with value: Value) -> Compiled {
        var counter = 0
        return rewritten { node in
            guard case .constant(let old) = node.operation, Self.isThreshold(old) else { return nil }
            defer { counter += 1 }
            guard counter == index else { return nil }
            var copy = node
            copy.operation = .constant(value)
            copy.text = value.description
            return copy
        }
    }

    static func isThreshold(_ value: Value) -> Bool {
        switch value {
        case .integer, .decimal, .period: return true
        default: return false
        }
    }

    /// Rebuilds the tree bottom-up in visiting order, letting `transform` replace a node.
    func rewritten(_ transform: (Compiled) -> Compiled?) -> Compiled {
        if let replacement = transform(self) { return replacement }
        var copy = self
        func go(_ node: Compiled) -> Compiled { node.rewritten(transform) }
        switch operation {
        case .constant, .today, .fact, .parameter, .variable: return self
        case .field(let base, let name): copy.operation = .field(go(base), name)
        case .list(let elements): copy.operation = .list(elements.map(go))
        case .not(let operand): copy.operation = .not(go(operand))
        case .negate(let operand): copy.operation = .negate(go(operand))
        case .known(let operand): copy.operation = .known(go(operand))
        case .and(let lhs, let rhs): copy.operation = .and(go(lhs), go(rhs))
        case .or(let lhs, let rhs): copy.operation = .or(go(lhs), go(rhs))
        case .compare(let op, let lhs, let rhs): copy.operation = .compare(op, go(lhs), go(rhs))
        case .member(let lhs, let rhs, let negated): copy.operation = .member(go(lhs), go(rhs), negated: negated)
        case .arithmetic(let op, let lhs, let rhs): copy.operation = .arithmetic(op, go(lhs), go(rhs))
        case .conditional(let condition, let then, let otherwise):
            copy.operation = .conditional(go(condition), then: go(then), else: go(otherwise))
        case .quantifier(let quantifier, let list, let body): copy.operation = .quantifier(quantifier, over: go(list), body: go(body))
        case .call(let function, let arguments): copy.operation = .call(function, arguments.map(go))
        }
        return copy
    }
}
