/// Word-at-a-time tests on the bytes of a JSON string, shared by the batch reader and the
/// batch writer.
enum StringBytes {
    /// The high bit of each byte of `word` (eight bytes, the first one lowest) that ends
    /// or escapes a plain JSON string: a quote, a backslash or a control character. Exact
    /// for the lowest such byte; bytes above it may be flagged wrongly, so only the
    /// lowest flag may be used.
    @inline(__always)
    static func specialBytes(in word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22), backslashes = word ^ (ones &* 0x5C)
        return ((quotes &- ones) & ~quotes | (backslashes &- ones) & ~backslashes | (word &- ones &* 0x20) & ~word) & highBits
    }

    static let highBits: UInt64 = 0x8080_8080_8080_8080
}
