/// Tokens of the expression language.
enum Token: Equatable {
    case integer(Int)
    case decimal(Double)
    case string(String)
    case identifier(String)
    case symbol(String)
    case end
}

struct LexedToken {
    var token: Token
    /// Offsets in Unicode scalars within the expression text.
    var start: Int
    var end: Int
}

/// Splits an expression into tokens; reports the first bad character with its offset.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    struct Failure: Error {
        var offset: Int
        var message: String
    }

    static let symbols = ["==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "(", ")", "[", "]", ",", "."]

    mutating func tokenize() throws(Failure) -> [LexedToken] {
        var tokens: [LexedToken] = []
        while true {
            while index < scalars.count, scalars[index].properties.isWhitespace { index += 1 }
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
            return .identifier(text(start, index))
        }
        if scalar == "'" || scalar == "\"" { return try string(quote: scalar) }
        for symbol in Lexer.symbols where matches(symbol) {
            index += symbol.unicodeScalars.count
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
        let literal = text(start, index)
        if isDecimal, let value = Double(literal) { return .decimal(value) }
        if !isDecimal, let value = Int(literal) { return .integer(value) }
        throw Failure(offset: start, message: "number \(literal) is too large")
    }

    private mutating func string(quote: Unicode.Scalar) throws(Failure) -> Token {
        let start = index
        index += 1
        var value = String.UnicodeScalarView()
        while index < scalars.count, scalars[index] != quote {
            value.append(scalars[index])
            index += 1
        }
        guard index < scalars.count else { throw Failure(offset: start, message: "unterminated string; expected a closing \(quote)") }
        index += 1
        return .string(String(value))
    }

    private func matches(_ symbol: String) -> Bool {
        var offset = index
        for scalar in symbol.unicodeScalars {
            guard offset < scalars.count, scalars[offset] == scalar else { return false }
            offset += 1
        }
        return true
    }

    private func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }

    private func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private func isIdentifierStart(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_"
    }
}
