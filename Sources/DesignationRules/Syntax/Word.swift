/// Eight bytes read as one word, for passing over runs of ordinary bytes at once (the
/// JSON5 reader, and batch mode's reader and writer of JSON strings).
enum Word {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// The eight bytes at `index`, the first in the lowest byte of the word.
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
    }

    /// The high bit of each byte of `word` that equals `byte`, and no other bit. (After the
    /// exclusive or, those bytes are the zero ones; adding 0x7F to the low seven bits of a
    /// byte sets its high bit unless they are all zero.)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let difference = word ^ (ones &* UInt64(byte))
        return ~(((difference & lowBits) &+ lowBits) | difference | lowBits)
    }

    /// The high bit of each byte of `word` that ends or escapes a plain JSON string: a
    /// quote, a backslash or a control character (below 0x20, which adding 0x60 to the
    /// low seven bits of a byte leaves without its high bit).
    static func stringSpecials(_ word: UInt64) -> UInt64 {
        let controls = ~(((word & lowBits) &+ (ones &* 0x60)) | word) & highBits
        return matches(word, UInt8(ascii: "\"")) | matches(word, UInt8(ascii: "\\")) | controls
    }

    /// How many of the first `count` bytes (0 to 8) start a UTF-8 sequence: all but the
    /// continuation bytes (high bits 10).
    static func scalarStarts(_ word: UInt64, inFirst count: Int) -> Int {
        let firstBytes: UInt64 = count == 8 ? ~0 : (1 << (8 * UInt64(count))) - 1
        let continuations = word & highBits & ~(word << 1) & firstBytes
        // One bit at the top of some bytes: moved to the bottom, the multiplication sums
        // the bytes into the top byte.
        return count - Int(((continuations >> 7) &* ones) >> 56)
    }
}
