/// A type-checked expression with its names resolved: what the evaluator runs.
public struct Compiled: Sendable {
    public indirect enum Operation: Sendable {
        case constant(Value)
        case today
        case fact(String)
        /// A policy parameter, by name: its value is read when evaluating, so that a
        /// region replacing the parameter changes every rule that uses it.
        case parameter(String)
        /// A quantifier's variable, by its depth (0 is the outermost binding).
        case variable(Int)
        case field(Compiled, String)
        case list([Compiled])
        case not(Compiled)
        case negate(Compiled)
        case and(Compiled, Compiled)
        case or(Compiled, Compiled)
        case compare(BinaryOperator, Compiled, Compiled)
        case member(Compiled, Compiled, negated: Bool)
        case arithmetic(BinaryOperator, Compiled, Compiled)
        case conditional(Compiled, then: Compiled, else: Compiled)
        case known(Compiled)
        case quantifier(Quantifier, over: Compiled, body: Compiled)
        case call(Builtin, [Compiled])
    }

    public var operation: Operation
    public var type: ValueType
    /// The source text, for explanations.
    public var text: String
    public var location: SourceLocation

    /// Every top-level fact this expression reads.
    public var facts: Set<String> {
        var names: Set<String> = []
        visit { if case .fact(let name) = $0.operation { names.insert(name) } }
        return names
    }

    /// Calls `body` on this node and every node below it.
    func visit(_ body: (Compiled) -> Void) {
        body(self)
        switch operation {
        case .constant, .today, .fact, .parameter, .variable: break
        case .field(let base, _): base.visit(body)
        case .list(let elements): elements.forEach { $0.visit(body) }
        case .not(let operand), .negate(let operand), .known(let operand): operand.visit(body)
        case .and(let lhs, let rhs), .or(let lhs, let rhs), .compare(_, let lhs, let rhs),
             .member(let lhs, let rhs, _), .arithmetic(_, let lhs, let rhs):
            lhs.visit(body)
            rhs.visit(body)
        case .conditional(let condition, let then, let otherwise):
            condition.visit(body)
            then.visit(body)
            otherwise.visit(body)
        case .quantifier(_, let list, let inner):
            list.visit(body)
            inner.visit(body)
        case .call(_, let arguments):
            arguments.forEach { $0.visit(body) }
        }
    }
}
