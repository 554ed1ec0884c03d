/// Tokens of the expression language.
///
/// Keywords and symbols are told apart from names here, once, so that the parser
/// compares small enums rather than strings at every step.
enum Token: Equatable {
    case integer(Int)
    case decimal(Double)
    case string(String)
    /// A name that is not a keyword: a fact, parameter, variable, function or unit.
    case identifier(String)
    case keyword(Keyword)
    case symbol(Symbol)
    case end
}

/// The reserved words, which cannot name a fact or a variable.
enum Keyword: String, CaseIterable {
    case and, or, not, `in`, `if`, then, `else`, `true`, `false`, today

    /// The keyword spelt by the scalars `word`, if it is one, found before the word is made
    /// a String. Each spelling is compared as one number (``code(of:)``): hashing the word
    /// for a table cost more than lexing it, and most words are names, not keywords. A
    /// word longer than every keyword (most names of facts) is not compared at all.
    static func named(_ word: ArraySlice<Unicode.Scalar>) -> Keyword? {
        guard word.count <= maxLength, let code = code(of: word) else { return nil }
        return codes.first { $0.code == code }?.keyword
    }

    private static let maxLength = 5
    private static let codes = allCases.map { (code: code(of: $0.rawValue.unicodeScalars)!, keyword: $0) }

    /// The scalars of a short ASCII word, one byte each, as one number: two words have the
    /// same number only if they are the same (no ASCII letter is zero). Nil if one is not ASCII.
    private static func code(of word: some Collection<Unicode.Scalar>) -> UInt64? {
        var code: UInt64 = 0
        for scalar in word {
            guard scalar.isASCII else { return nil }
            code = code << 8 | UInt64(scalar.value)
        }
        return code
    }
}

enum Symbol: String {
    case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
    case plus = "+", minus = "-", times = "*", divide = "/"
    case openParenthesis = "(", closeParenthesis = ")", openBracket = "[", closeBracket = "]"
    case comma = ",", dot = "."

    /// The symbol that starts at `first`, followed by `second`: the longest that fits.
    init?(_ first: Unicode.Scalar, followedBy second: Unicode.Scalar?) {
        switch (first, second) {
        case ("=", "="): self = .equal
        case ("!", "="): self = .notEqual
        case ("<", "="): self = .lessOrEqual
        case (">", "="): self = .greaterOrEqual
        case ("<", _): self = .less
        case (">", _): self = .greater
        case ("+", _): self = .plus
        case ("-", _): self = .minus
        case ("*", _): self = .times
        case ("/", _): self = .divide
        case ("(", _): self = .openParenthesis
        case (")", _): self = .closeParenthesis
        case ("[", _): self = .openBracket
        case ("]", _): self = .closeBracket
        case (",", _): self = .comma
        case (".", _): self = .dot
        default: return nil
        }
    }

    /// The comparison this symbol writes, if it is one.
    var comparison: BinaryOperator? {
        switch self {
        case .equal: .equal
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: nil
        }
    }
}

struct LexedToken {
    var token: Token
    /// Offsets in Unicode scalars within the expression text.
    var start: Int
    var end: Int
}

/// Splits an expression into tokens; reports the first bad character with its offset.
struct Lexer {
    private let text: ScalarText
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: ScalarText) {
        self.text = text
        scalars = text.scalars
    }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    mutating func tokenize() throws(Failure) -> [LexedToken] {
        var tokens: [LexedToken] = []
        // Room for the usual expression at once, rather than growing one doubling at a
        // time: a token with the space after it takes about four scalars.
        tokens.reserveCapacity(scalars.count / 4 + 2)
        while true {
            while index < scalars.count, Self.isWhitespace(scalars[index]) { index += 1 }
            let start = index
            guard index < scalars.count else {
                tokens.append(LexedToken(token: .end, start: start, end: start))
                return tokens
            }
            let token = try next()
            tokens.append(LexedToken(token: token, start: start, end: index))
        }
    }

    private mutating func next() throws(Failure) -> Token {
        let scalar = scalars[index]
        if isDigit(scalar) { return try number() }
        if isIdentifierStart(scalar) {
            let start = index
            while index < scalars.count, isIdentifierStart(scalars[index]) || isDigit(scalars[index]) { index += 1 }
            if let keyword = Keyword.named(scalars[start..<index]) { return .keyword(keyword) }
            return .identifier(text.slice(start, index))
        }
        if scalar == "'" || scalar == "\"" { return try string(quote: scalar) }
        if let symbol = Symbol(scalar, followedBy: index + 1 < scalars.count ? scalars[index + 1] : nil) {
            index += symbol.rawValue.utf8.count  // all symbols are ASCII
            return .symbol(symbol)
        }
        throw Failure(offset: index, message: "unexpected character '\(scalar)'")
    }

    private mutating func number() throws(Failure) -> Token {
        let start = index
        while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        var isDecimal = false
        if index + 1 < scalars.count, scalars[index] == ".", isDigit(scalars[index + 1]) {
            isDecimal = true
            index += 1
            while index < scalars.count, isDigit(scalars[index]) { index += 1 }
        }
        let literal = text.slice(start, index)
        if isDecimal, let value = Double(literal) { return .decimal(value) }
        if !isDecimal, let value = Int(literal) { return .integer(value) }
        throw Failure(offset: start, message: "number \(literal) is too large")
    }

    private mutating func string(quote: Unicode.Scalar) throws(Failure) -> Token {
        let start = index
        index += 1
        while index < scalars.count, scalars[index] != quote { index += 1 }
        guard index < scalars.count else { throw Failure(offset: start, message: "unterminated string; expected a closing \(quote)") }
        index += 1
        return .string(text.slice(start + 1, index - 1))
    }

    /// Unicode's white space; ASCII is decided without looking up the scalar's properties.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
