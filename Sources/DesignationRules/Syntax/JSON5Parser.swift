/// Reads JSON5 (https://spec.json5.org), and therefore plain JSON, keeping the
/// source position of every value and every object key.
///
/// Bad input gives exactly one ``JSON5Error`` naming `file:line:column` and saying
/// what was expected there. Nesting is handled with an explicit stack, so deep
/// input can never overflow the call stack.
public enum JSON5 {
    /// Parses a whole document (one value, then only whitespace/comments). `file` is used in locations.
    ///
    /// A leading UTF-8 byte-order mark is skipped. The input must be UTF-8.
    /// - Parameter maxDepth: the most arrays/objects that may be open at once.
    /// - Parameter language: the language of the error message (a profile's reader's).
    public static func parse(_ bytes: [UInt8], file: String, maxDepth: Int = 256, language: Language = .en) throws(JSON5Error) -> JSONNode {
        // Read through a buffer pointer: no bounds checks or array bookkeeping per byte.
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSON5Error) in
            var parser = JSON5Parser(bytes: buffer, file: FileName(file), maxDepth: maxDepth, language: language)
            return try parser.parseDocument()
        }
    }

    /// Parses a whole document (one value, then only whitespace/comments). `file` is used in locations.
    public static func parse(_ text: String, file: String, maxDepth: Int = 256) throws(JSON5Error) -> JSONNode {
        try parse(Array(text.utf8), file: file, maxDepth: maxDepth)
    }
}

// MARK: - Parser state and position tracking

/// A single-use cursor over the bytes of one document.
///
/// Line and column are tracked incrementally as bytes are consumed: a column is
/// counted on each byte that starts a UTF-8 sequence, never on continuation bytes.
private struct JSON5Parser {
    /// A number literal longer than this is rejected rather than converted.
    static let maxNumberLength = 100

    private let bytes: UnsafeBufferPointer<UInt8>
    private let file: FileName
    private let maxDepth: Int
    private let language: Language
    private var zh: Bool { language == .zh }
    private var keys = KeyCache()
    private var index = 0
    private var line = 1
    private var column = 1
    /// A duplicate key found by `readKey`, whose message `parseValue` completes with the
    /// path of the object that holds it (`physicians[1]`), which only it knows.
    private var duplicate: (key: String, first: SourceLocation, at: SourceLocation)?

    init(bytes: UnsafeBufferPointer<UInt8>, file: FileName, maxDepth: Int, language: Language = .en) {
        self.bytes = bytes
        self.file = file
        self.maxDepth = maxDepth
        self.language = language
    }

    private var location: SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    private var isAtEnd: Bool { index >= bytes.count }

    /// The byte `offset` places ahead, or nil past the end.
    private func peek(_ offset: Int = 0) -> UInt8? {
        let position = index + offset
        return position < bytes.count ? bytes[position] : nil
    }

    /// The text of the bytes in `range` (valid UTF-8, checked once for the whole document).
    private func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The error at `location` (default: the cursor), in the reader's language.
    private func error(_ en: String, _ zh: @autoclosure () -> String, at location: SourceLocation? = nil) -> JSON5Error {
        JSON5Error(location: location ?? self.location, message: self.zh ? zh() : en)
    }

    /// Consumes `count` bytes known to be ASCII and not line breaks.
    private mutating func advanceASCII(_ count: Int = 1) {
        index += count
        column += count
    }

    /// Consumes one byte that is not a line break.
    private mutating func advanceByte() {
        if !Byte.isContinuation(bytes[index]) { column += 1 }
        index += 1
    }

    /// Consumes LF, CR or CRLF as one line break.
    private mutating func consumeLineBreak() {
        if bytes[index] == Byte.cr, peek(1) == Byte.lf { index += 2 } else { index += 1 }
        line += 1
        column = 1
    }

    /// Consumes bytes up to the first line break, `stop` or `otherStop`, or to the end.
    /// Most of a file is read here (strings and comments), so whole words of eight
    /// bytes are passed over at once while none of them is a byte to stop at.
    private mutating func advance(untilLineBreakOr stop: UInt8, or otherStop: UInt8) {
        var end = index, scalars = 0
        while end + 8 <= bytes.count {
            let word = Word.load(bytes, at: end)
            let stops = Word.matches(word, Byte.lf) | Word.matches(word, Byte.cr)
                | Word.matches(word, stop) | Word.matches(word, otherStop)
            // The bytes before the first stop, or all eight.
            let plain = stops.trailingZeroBitCount / 8
            scalars += Word.scalarStarts(word, inFirst: plain)
            end += plain
            if plain < 8 { break }
        }
        while end < bytes.count {
            let byte = bytes[end]
            if Byte.isLineBreak(byte) || byte == stop || byte == otherStop { break }
            if !Byte.isContinuation(byte) { scalars += 1 }
            end += 1
        }
        index = end
        column += scalars
    }

    /// Consumes one byte, or a whole line break.
    private mutating func advanceAny() {
        if Byte.isLineBreak(bytes[index]) { consumeLineBreak() } else { advanceByte() }
    }

    /// Consumes a whole scalar of `length` bytes that is not a line break.
    private mutating func advanceScalar(length: Int) {
        index += length
        column += 1
    }

    // MARK: - Document

    mutating func parseDocument() throws(JSON5Error) -> JSONNode {
        try checkEncoding()
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // BOM: not a column
        try skipTrivia()
        if isAtEnd {
            let blank = bytes.count > (bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
            throw error(blank ? "the file holds only white space or comments; expected a JSON value" : "the file is empty; expected a JSON value",
                        blank ? "文件只有空白或注释；应为一个 JSON 值" : "文件是空的；应为一个 JSON 值")
        }
        let root = try parseValue()
        try skipTrivia()
        if !isAtEnd {
            throw error("expected end of file after the value, found \(describeFound()); "
                + "a file holds one value (put several in an array)",
                "值之后应为文件结尾，实为\(describeFound())；一个文件只放一个值（多个值请放进数组）")
        }
        return root
    }

    /// Rejects input that is not UTF-8, before anything else is read, so that
    /// every later step may decode byte slices without checking them again.
    private func checkEncoding() throws(JSON5Error) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw error("the file is UTF-16, not UTF-8 (it starts with a UTF-16 byte-order mark): "
                + "convert it with `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`",
                "文件是 UTF-16 编码，不是 UTF-8（以 UTF-16 字节顺序标记开头）：请用 `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8` 转换")
        }
        guard let bad = UTF8Check.firstInvalidByte(in: bytes) else { return }
        let hex = String(bytes[bad], radix: 16, uppercase: true)
        throw JSON5Error(
            location: locationOfValidPrefix(upTo: bad),
            message: zh ? "文件不是有效的 UTF-8（字节 0x\(hex)）；可能是以 GB18030/GBK 编码保存的：请用 `iconv -f GB18030 -t UTF-8 FILE > FILE.utf8` 转换"
                : "the file is not valid UTF-8 (byte 0x\(hex)); it may be GB18030/GBK from a Windows tool: "
                + "convert it with `iconv -f GB18030 -t UTF-8 FILE > FILE.utf8`")
    }

    /// The location of byte `end`, counting from the start over bytes known to be valid UTF-8.
    private func locationOfValidPrefix(upTo end: Int) -> SourceLocation {
        var walker = JSON5Parser(bytes: UnsafeBufferPointer(rebasing: bytes[..<end]), file: file, maxDepth: maxDepth)
        if walker.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { walker.index = 3 }
        while !walker.isAtEnd { walker.advanceAny() }
        return walker.location
    }

    // MARK: - Values (iterative, with an explicit stack of open containers)

    /// An array or object whose closing bracket has not been read yet.
    ///
    /// A struct rather than an enum with payloads so that it can be mutated in
    /// place on the stack: taking a payload out of an enum to append to it would
    /// copy the whole element array each time, making large arrays quadratic.
    private struct OpenContainer {
        let isObject: Bool
        let location: SourceLocation
        var elements: [JSONNode] = []
        var members: [JSONMember] = []
        /// The key read before the object value now being parsed.
        var pendingKey = ""
        var pendingKeyLocation: SourceLocation
        /// Key → member index, built only once an object is large
        /// (a linear scan is faster for the usual handful of keys).
        private var keyIndex: [String: Int] = [:]
        /// The slots (`KeyCache.slot`) of the keys read so far.
        private var keySlots = SmallBitSet()

        init(isObject: Bool, location: SourceLocation) {
            self.isObject = isObject
            self.location = location
            self.pendingKeyLocation = location
            // Room for the usual object at once, rather than growing it one doubling at a time.
            if isObject { members.reserveCapacity(4) }
        }

        var bracket: String { isObject ? "{" : "[" }

        /// The finished array or object. Consuming: its parts are moved into the node
        /// rather than copied (a copy retains every part, and freeing the frame releases them).
        consuming func finish() -> JSONNode {
            JSONNode(value: isObject ? .object(members) : .array(elements), location: location)
        }

        mutating func add(_ value: consuming JSONNode) {
            if isObject {
                members.append(JSONMember(key: pendingKey, keyLocation: pendingKeyLocation, value: value))
            } else {
                elements.append(value)
            }
        }

        /// Where `key`, whose slot is `slot`, was read before in this object, if it was.
        mutating func firstLocation(of key: String, slot: Int) -> SourceLocation? {
            // A key whose slot no earlier key has is new, and is not compared with them:
            // most keys are new, and comparing each with every earlier one cost more than
            // the rest of reading it.
            if keySlots.insert(slot) { return nil }
            if members.count <= 16 {
                return members.indexOfKey(key).map { members[$0].keyLocation }
            }
            // Members never hold duplicates, so the index can catch up by count.
            for position in keyIndex.count..<members.count {
                keyIndex[members[position].key] = position
            }
            return keyIndex[key].map { members[$0].keyLocation }
        }
    }

    /// Parses one value. Instead of recursing into arrays and objects, opened
    /// containers are pushed on `open`; each finished value is added to the
    /// innermost container, which then either expects more or closes and becomes
    /// the finished value for the one around it.
    private mutating func parseValue() throws(JSON5Error) -> JSONNode {
        var open: [OpenContainer] = []
        do {
            nextValue: while true {
                guard var finished = try beginValue(within: &open) else { continue }
                while !open.isEmpty {
                    open[open.count - 1].add(consume finished)
                    guard try readSeparatorCloses(&open[open.count - 1]) else { continue nextValue }
                    finished = open.removeLast().finish()
                }
                return finished
            }
        } catch {
            guard let duplicate else { throw error }
            let path = Self.path(of: open.dropLast())
            let place = path.isEmpty ? "" : " in `\(path)`"
            throw self.error("duplicate key \"\(duplicate.key)\"\(place) (first at line \(duplicate.first.line), column \(duplicate.first.column))",
                             (path.isEmpty ? "" : "`\(path)` 中") + "键“\(duplicate.key)”重复（第一次在第 \(duplicate.first.line) 行第 \(duplicate.first.column) 列）",
                             at: duplicate.at)
        }
    }

    /// The path of the value being read in the innermost of `containers`: each object's
    /// key and each array's index, as profiles name values (`physicians[1].certificate`).
    private static func path(of containers: ArraySlice<OpenContainer>) -> String {
        var path = ""
        for container in containers {
            if container.isObject {
                path += (path.isEmpty ? "" : ".") + container.pendingKey
            } else {
                path += "[\(container.elements.count)]"
            }
        }
        return path
    }

    /// Reads a scalar value, an empty container, or the opening of a container
    /// (pushed on `open`, returning nil).
    private mutating func beginValue(within open: inout [OpenContainer]) throws(JSON5Error) -> JSONNode? {
        try skipTrivia()
        switch peek() {
        case nil:
            throw error("expected a value, found end of file" + unclosedNote(open.last), "应为一个值，实为文件结尾" + unclosedNote(open.last))
        case Byte.openBracket?, Byte.openBrace?:
            return try openContainer(within: &open)
        default:
            return try parseScalar()
        }
    }

    /// Reads `[` or `{`. An empty container is returned finished; otherwise it is
    /// pushed on `open` (for an object, after reading its first key).
    private mutating func openContainer(within open: inout [OpenContainer]) throws(JSON5Error) -> JSONNode? {
        if open.count >= maxDepth {
            throw error("nesting deeper than \(maxDepth) levels", "嵌套超过 \(maxDepth) 层")
        }
        let isObject = bytes[index] == Byte.openBrace, start = location
        advanceASCII()
        try skipTrivia()
        if peek() == (isObject ? Byte.closeBrace : Byte.closeBracket) {
            advanceASCII()
            return JSONNode(value: isObject ? .object([]) : .array([]), location: start)
        }
        // Pushed first and then filled in place: a container built aside would be copied.
        open.append(OpenContainer(isObject: isObject, location: start))
        if isObject { try readKey(into: &open[open.count - 1]) }
        return nil
    }

    /// After an element or member: `,` (possibly trailing, and then for an object
    /// the next key) or the closing bracket. Returns true if the container closed.
    private mutating func readSeparatorCloses(_ container: inout OpenContainer) throws(JSON5Error) -> Bool {
        let closing = container.isObject ? Byte.closeBrace : Byte.closeBracket
        try skipTrivia()
        switch peek() {
        case Byte.comma?:
            advanceASCII()
            try skipTrivia()
            if peek() == closing {
                advanceASCII()
                return true
            }
            if container.isObject { try readKey(into: &container) }
            return false
        case closing?:
            advanceASCII()
            return true
        default:
            let what = container.isObject ? "',' or '}' after object member" : "',' or ']' after array element"
            let expectedZh = container.isObject ? "对象成员之后应为 ',' 或 '}'" : "数组元素之后应为 ',' 或 ']'"
            throw error("expected \(what), found \(describeFound())" + unclosedNote(container), "\(expectedZh)，实为\(describeFound())" + unclosedNote(container))
        }
    }

    /// Reads `key :` and records the key as the object's pending key.
    private mutating func readKey(into object: inout OpenContainer) throws(JSON5Error) {
        let keyLocation = location
        let key: String, slot: Int
        if peek() == Byte.doubleQuote || peek() == Byte.singleQuote {
            key = try parseString().text
            slot = KeyCache.slot(of: key)
        } else if let name = scanIdentifier() {
            slot = KeyCache.slot(name, bytes)
            if let known = keys.key(at: name, slot: slot, in: bytes) {
                key = known
            } else {
                key = text(name)
                keys.remember(key, at: name, slot: slot, in: bytes)
            }
        } else {
            throw error("expected a key (a string or an identifier), found \(describeFound())"
                + unclosedNote(object), "应为一个键（字符串或标识符），实为\(describeFound())" + unclosedNote(object))
        }
        if let first = object.firstLocation(of: key, slot: slot) {
            duplicate = (key, first, keyLocation)
            throw error("duplicate key \"\(key)\"", "键“\(key)”重复", at: keyLocation)
        }
        try skipTrivia()
        guard peek() == Byte.colon else {
            throw error("expected ':' after key \"\(key)\", found \(describeFound())", "键“\(key)”之后应为 ':'，实为\(describeFound())")
        }
        advanceASCII()
        object.pendingKey = key
        object.pendingKeyLocation = keyLocation
    }

    /// At end of file, points at the bracket that was never closed.
    private func unclosedNote(_ container: OpenContainer?) -> String {
        guard isAtEnd, let container else { return "" }
        let start = container.location
        return zh ? "（第 \(start.line) 行第 \(start.column) 列的 '\(container.bracket)' 没有闭合）"
            : " (the '\(container.bracket)' at line \(start.line), column \(start.column) is not closed)"
    }

    // MARK: - Scalars

    private mutating func parseScalar() throws(JSON5Error) -> JSONNode {
        let start = location
        switch bytes[index] {
        case Byte.doubleQuote, Byte.singleQuote:
            let (text, isVerbatim) = try parseString()
            return JSONNode(value: .string(text), location: start, isVerbatimString: isVerbatim)
        case Byte.plus, Byte.minus, Byte.dot, Byte.zero...Byte.nine:
            return JSONNode(value: .number(try parseNumber()), location: start)
        default:
            guard let word = scanIdentifier() else {
                throw error("expected a value, found \(describeFound())", "应为一个值，实为\(describeFound())")
            }
            return JSONNode(value: try keywordValue(word, at: start), location: start)
        }
    }

    /// `true`, `false`, `null`, `Infinity` or `NaN`; any other bare word is an error.
    private func keywordValue(_ word: Range<Int>, at start: SourceLocation) throws(JSON5Error) -> JSONValue {
        let text = bytes[word]
        if text.elementsEqual("true".utf8) { return .bool(true) }
        if text.elementsEqual("false".utf8) { return .bool(false) }
        if text.elementsEqual("null".utf8) { return .null }
        if let number = Self.namedNumber(text, sign: "") { return .number(number) }
        throw error("expected a value, found '\(String(decoding: text, as: UTF8.self))' "
            + "(text must be in quotes; the literals are true, false and null)",
            "应为一个值，实为 '\(String(decoding: text, as: UTF8.self))'（文字须加引号；不加引号的只有 true、false 和 null）", at: start)
    }

    private static func namedNumber(_ word: Slice<UnsafeBufferPointer<UInt8>>, sign: String) -> JSONNumber? {
        let negative = sign == "-"
        if word.elementsEqual("Infinity".utf8) {
            return JSONNumber(text: sign + "Infinity", integer: nil, double: negative ? -.infinity : .infinity)
        }
        if word.elementsEqual("NaN".utf8) {
            return JSONNumber(text: sign + "NaN", integer: nil, double: .nan)
        }
        return nil
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSON5Error) -> JSONNumber {
        let startIndex = index
        let start = location
        var sign = ""
        if let first = peek(), first == Byte.plus || first == Byte.minus {
            sign = first == Byte.plus ? "+" : "-"
            advanceASCII()
        }
        if let word = scanIdentifier() {  // +Infinity, -NaN, ...
            guard let number = Self.namedNumber(bytes[word], sign: sign) else {
                throw error("expected a number after '\(sign)', found '\(String(decoding: bytes[word], as: UTF8.self))'",
                            "'\(sign)' 之后应为数字，实为 '\(String(decoding: bytes[word], as: UTF8.self))'", at: start.advanced(by: 1))
            }
            return number
        }
        let isHex = peek() == Byte.zero && (peek(1) == Byte.lowerX || peek(1) == Byte.upperX)
        let isInteger = isHex ? try scanHexDigits() : try scanDecimal(sign: sign)
        // Everything in a number literal is ASCII, so the length in bytes is in characters.
        let length = index - startIndex
        if length > Self.maxNumberLength {
            throw error("number literal of \(length) characters is too long "
                + "(at most \(Self.maxNumberLength) are allowed)", "数字有 \(length) 个字符，太长（至多 \(Self.maxNumberLength) 个）", at: start)
        }
        let text = String(decoding: bytes[startIndex..<index], as: UTF8.self)
        return Self.makeNumber(text: text, isHex: isHex, isInteger: isInteger)
    }

    /// Scans `0x` and the hex digits after it. Returns true (a hex literal is an integer).
    private mutating func scanHexDigits() throws(JSON5Error) -> Bool {
        advanceASCII(2)
        if scanDigits(where: Byte.isHexDigit) == 0 {
            throw error("expected a hexadecimal digit after '0x', found \(describeFound())", "'0x' 之后应为十六进制数字，实为\(describeFound())")
        }
        return true
    }

    /// Scans `digits [. digits] [e [sign] digits]`, allowing a leading or trailing point.
    /// Returns whether the literal is an integer (no point, no exponent).
    private mutating func scanDecimal(sign: String) throws(JSON5Error) -> Bool {
        let integerStart = location
        let integerDigits = scanDigits(where: Byte.isDigit)
        if integerDigits > 1, bytes[index - integerDigits] == Byte.zero {
            throw error("a number cannot start with a leading zero (write it without the zero, "
                + "or as a string if the zero matters)", "数字不能以 0 开头（去掉开头的 0；0 有意义的，写成字符串）", at: integerStart)
        }
        var isInteger = true
        if peek() == Byte.dot {
            isInteger = false
            advanceASCII()
            if scanDigits(where: Byte.isDigit) == 0, integerDigits == 0 {
                throw error("expected a digit after '.', found \(describeFound())", "'.' 之后应为数字，实为\(describeFound())")
            }
        } else if integerDigits == 0 {
            throw error("expected a number after '\(sign)', found \(describeFound())", "'\(sign)' 之后应为数字，实为\(describeFound())")
        }
        if peek() == Byte.lowerE || peek() == Byte.upperE {
            isInteger = false
            advanceASCII()
            if peek() == Byte.plus || peek() == Byte.minus { advanceASCII() }
            if scanDigits(where: Byte.isDigit) == 0 {
                throw error("expected a digit in the exponent, found \(describeFound())", "指数部分应为数字，实为\(describeFound())")
            }
        }
        return isInteger
    }

    /// Consumes ASCII digits matching `isDigit`; returns how many.
    private mutating func scanDigits(where isDigit: (UInt8) -> Bool) -> Int {
        let start = index
        while let byte = peek(), isDigit(byte) { advanceASCII() }
        return index - start
    }

    private static func makeNumber(text: String, isHex: Bool, isInteger: Bool) -> JSONNumber {
        guard isHex else {
            // Swift's conversions accept JSON5's leading '+', leading '.' and trailing '.'.
            let integer = isInteger ? Int(text) : nil
            return JSONNumber(text: text, integer: integer, double: Double(text) ?? .nan)
        }
        // "-0x1F": Int(_:radix:) takes the sign but not the "0x".
        let negative = text.hasPrefix("-")
        let digits = text.drop { $0 != "x" && $0 != "X" }.dropFirst()
        let integer = Int((negative ? "-" : "") + digits, radix: 16)
        if let integer { return JSONNumber(text: text, integer: integer, double: Double(integer)) }
        // Too large for Int: still give the (rounded) value as a Double.
        var magnitude = 0.0
        for digit in digits { magnitude = magnitude * 16 + Double(digit.hexDigitValue ?? 0) }
        return JSONNumber(text: text, integer: nil, double: negative ? -magnitude : magnitude)
    }

    // MARK: Strings

    /// Parses a single- or double-quoted string at the cursor.
    /// `isVerbatim` is true when it had no escapes or line continuations.
    private mutating func parseString() throws(JSON5Error) -> (text: String, isVerbatim: Bool) {
        let start = location
        let quote = bytes[index]
        advanceASCII()
        let contentStart = index
        // Fast path: no escapes, so the text is a slice of the (already validated) input.
        advance(untilLineBreakOr: quote, or: Byte.backslash)
        if peek() == quote {
            let text = text(contentStart..<index)
            advanceASCII()
            return (text, true)
        }
        if peek() != Byte.backslash { throw unterminatedString(startedAt: start) }
        var decoded = Array(bytes[contentStart..<index])
        try readEscapedRest(into: &decoded, quote: quote, startedAt: start)
        return (String(decoding: decoded, as: UTF8.self), false)
    }

    /// Slow path: continues a string from a backslash, decoding escapes into `decoded`.
    private mutating func readEscapedRest(into decoded: inout [UInt8], quote: UInt8,
                                          startedAt start: SourceLocation) throws(JSON5Error) {
        while let byte = peek() {
            if byte == quote {
                advanceASCII()
                return
            }
            if Byte.isLineBreak(byte) { throw unterminatedString(startedAt: start) }
            if byte == Byte.backslash {
                try readEscape(into: &decoded, startedAt: start)
            } else {
                decoded.append(byte)
                advanceByte()
            }
        }
        throw unterminatedString(startedAt: start)
    }

    private func unterminatedString(startedAt start: SourceLocation) -> JSON5Error {
        error("unterminated string (started at line \(start.line), column \(start.column)); "
            + "expected a closing quote before the end of the line",
            "字符串没有结束（从第 \(start.line) 行第 \(start.column) 列开始）；行尾之前应有结束的引号")
    }

    /// Reads one escape sequence (the cursor is on the backslash).
    private mutating func readEscape(into decoded: inout [UInt8], startedAt start: SourceLocation) throws(JSON5Error) {
        let escapeStart = location
        advanceASCII()
        guard let byte = peek() else { throw unterminatedString(startedAt: start) }
        if Byte.isLineBreak(byte) {  // line continuation: contributes nothing
            consumeLineBreak()
            return
        }
        if let simple = Byte.simpleEscape(byte) {
            // "\0" may not be followed by a digit (it would look like an octal escape).
            if byte == Byte.zero, let next = peek(1), Byte.isDigit(next) {
                throw error("invalid escape '\\0' followed by a digit; write '\\u0000' or '\\x00'", "转义 '\\0' 之后不能跟数字；请写 '\\u0000' 或 '\\x00'", at: escapeStart)
            }
            decoded.append(simple)
            advanceASCII()
            return
        }
        switch byte {
        case Byte.lowerX:
            advanceASCII()
            let value = try readHexDigits(2, after: "\\x")
            append(Unicode.Scalar(UInt8(value)), to: &decoded)
        case Byte.lowerU:
            advanceASCII()
            let scalar = try readUnicodeEscape(startedAt: escapeStart)
            append(scalar, to: &decoded)
        case Byte.zero...Byte.nine:
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'; digits cannot be escaped",
                        "无效的转义 '\\\(Character(Unicode.Scalar(byte)))'；数字不能转义", at: escapeStart)
        default:
            // JSON5 lets any other character escape to itself ("\q" is "q"),
            // including U+2028/U+2029, which also act as a line continuation.
            let (scalar, length) = UTF8Check.decodeScalar(in: bytes, at: index)
            if scalar != "\u{2028}" && scalar != "\u{2029}" { append(scalar, to: &decoded) }
            advanceScalar(length: length)
        }
    }

    /// Reads the `XXXX` of `\uXXXX`, combining a surrogate pair written as two escapes.
    private mutating func readUnicodeEscape(startedAt escapeStart: SourceLocation) throws(JSON5Error) -> Unicode.Scalar {
        let first = try readHexDigits(4, after: "\\u")
        switch first {
        case 0xD800...0xDBFF:
            guard peek() == Byte.backslash, peek(1) == Byte.lowerU else { break }
            let lowStart = location
            advanceASCII(2)
            let second = try readHexDigits(4, after: "\\u")
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("expected a low surrogate (\\uDC00 to \\uDFFF) after the high surrogate, "
                    + "found \\u\(Self.hex4(second))", "高位代理之后应为低位代理（\\uDC00 至 \\uDFFF），实为 \\u\(Self.hex4(second))", at: lowStart)
            }
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))!
        case 0xDC00...0xDFFF:
            break
        default:
            return Unicode.Scalar(first)!
        }
        throw error("unpaired surrogate \\u\(Self.hex4(first)); a surrogate must be written as "
            + "a high (\\uD800 to \\uDBFF) and a low (\\uDC00 to \\uDFFF) escape together",
            "不成对的代理 \\u\(Self.hex4(first))；代理须以高位（\\uD800 至 \\uDBFF）和低位（\\uDC00 至 \\uDFFF）两个转义连写", at: escapeStart)
    }

    private mutating func readHexDigits(_ count: Int, after escape: String) throws(JSON5Error) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let byte = peek(), let digit = Byte.hexValue(byte) else {
                throw error("expected \(count) hexadecimal digits after '\(escape)', found \(describeFound())",
                            "'\(escape)' 之后应为 \(count) 位十六进制数字，实为\(describeFound())")
            }
            value = value * 16 + UInt32(digit)
            advanceASCII()
        }
        return value
    }

    private func append(_ scalar: Unicode.Scalar, to decoded: inout [UInt8]) {
        UTF8.encode(scalar) { decoded.append($0) }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    // MARK: - Identifiers

    /// Consumes an identifier (unquoted key or bare word) and returns its byte range,
    /// or returns nil without moving if none starts here.
    ///
    /// Identifiers are ASCII letters, digits, `_` and `$`, plus non-ASCII letters,
    /// marks and digits; they do not start with a digit or mark. (JSON5's `\u`
    /// escapes inside identifiers are not supported: quote such a key instead.)
    private mutating func scanIdentifier() -> Range<Int>? {
        let start = index
        if let first = peek(), Byte.isDigit(first) { return nil }
        while let byte = peek() {
            let isFirst = index == start
            if byte < 0x80 {
                // The usual identifier is all ASCII: its bytes are taken in one run.
                var end = index
                while end < bytes.count, Byte.isIdentifierASCII(bytes[end]) { end += 1 }
                guard end > index else { break }
                advanceASCII(end - index)
            } else {
                let (scalar, length) = UTF8Check.decodeScalar(in: bytes, at: index)
                guard Self.isIdentifierScalar(scalar, first: isFirst) else { break }
                advanceScalar(length: length)
            }
        }
        return index > start ? start..<index : nil
    }

    private static func isIdentifierScalar(_ scalar: Unicode.Scalar, first: Bool) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic { return true }
        if first { return false }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .decimalNumber, .connectorPunctuation: return true
        default: return scalar == "\u{200C}" || scalar == "\u{200D}"  // ZWNJ, ZWJ
        }
    }

    // MARK: - Whitespace and comments

    /// Skips whitespace (JSON5's set, which includes Unicode spaces and the BOM) and comments.
    private mutating func skipTrivia() throws(JSON5Error) {
        while let byte = peek() {
            switch byte {
            case Byte.space:
                skipSpaces()
            case Byte.tab, Byte.verticalTab, Byte.formFeed:
                advanceASCII()
            case Byte.lf, Byte.cr:
                consumeLineBreak()
            case Byte.slash where peek(1) == Byte.slash:
                skipLineComment()
            case Byte.slash where peek(1) == Byte.star:
                try skipBlockComment()
            case 0x80...:
                let (scalar, length) = UTF8Check.decodeScalar(in: bytes, at: index)
                guard Self.isUnicodeSpace(scalar) else { return }
                advanceScalar(length: length)
            default:
                return
            }
        }
    }

    /// Skips a run of spaces, most often an indentation, eight at a time.
    private mutating func skipSpaces() {
        var end = index
        while end + 8 <= bytes.count {
            let others = ~Word.matches(Word.load(bytes, at: end), Byte.space) & Word.highBits
            end += others.trailingZeroBitCount / 8
            if others != 0 { break }
        }
        while end < bytes.count, bytes[end] == Byte.space { end += 1 }
        advanceASCII(end - index)
    }

    private static func isUnicodeSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // U+2028/U+2029 are line terminators to JSON5 but are not counted as new lines
        // here: editors do not show them as such, and positions must match the editor.
        case 0xA0, 0xFEFF, 0x2028, 0x2029: true
        default: scalar.properties.generalCategory == .spaceSeparator  // includes U+3000
        }
    }

    private mutating func skipLineComment() {
        advance(untilLineBreakOr: Byte.lf, or: Byte.lf)
    }

    private mutating func skipBlockComment() throws(JSON5Error) {
        let start = location
        advanceASCII(2)
        while !isAtEnd {
            advance(untilLineBreakOr: Byte.star, or: Byte.star)
            guard let byte = peek() else { break }
            if byte == Byte.star, peek(1) == Byte.slash {
                advanceASCII(2)
                return
            }
            advanceAny()
        }
        throw error("unterminated comment (started at line \(start.line), column \(start.column)); expected '*/'",
                    "注释没有结束（从第 \(start.line) 行第 \(start.column) 列开始）；应有 '*/'")
    }

    // MARK: - Describing what was found

    /// The character at the cursor, quoted for a message, with a hint for
    /// look-alikes typed with a Chinese input method.
    private func describeFound() -> String {
        guard !isAtEnd else { return zh ? "文件结尾" : "end of file" }
        let (scalar, _) = UTF8Check.decodeScalar(in: bytes, at: index)
        return Self.describe(scalar, zh)
    }

    private static func describe(_ scalar: Unicode.Scalar, _ zh: Bool) -> String {
        if scalar == "\n" || scalar == "\r" { return zh ? "换行" : "a line break" }
        if scalar == "'" { return "\"'\"" }
        if let meant = fullWidthLookAlikes[scalar] {
            return zh ? "'\(scalar)'（全角字符；是否应为 \(meant)？）" : "'\(scalar)' (a full-width character; did you mean \(meant)?)"
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .unassigned, .privateUse, .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return zh ? "U+\(hex4(scalar.value))（不可见字符）" : "U+\(hex4(scalar.value)) (an invisible character)"
        default:
            return "'\(scalar)'"
        }
    }

    private static let fullWidthLookAlikes: [Unicode.Scalar: String] = [
        "\u{FF0C}": "','", "\u{3001}": "','", "\u{FF1A}": "':'",
        "\u{201C}": "'\"'", "\u{201D}": "'\"'", "\u{2018}": "\"'\"", "\u{2019}": "\"'\"",
        "\u{FF3B}": "'['", "\u{FF3D}": "']'", "\u{3010}": "'['", "\u{3011}": "']'",
        "\u{FF5B}": "'{'", "\u{FF5D}": "'}'",
    ]
}

// MARK: - Bytes

/// The keys of one document by their bytes: most keys repeat (every rule has an `id`),
/// and a key found here is not decoded and allocated again.
private struct KeyCache {
    private struct Entry {
        let start: Int
        let key: String
        let count: Int
    }

    /// Indexed by a hash of the bytes; a key whose slot is taken replaces the one there.
    private var entries = [Entry?](repeating: nil, count: 256)

    /// The key written in `range`, an identifier whose slot is `slot`, if it was met before.
    func key(at range: Range<Int>, slot: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let entry = entries[slot], entry.count == range.count,
              Self.sameBytes(bytes, entry.start, range.lowerBound, count: range.count) else { return nil }
        return entry.key
    }

    /// Whether the `count` bytes at `first` and at `second` are the same. Compared eight at
    /// a time, the bytes past the end masked off, so that the usual key (shorter than eight)
    /// is one comparison: byte by byte, comparing cost more than the rest of the lookup (and
    /// a generic comparison of two slices more still).
    private static func sameBytes(_ bytes: UnsafeBufferPointer<UInt8>, _ first: Int, _ second: Int, count: Int) -> Bool {
        var offset = 0
        while offset < count {
            guard max(first, second) + offset + 8 <= bytes.count else {
                // Near the end of the document, where a word would be read past it.
                return (offset..<count).allSatisfy { bytes[first + $0] == bytes[second + $0] }
            }
            let difference = Word.load(bytes, at: first + offset) ^ Word.load(bytes, at: second + offset)
            let left = count - offset
            let keyBytes: UInt64 = left >= 8 ? ~0 : (1 << (8 * UInt64(left))) - 1  // the first bytes: little-endian
            if difference & keyBytes != 0 { return false }
            offset += 8
        }
        return true
    }

    /// Keeps `key`, written in `range`, for the next time it is met.
    mutating func remember(_ key: String, at range: Range<Int>, slot: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        entries[slot] = Entry(start: range.lowerBound, key: key, count: range.count)
    }

    /// A hash, from 0 to 255, of the key written in `range` (not empty): the same for the
    /// same bytes.
    static func slot(_ range: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let count = range.count
        let first = Int(bytes[range.lowerBound]), last = Int(bytes[range.upperBound - 1])
        return (count &* 37 &+ first &* 11 &+ last &* 3 &+ Int(bytes[range.lowerBound + count / 2])) & 255
    }

    /// The slot of a key read as a string: that of its bytes, as if it were written bare, so
    /// that a key has one slot however it is written (0 for the empty key).
    static func slot(of key: String) -> Int {
        let utf8 = Array(key.utf8)
        return utf8.isEmpty ? 0 : utf8.withUnsafeBufferPointer { slot(0..<$0.count, $0) }
    }
}

/// ASCII byte constants and classes used by the parser.
private enum Byte {
    static let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    static let verticalTab: UInt8 = 0x0B, formFeed: UInt8 = 0x0C
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":")
    static let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*")
    static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
    static let lowerX = UInt8(ascii: "x"), upperX = UInt8(ascii: "X"), lowerU = UInt8(ascii: "u")
    static let lowerE = UInt8(ascii: "e"), upperE = UInt8(ascii: "E")

    static func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
    static func isLineBreak(_ byte: UInt8) -> Bool { byte == lf || byte == cr }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= zero && byte <= nine }
    static func isHexDigit(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case zero...nine: byte - zero
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func isIdentifierASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             zero...nine, UInt8(ascii: "_"), UInt8(ascii: "$"): true
        default: false
        }
    }

    /// The byte a one-character escape stands for (`\n` → LF), or nil.
    static func simpleEscape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "n"): lf
        case UInt8(ascii: "t"): tab
        case UInt8(ascii: "r"): cr
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): formFeed
        case UInt8(ascii: "v"): verticalTab
        case zero: 0x00
        case singleQuote, doubleQuote, backslash, slash: byte
        default: nil
        }
    }
}

/// UTF-8 validation and decoding (the validation is also the profile fast path's).
enum UTF8Check {
    /// The index of the first byte that does not begin a well-formed UTF-8 sequence
    /// (stray continuation byte, overlong form, surrogate, value above U+10FFFF,
    /// or a sequence cut short), or nil if all bytes are valid.
    static func firstInvalidByte<Bytes: RandomAccessCollection>(in bytes: Bytes) -> Int?
        where Bytes.Element == UInt8, Bytes.Index == Int {
        if let offset = bytes.withContiguousStorageIfAvailable(firstInvalidByte(inBuffer:)) {
            return offset.map { bytes.startIndex + $0 }
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            guard let length = sequenceLength(in: bytes, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// As above, over memory. Runs of ASCII, most of a policy file or a profile, are
    /// passed over sixteen bytes at a time; inside a word, the ASCII bytes before the
    /// first other byte are skipped at once, and a run of multi-byte sequences (a
    /// Chinese name) is checked sequence by sequence without going back to words.
    private static func firstInvalidByte(inBuffer buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = buffer.baseAddress.map(UnsafeRawPointer.init) else { return nil }
        let highBits = Word.highBits
        let word = { (offset: Int) in base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        var index = 0
        while index + 8 <= buffer.count {
            if index + 16 <= buffer.count, (word(index) | word(index + 8)) & highBits == 0 {
                index += 16
                continue
            }
            let high = word(index) & highBits
            guard high != 0 else {
                index += 8
                continue
            }
            // Little-endian: the lowest set bit is the first byte that is not ASCII.
            index += high.trailingZeroBitCount / 8
            repeat {
                // Most of such text is Chinese: three bytes, led by E1 to EF but not ED
                // (E0 and ED narrow their second byte, so they take the general way).
                let lead = buffer[index]
                if (0xE1...0xEF).contains(lead), lead != 0xED, index + 3 <= buffer.count,
                   buffer[index + 1] & 0xC0 == 0x80, buffer[index + 2] & 0xC0 == 0x80 {
                    index += 3
                    continue
                }
                guard let length = sequenceLength(in: buffer, at: index) else { return index }
                index += length
            } while index < buffer.count && buffer[index] >= 0x80
        }
        while index < buffer.count {
            guard let length = sequenceLength(in: buffer, at: index) else { return index }
            index += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `index`, or nil.
    @inline(__always)
    private static func sequenceLength<Bytes: RandomAccessCollection>(in bytes: Bytes, at index: Int) -> Int?
        where Bytes.Element == UInt8, Bytes.Index == Int {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        // Sequence length and the allowed range of the second byte (RFC 3629, table 3-7).
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= bytes.endIndex, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[index + offset]) {
            return nil
        }
        return length
    }

    /// Decodes the scalar starting at `index` in bytes already known to be valid UTF-8.
    static func decodeScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        var value = length == 1 ? lead : lead & (0xFF >> (length + 1))
        for offset in 1..<max(1, length) {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
