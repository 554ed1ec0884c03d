/// Parses the expression language. Grammar, loosest binding first:
///
///     expr       = "if" expr "then" expr "else" expr | or
///     or         = and { "or" and }
///     and        = not { "and" not }
///     not        = "not" not | comparison
///     comparison = sum [ ("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in") sum ]
///     sum        = product { ("+" | "-") product }
///     product    = unary { ("*" | "/") unary }
///     unary      = "-" unary | postfix
///     postfix    = primary { "." name }
///     primary    = number [unit] | string | "true" | "false" | "today" | name
///                | "known" "(" expr ")" | quantifier "(" name "in" expr "," expr ")"
///                | function "(" [expr { "," expr }] ")"
///                | "[" [expr { "," expr }] "]" | "(" expr ")"
///
/// `unit` is one of day(s), working_day(s), week(s), month(s), year(s): `3 months`.
///
/// The tree may be at most `maxDepth` levels deep, counting every level the later steps
/// (type checking, compiling, evaluating) recurse through: a parenthesis, a `not`, a `-`,
/// and each further term of a chain (`a and b and c` nests as `(a and b) and c`). A
/// deeper expression is refused here, with its position, rather than overflowing the
/// stack of a later step; and a long chain is refused at its 64th term, before each of
/// its prefixes has been cut out of the source (which made long chains quadratic).
public struct ExpressionParser {
    private let source: ScalarText
    private let origin: SourceLocation
    private let verbatim: Bool
    private var tokens: [LexedToken] = []
    private var position = 0
    private var depth = 0
    static let maxDepth = 64
    /// The longest duration written (`100000 days`), so that every date moved by one, or by
    /// a product of one (capped at 1,000,000 units), stays a date.
    static let maxPeriodAmount = 100_000

    /// - Parameters:
    ///   - origin: where the expression's string starts in its file (its opening quote).
    ///   - verbatim: whether the string was written without escapes, so offsets map to columns.
    public init(_ source: String, origin: SourceLocation, verbatim: Bool) {
        self.source = ScalarText(source)
        self.origin = origin
        self.verbatim = verbatim
    }

    /// Parses the whole text as one expression.
    public static func parse(_ source: String, origin: SourceLocation, verbatim: Bool) throws(Diagnostic) -> Expr {
        var parser = ExpressionParser(source, origin: origin, verbatim: verbatim)
        return try parser.parseAll()
    }

    mutating func parseAll() throws(Diagnostic) -> Expr {
        do {
            var lexer = Lexer(source)
            tokens = try lexer.tokenize()
        } catch {
            throw Diagnostic(code: "expression-syntax", at: location(error.offset), "\(error.message) in expression `\(source.string)`")
        }
        let expr = try expression()
        guard current.token == .end else { throw unexpected("an operator or the end of the expression") }
        return expr
    }

    // MARK: Grammar

    private mutating func expression() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        try descend()
        if isKeyword(.if) {
            let start = current.start
            advance()
            let condition = try expression()
            try expectKeyword(.then)
            let then = try expression()
            try expectKeyword(.else)
            let otherwise = try expression()
            return node(.conditional(condition, then: then, else: otherwise), from: start)
        }
        return try or()
    }

    private mutating func or() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try and()
        while isKeyword(.or) {
            try descend()
            advance()
            let rhs = try and()
            lhs = node(.binary(.or, lhs, rhs), from: lhs)
        }
        return lhs
    }

    private mutating func and() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try not()
        while isKeyword(.and) {
            try descend()
            advance()
            let rhs = try not()
            lhs = node(.binary(.and, lhs, rhs), from: lhs)
        }
        return lhs
    }

    private mutating func not() throws(Diagnostic) -> Expr {
        guard isKeyword(.not) else { return try comparison() }
        let start = current.start
        let outer = depth
        defer { depth = outer }
        try descend()
        advance()
        let operand = try not()
        return node(.unary(.not, operand), from: start)
    }

    private mutating func comparison() throws(Diagnostic) -> Expr {
        let lhs = try sum()
        let op: BinaryOperator
        if case .symbol(let symbol) = current.token, let comparison = symbol.comparison {
            op = comparison
            advance()
        } else if isKeyword(.in) {
            op = .member
            advance()
        } else if isKeyword(.not), peek.token == .keyword(.in) {
            op = .notMember
            advance()
            advance()
        } else {
            return lhs
        }
        let rhs = try sum()
        return node(.binary(op, lhs, rhs), from: lhs)
    }

    private mutating func sum() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try product()
        while case .symbol(let symbol) = current.token, symbol == .plus || symbol == .minus {
            try descend()
            advance()
            let rhs = try product()
            lhs = node(.binary(symbol == .plus ? .add : .subtract, lhs, rhs), from: lhs)
        }
        return lhs
    }

    private mutating func product() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        var lhs = try unary()
        while case .symbol(let symbol) = current.token, symbol == .times || symbol == .divide {
            try descend()
            advance()
            let rhs = try unary()
            lhs = node(.binary(symbol == .times ? .multiply : .divide, lhs, rhs), from: lhs)
        }
        return lhs
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        guard current.token == .symbol(.minus) else { return try postfix() }
        let start = current.start
        let outer = depth
        defer { depth = outer }
        try descend()
        advance()
        let operand = try unary()
        return node(.unary(.negate, operand), from: start)
    }

    private mutating func postfix() throws(Diagnostic) -> Expr {
        let outer = depth
        defer { depth = outer }
        var base = try primary()
        while current.token == .symbol(.dot) {
            try descend()
            advance()
            guard case .identifier(let field) = current.token else {
                throw unexpected("a field name after '.'")
            }
            advance()
            base = node(.member(base, field), from: base)
        }
        return base
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let start = current.start
        switch current.token {
        case .integer(let value):
            advance()
            if case .identifier(let word) = current.token, let unit = Period.Unit.spellings[word] {
                guard value <= Self.maxPeriodAmount else {
                    throw Diagnostic(code: "out-of-range", at: location(start), "duration `\(slice(start, current.end))` is longer than \(Self.maxPeriodAmount) units")
                }
                advance()
                return node(.period(Period(value, unit)), from: start)
            }
            return node(.integer(value), from: start)
        case .decimal(let value):
            advance()
            return node(.decimal(value), from: start)
        case .string(let value):
            advance()
            return node(.string(value), from: start)
        case .keyword(.true), .keyword(.false):
            let value = current.token == .keyword(.true)
            advance()
            return node(.boolean(value), from: start)
        case .keyword(.today):
            advance()
            return node(.today, from: start)
        case .identifier("known"):
            advance()
            try expectSymbol(.openParenthesis)
            let operand = try expression()
            try expectSymbol(.closeParenthesis)
            return node(.known(operand), from: start)
        case .identifier(let word) where peek.token == .symbol(.openParenthesis) && Quantifier(rawValue: word) != nil:
            return try quantifier(Quantifier(rawValue: word)!, start: start)
        case .identifier(let name) where peek.token == .symbol(.openParenthesis):
            advance()
            advance()
            var arguments: [Expr] = []
            while current.token != .symbol(.closeParenthesis) {
                arguments.append(try expression())
                guard current.token == .symbol(.comma) else { break }
                advance()
            }
            try expectSymbol(.closeParenthesis)
            return node(.call(name, arguments), from: start)
        case .identifier(let name):
            advance()
            return node(.name(name), from: start, text: name)
        case .symbol(.openParenthesis):
            advance()
            let inner = try expression()
            try expectSymbol(.closeParenthesis)
            return node(inner.kind, from: start)
        case .symbol(.openBracket):
            advance()
            var elements: [Expr] = []
            while current.token != .symbol(.closeBracket) {
                elements.append(try expression())
                guard current.token == .symbol(.comma) else { break }
                advance()
            }
            try expectSymbol(.closeBracket)
            return node(.list(elements), from: start)
        default:
            throw unexpected("a value (a number, a 'string', a fact name, today, or '(')")
        }
    }

    private mutating func quantifier(_ quantifier: Quantifier, start: Int) throws(Diagnostic) -> Expr {
        advance()
        try expectSymbol(.openParenthesis)
        guard case .identifier(let variable) = current.token else {
            throw unexpected("a variable name, as in \(quantifier.rawValue)(x in records, x.field > 0)")
        }
        advance()
        try expectKeyword(.in)
        let list = try expression()
        try expectSymbol(.comma)
        let body = try expression()
        try expectSymbol(.closeParenthesis)
        return node(.quantifier(quantifier, variable: variable, over: list, body: body), from: start)
    }

    // MARK: Helpers

    /// One level deeper in the tree; the caller puts `depth` back when its node is made.
    private mutating func descend() throws(Diagnostic) {
        depth += 1
        guard depth <= Self.maxDepth else {
            throw Diagnostic(code: "expression-too-deep", at: location(current.start),
                             "expression nested deeper than \(Self.maxDepth) levels (parentheses, `not`, `-`, and the terms of a chain of `and`, `or`, `+`, `*` or `.` each count one); split it with a parameter or a simpler test")
        }
    }

    private var current: LexedToken { tokens[position] }
    private var peek: LexedToken { tokens[min(position + 1, tokens.count - 1)] }
    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isKeyword(_ keyword: Keyword) -> Bool { current.token == .keyword(keyword) }

    private mutating func expectKeyword(_ keyword: Keyword) throws(Diagnostic) {
        guard isKeyword(keyword) else { throw unexpected("'\(keyword.rawValue)'") }
        advance()
    }

    private mutating func expectSymbol(_ symbol: Symbol) throws(Diagnostic) {
        guard current.token == .symbol(symbol) else { throw unexpected("'\(symbol.rawValue)'") }
        advance()
    }

    private func unexpected(_ expected: String) -> Diagnostic {
        let found = current.token == .end ? "the end of the expression" : "'\(slice(current.start, current.end))'"
        return Diagnostic(code: "expression-syntax", at: location(current.start), "expected \(expected), found \(found) in `\(source.string)`")
    }

    /// The node of what was read from `start` on; `text` is its text when the caller has it
    /// already (a name's token), rather than cut out of the source again.
    private func node(_ kind: ExprKind, from start: Int, text: String? = nil) -> Expr {
        let end = max(start, tokens[max(position - 1, 0)].end)
        return Expr(kind, text: text ?? slice(start, end), location: location(start), span: start..<end)
    }

    private func node(_ kind: ExprKind, from first: Expr) -> Expr {
        node(kind, from: first.span.lowerBound)
    }

    private func location(_ offset: Int) -> SourceLocation {
        verbatim ? origin.advanced(by: 1 + offset) : origin
    }

    private func slice(_ start: Int, _ end: Int) -> String { source.slice(start, end) }
}
