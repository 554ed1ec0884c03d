/// The bytes of one line as the batch decoder walks them: plain JSON only (no
/// comments, no escapes), so that each step is a byte test or a word-wide scan.
struct ByteCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index >= bytes.count }

    /// Compact JSON has no space: one test then, inlined where it is called.
    @inline(__always)
    mutating func skipSpace() {
        guard index < bytes.count, bytes[index] <= 0x20 else { return }
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func takeWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        // The word must end there: `nullx` is not null.
        if index + count < bytes.count, Self.isWordByte(bytes[index + count]) { return false }
        index += count
        return true
    }

    /// The string `"key"`, key `index` of `table`, if the text goes on with it.
    @inline(__always)
    mutating func take(key index: Int, of table: ByteKeyTable) -> Bool {
        guard let length = table.quotedLength(of: index, at: bytes.baseAddress.unsafelyUnwrapped + self.index,
                                              available: bytes.count - self.index) else { return false }
        self.index += length
        return true
    }

    /// `true` or `false`, read as whole words rather than byte by byte.
    mutating func boolean() -> Bool? {
        guard index + 4 <= bytes.count, let base = bytes.baseAddress else { return nil }
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt32.self)
        if word == UInt32(littleEndian: 0x6575_7274) /* true */, !continuesWord(at: index + 4) {
            index += 4
            return true
        }
        if word == UInt32(littleEndian: 0x736C_6166) /* fals */, index + 5 <= bytes.count, bytes[index + 4] == UInt8(ascii: "e"),
           !continuesWord(at: index + 5) {
            index += 5
            return false
        }
        return nil
    }

    /// Whether a word goes on at `position` (`truex` is not `true`).
    @inline(__always)
    private func continuesWord(at position: Int) -> Bool { position < bytes.count && Self.isWordByte(bytes[position]) }

    /// `null`, looked at only when the value starts with `n`.
    @inline(__always)
    mutating func takeNull() -> Bool {
        index < bytes.count && bytes[index] == UInt8(ascii: "n") && takeWord("null")
    }

    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    /// A double-quoted string with no escape and no control character: its bytes, when
    /// they are valid UTF-8. (Only a string can hold a byte above ASCII: anywhere else
    /// such a byte stops the reading. So the line's encoding is checked here, and only
    /// for the strings that have such bytes.)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>.SubSequence? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // The high bits of the string's bytes, gathered as they are passed.
        var high: UInt64 = 0
        // Eight bytes at a time: the first byte that is a quote, a backslash or a
        // control character ends the scan.
        while index + 8 <= bytes.count {
            let word = Word.load(bytes, at: index)
            let flags = Word.stringSpecials(word)
            if flags != 0 {
                let before = flags.trailingZeroBitCount / 8
                high |= word & (before == 0 ? 0 : UInt64.max >> (64 - 8 * before))
                index += before
                guard bytes[index] == UInt8(ascii: "\"") else { return nil }
                return ended(from: start, high: high)
            }
            high |= word
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return ended(from: start, high: high) }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 { high = Word.highBits }
            index += 1
        }
        return nil
    }

    /// The string from `start` to the quote at `index`, which it passes; nil when the
    /// string has bytes above ASCII that are not valid UTF-8.
    private mutating func ended(from start: Int, high: UInt64) -> UnsafeBufferPointer<UInt8>.SubSequence? {
        let text = bytes[start ..< index]
        index += 1
        guard high & Word.highBits == 0 || UTF8Check.firstInvalidByte(in: text) == nil else { return nil }
        return text
    }

    /// A number as JSON writes it, read as the full decoder reads it (`Double(text)`);
    /// nil when it is not finite.
    mutating func decimal() -> Double? {
        var position = index
        func digits() -> Int {
            let first = position
            position = DecimalDigits.end(of: bytes, from: position)
            return position - first
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let integerStart = position
        guard digits() > 0, DecimalDigits.isPlain(bytes[integerStart ..< position]) else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return nil }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return nil }
        }
        if position < bytes.count, Self.isWordByte(bytes[position]) { return nil }
        guard let number = Double(String(decoding: bytes[index ..< position], as: UTF8.self)), number.isFinite else { return nil }
        index = position
        return number
    }

    /// An integer written plainly (optional minus, digits, no leading zero), fitting in Int.
    mutating func integer() -> Int? {
        var first = index
        let negative = first < bytes.count && bytes[first] == UInt8(ascii: "-")
        if negative { first += 1 }
        let position = DecimalDigits.end(of: bytes, from: first)
        guard let value = DecimalDigits.value(bytes[first ..< position]) else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] | 0x20 == UInt8(ascii: "e") { return nil }
        index = position
        return negative ? -value : value
    }
}

