/// Resolves names against the vocabulary and the parameters, and checks types,
/// so that a rule comparing a date with a number is refused when the policy loads.
public struct TypeChecker: Sendable {
    public let vocabulary: Vocabulary
    /// Parameter values by name.
    public let parameters: [String: Value]
    /// Types of the parameters, derived from their values.
    private let parameterTypes: [String: ValueType]
    /// The parameters whose names the vocabulary declares too (most often none): such a
    /// name means the parameter. Known from the start so that a name is looked for among
    /// the facts first, as most names are facts, and is then hashed once, not twice.
    private let parametersNamingFacts: Set<String>

    public init(vocabulary: Vocabulary, parameters: [String: Value]) {
        self.vocabulary = vocabulary
        self.parameters = parameters
        self.parameterTypes = parameters.mapValues(TypeChecker.type(of:))
        self.parametersNamingFacts = Set(parameters.keys.filter { vocabulary.type(of: $0) != nil })
    }

    private struct Binding {
        var name: String
        var type: ValueType
    }

    /// Checks `expr`, requiring it to have type `expected` when given.
    public func check(_ expr: Expr, expecting expected: ValueType? = nil) throws(Diagnostic) -> Compiled {
        let compiled = try check(expr, bindings: [])
        if let expected, !fits(compiled.type, expected) {
            throw Diagnostic(code: "type-mismatch", at: expr.location, "expected \(describe(expected)), but `\(expr.text)` is \(describe(compiled.type))")
        }
        return compiled
    }

    private func check(_ expr: Expr, bindings: [Binding]) throws(Diagnostic) -> Compiled {
        func make(_ operation: Compiled.Operation, _ type: ValueType) -> Compiled {
            Compiled(operation: operation, type: type, text: expr.text, location: expr.location)
        }
        switch expr.kind {
        case .boolean(let value): return make(.constant(.boolean(value)), .boolean)
        case .integer(let value): return make(.constant(.integer(value)), .integer)
        case .decimal(let value): return make(.constant(.decimal(value)), .decimal)
        case .string(let value): return make(.constant(.text(value)), .text)
        case .period(let value):
            guard abs(value.amount) <= 100_000 else {
                throw Diagnostic(code: "out-of-range", at: expr.location, "duration `\(expr.text)` is longer than 100000 units")
            }
            return make(.constant(.period(value)), .period)
        case .today: return make(.today, .date)
        case .name(let name): return try resolve(name, expr, bindings)
        case .member(let base, let field):
            let record = try check(base, bindings: bindings)
            guard case .record(let path) = record.type else {
                throw Diagnostic(code: "type-mismatch", at: expr.location, "`.\(field)` needs a record, but `\(base.text)` is \(describe(record.type))")
            }
            guard let type = vocabulary.type(of: path + "." + field) else {
                let fields = vocabulary.definition(path)?.fields.map(\.name) ?? []
                var message = "record `\(path)` has no field `\(field)`"
                if let near = nearestName(to: field, in: fields) { message += "; did you mean `\(near)`?" }
                throw Diagnostic(code: "undeclared-fact", at: expr.location, message)
            }
            return make(.field(record, field), type)
        case .list(let elements):
            let checked = try elements.map { (element) throws(Diagnostic) in try check(element, bindings: bindings) }
            guard let first = checked.first else { return make(.list([]), .emptyList) }
            for element in checked.dropFirst() where !fits(element.type, first.type) && !fits(first.type, element.type) {
                throw Diagnostic(code: "type-mismatch", at: element.location, "list elements must have one type: `\(first.text)` is \(describe(first.type)), `\(element.text)` is \(describe(element.type))")
            }
            return make(.list(checked), .list(first.type))
        case .unary(.not, let operand):
            return make(.not(try checkBool(operand, bindings)), .boolean)
        case .unary(.negate, let operand):
            let value = try check(operand, bindings: bindings)
            guard value.type.isNumeric || value.type == .period else {
                throw Diagnostic(code: "type-mismatch", at: expr.location, "`-` needs a number or a duration, but `\(operand.text)` is \(describe(value.type))")
            }
            return make(.negate(value), value.type)
        case .binary(let op, let lhs, let rhs):
            return try checkBinary(op, lhs, rhs, expr, bindings)
        case .conditional(let condition, let then, let otherwise):
            let test = try checkBool(condition, bindings)
            let a = try check(then, bindings: bindings), b = try check(otherwise, bindings: bindings)
            guard let type = common(a.type, b.type) else {
                throw Diagnostic(code: "type-mismatch", at: otherwise.location, "both branches must have one type: `\(then.text)` is \(describe(a.type)), `\(otherwise.text)` is \(describe(b.type))")
            }
            return make(.conditional(test, then: a, else: b), type)
        case .known(let operand):
            return make(.known(try check(operand, bindings: bindings)), .boolean)
        case .call(let name, let arguments):
            guard let function = Builtin(rawValue: name) else {
                var message = "`\(name)(…)` is not a function of the language"
                if let near = nearestName(to: name, in: Builtin.allCases.map(\.rawValue)) { message += "; did you mean `\(near)`?" }
                else { message += "; functions: " + Builtin.allCases.map(\.rawValue).joined(separator: ", ") }
                throw Diagnostic(code: "unknown-function", at: expr.location, message)
            }
            let checked = try arguments.map { (argument) throws(Diagnostic) in try check(argument, bindings: bindings) }
            guard let type = function.resultType(checked.map(\.type)) else {
                let given = checked.map { describe($0.type) }.joined(separator: ", ")
                throw Diagnostic(code: "type-mismatch", at: expr.location, "`\(name)` is \(function.signature), but is given (\(given))")
            }
            return make(.call(function, checked), type)
        case .quantifier(let quantifier, let variable, let over, let body):
            let list = try check(over, bindings: bindings)
            guard case .list(let element) = list.type else {
                throw Diagnostic(code: "type-mismatch", at: over.location, "\(quantifier.rawValue)(…) ranges over a list, but `\(over.text)` is \(describe(list.type))")
            }
            if bindings.contains(where: { $0.name == variable }) || vocabulary.type(of: variable) != nil || parameters[variable] != nil {
                throw Diagnostic(code: "shadowing", at: expr.location, "variable `\(variable)` hides a name already in use; choose another")
            }
            let inner = try check(body, bindings: bindings + [Binding(name: variable, type: element)])
            switch quantifier {
            case .any, .all, .count:
                guard inner.type == .boolean else {
                    throw Diagnostic(code: "type-mismatch", at: body.location, "\(quantifier.rawValue)(…) needs a condition, but `\(body.text)` is \(describe(inner.type))")
                }
                return make(.quantifier(quantifier, over: list, body: inner), quantifier == .count ? .integer : .boolean)
            case .sum:
                guard inner.type.isNumeric else {
                    throw Diagnostic(code: "type-mismatch", at: body.location, "sum(…) adds numbers, but `\(body.text)` is \(describe(inner.type))")
                }
                return make(.quantifier(.sum, over: list, body: inner), inner.type)
            }
        }
    }

    private func resolve(_ name: String, _ expr: Expr, _ bindings: [Binding]) throws(Diagnostic) -> Compiled {
        func make(_ operation: Compiled.Operation, _ type: ValueType) -> Compiled {
            Compiled(operation: operation, type: type, text: expr.text, location: expr.location)
        }
        if let depth = bindings.lastIndex(where: { $0.name == name }) {
            return make(.variable(depth), bindings[depth].type)
        }
        // A field's path has a dot. (A byte: `contains(".")` would be Foundation's substring search.)
        if let type = vocabulary.type(of: name), !name.containsASCII(UInt8(ascii: ".")), !parametersNamingFacts.contains(name) {
            return make(.fact(name), type)
        }
        if let type = parameterTypes[name] {
            return make(.parameter(name), type)
        }
        var message = "`\(name)` is not a declared fact or parameter"
        let candidates = vocabulary.topLevelNames + parameters.keys + bindings.map(\.name)
        if let near = nearestName(to: name, in: candidates) { message += "; did you mean `\(near)`?" }
        else { message += "; declare it in the vocabulary" }
        throw Diagnostic(code: "undeclared-fact", at: expr.location, message)
    }

    private func checkBool(_ expr: Expr, _ bindings: [Binding]) throws(Diagnostic) -> Compiled {
        let compiled = try check(expr, bindings: bindings)
        guard compiled.type == .boolean else {
            throw Diagnostic(code: "type-mismatch", at: expr.location, "expected a condition (bool), but `\(expr.text)` is \(describe(compiled.type))")
        }
        return compiled
    }

    private func checkBinary(_ op: BinaryOperator, _ lhsExpr: Expr, _ rhsExpr: Expr, _ expr: Expr, _ bindings: [Binding]) throws(Diagnostic) -> Compiled {
        func make(_ operation: Compiled.Operation, _ type: ValueType) -> Compiled {
            Compiled(operation: operation, type: type, text: expr.text, location: expr.location)
        }
        if op == .and || op == .or {
            let lhs = try checkBool(lhsExpr, bindings), rhs = try checkBool(rhsExpr, bindings)
            return make(op == .and ? .and(lhs, rhs) : .or(lhs, rhs), .boolean)
        }
        let lhs = try check(lhsExpr, bindings: bindings), rhs = try check(rhsExpr, bindings: bindings)
        // Made only when thrown: an operator that checks never needs its types described.
        func mismatch() -> Diagnostic {
            Diagnostic(code: "type-mismatch", at: expr.location,
                       "`\(op.rawValue)` cannot combine \(describe(lhs.type)) (`\(lhsExpr.text)`) with \(describe(rhs.type)) (`\(rhsExpr.text)`)")
        }
        switch op {
        case .equal, .notEqual:
            try checkEnumLiterals(lhs, rhs)
            guard common(lhs.type, rhs.type) != nil else { throw mismatch() }
            return make(.compare(op, lhs, rhs), .boolean)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let type = common(lhs.type, rhs.type), type.isOrdered else { throw mismatch() }
            return make(.compare(op, lhs, rhs), .boolean)
        case .member, .notMember:
            guard case .list(let element) = rhs.type else {
                if rhs.type == .emptyList { return make(.member(lhs, rhs, negated: op == .notMember), .boolean) }
                throw Diagnostic(code: "type-mismatch", at: rhsExpr.location, "`\(op.rawValue)` needs a list on its right, but `\(rhsExpr.text)` is \(describe(rhs.type))")
            }
            try checkEnumLiterals(lhs, rhs)
            guard common(lhs.type, element) != nil else { throw mismatch() }
            return make(.member(lhs, rhs, negated: op == .notMember), .boolean)
        case .add, .subtract:
            switch (lhs.type, rhs.type) {
            case (.date, .period): return make(.arithmetic(op, lhs, rhs), .date)
            case (.date, .date) where op == .subtract: return make(.arithmetic(op, lhs, rhs), .integer)
            case (.period, .date) where op == .add: return make(.arithmetic(op, rhs, lhs), .date)
            default:
                guard lhs.type.isNumeric, rhs.type.isNumeric, let type = common(lhs.type, rhs.type) else { throw mismatch() }
                return make(.arithmetic(op, lhs, rhs), type)
            }
        case .multiply where lhs.type == .period && rhs.type == .integer:
            return make(.arithmetic(op, lhs, rhs), .period)
        case .multiply where lhs.type == .integer && rhs.type == .period:
            return make(.arithmetic(op, rhs, lhs), .period)
        case .multiply, .divide:
            guard lhs.type.isNumeric, rhs.type.isNumeric, let type = common(lhs.type, rhs.type) else { throw mismatch() }
            return make(.arithmetic(op, lhs, rhs), op == .divide ? .decimal : type)
        case .and, .or:
            preconditionFailure("handled above")
        }
    }

    /// A string literal compared with a one-of fact must be one of its values.
    private func checkEnumLiterals(_ lhs: Compiled, _ rhs: Compiled) throws(Diagnostic) {
        // One side after the other, with no list of the pairs: this runs for every `==` and `in`.
        if let name = Self.enumName(lhs.type) { try checkLiterals(in: rhs, areValuesOf: name) }
        if let name = Self.enumName(rhs.type) { try checkLiterals(in: lhs, areValuesOf: name) }
    }

    private static func enumName(_ type: ValueType) -> String? {
        switch type {
        case .enumeration(let name), .list(.enumeration(let name)): return name
        default: return nil
        }
    }

    /// The text literals written in `node` (itself, or the elements of a list) must be values
    /// of `name`. Walked in place, and the allowed values looked up only once a literal is
    /// met: most comparisons with a one-of fact have none to check.
    private func checkLiterals(in node: Compiled, areValuesOf name: String) throws(Diagnostic) {
        var values: [EnumValue]?  // looked up at the first literal, once for a whole list
        func check(_ node: Compiled) throws(Diagnostic) {
            switch node.operation {
            case .constant(.text(let literal)):
                let known = values ?? vocabulary.enumValues(name)
                values = known
                guard !known.contains(where: { $0.id.isSameText(literal) }) else { return }
                let allowed = known.map(\.id)
                var message = "'\(literal)' is not a value of `\(name)`"
                if let near = nearestName(to: literal, in: allowed) { message += "; did you mean '\(near)'?" }
                else { message += "; allowed: " + allowed.joined(separator: ", ") }
                throw Diagnostic(code: "unknown-value", at: node.location, message)
            case .list(let elements):
                for element in elements { try check(element) }
            default:
                return
            }
        }
        try check(node)
    }

    /// The type two operands share, if any (an integer widens to a decimal, text fits a one-of value).
    private func common(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == b { return a }
        switch (a, b) {
        case (.integer, .decimal), (.decimal, .integer): return .decimal
        case (.enumeration, .text): return a
        case (.text, .enumeration): return b
        case (.list(let x), .list(let y)): return common(x, y).map(ValueType.list)
        case (.emptyList, .list), (.list, .emptyList): return a == .emptyList ? b : a
        default: return nil
        }
    }

    private func fits(_ actual: ValueType, _ expected: ValueType) -> Bool {
        guard let shared = common(actual, expected) else { return false }
        return shared == expected || (actual == .integer && expected == .decimal)
    }

    private func describe(_ type: ValueType) -> String {
        switch type {
        case .enumeration(let name): return "one of `\(name)`"
        case .record(let name): return "a record of `\(name)`"
        case .list(let element): return "a list of \(describe(element))"
        default: return type.description
        }
    }

    static func type(of value: Value) -> ValueType {
        switch value {
        case .boolean: return .boolean
        case .integer: return .integer
        case .decimal: return .decimal
        case .text: return .text
        case .date: return .date
        case .period: return .period
        case .list(let values): return values.first.map { .list(type(of: $0)) } ?? .emptyList
        case .record: return .record("")
        }
    }
}
