/// A parsed expression, as written in a policy file, before names are resolved.
public indirect enum ExprKind: Sendable {
    case boolean(Bool)
    case integer(Int)
    case decimal(Double)
    case string(String)
    case period(Period)
    /// The as-of date of the evaluation.
    case today
    case name(String)
    case member(Expr, String)
    case list([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case conditional(Expr, then: Expr, else: Expr)
    /// `known(e)`: whether `e` has a value; never unknown itself.
    case known(Expr)
    /// `any(x in list, body)`, `all(…)`, `count(…)`, `sum(…)`.
    case quantifier(Quantifier, variable: String, over: Expr, body: Expr)
    /// A function of the language: `month(d)`, `nth_working_day(d, 5)`, ….
    case call(String, [Expr])
}

public enum UnaryOperator: String, Sendable { case not, negate = "-" }

public enum BinaryOperator: String, Sendable {
    case and, or
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case member = "in", notMember = "not in"
    case add = "+", subtract = "-", multiply = "*", divide = "/"
}

public enum Quantifier: String, Sendable, CaseIterable { case any, all, count, sum }

/// An expression node with the source text it was parsed from and where that is.
public struct Expr: Sendable {
    public var kind: ExprKind
    /// The node's own source text, used to explain a result ("opened + 3 months").
    public var text: String
    public var location: SourceLocation
    /// Offsets, in Unicode scalars, of `text` within the whole expression.
    var span: Range<Int>

    init(_ kind: ExprKind, text: String, location: SourceLocation, span: Range<Int>) {
        self.kind = kind
        self.text = text
        self.location = location
        self.span = span
    }
}
