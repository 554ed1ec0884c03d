import Foundation

/// Lines read together: their bytes in one array (no array a line), each line a range
/// of it, numbered from `firstNumber`.
public struct LineChunk: Sendable {
    public enum Entry: Sendable {
        case text(start: Int, end: Int)
        /// A line longer than the bound; its bytes were skipped.
        case tooLong(length: Int)
    }

    public let firstNumber: Int
    public var bytes: [UInt8] = []
    public var entries: [Entry] = []

    public init(firstNumber: Int) { self.firstNumber = firstNumber }
}

/// Reads lines from a file descriptor in large blocks, with a bound on the length of
/// a line: a longer line is reported as such and skipped, so memory stays bounded
/// whatever the input.
public struct LineReader {
    private let descriptor: Int32
    private let maxLineLength: Int
    /// Made once, room for a line at its longest and a block: the bytes read are
    /// `buffer[..<end]`, and those not yet taken start at `start`. (An array made anew at
    /// each fill would be mapped afresh, see `BufferPool`.)
    private var buffer: [UInt8] = []
    private var end = 0
    private var start = 0
    /// Where the chunks' arrays come from, when the caller gives them back.
    var pool: BufferPool?
    private var atEnd = false
    private var skipping = 0
    private static let blockSize = 1 << 20

    public init(descriptor: Int32, maxLineLength: Int = 1 << 20) {
        self.descriptor = descriptor
        self.maxLineLength = maxLineLength
    }

    /// Up to `count` lines (fewer when the block read so far ends first), their bytes
    /// copied into the chunk in one piece; nil at the end of input.
    public mutating func chunk(of count: Int, firstNumber: Int) -> LineChunk? {
        var chunk = LineChunk(firstNumber: firstNumber)
        chunk.entries.reserveCapacity(count)
        // The chunk's bytes in `buffer` (ranges stay valid until the next fill).
        var first: Int?, last = 0
        while chunk.entries.count < count, let line = nextRange(mayRefill: chunk.entries.isEmpty) {
            switch line {
            case .text(let range):
                let base = first ?? range.lowerBound
                first = base
                last = range.upperBound
                chunk.entries.append(.text(start: range.lowerBound - base, end: range.upperBound - base))
            case .tooLong(let length):
                chunk.entries.append(.tooLong(length: length))
            }
        }
        if let first {
            chunk.bytes = pool?.take() ?? []
            buffer.withUnsafeBufferPointer { chunk.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[first ..< last])) }
        }
        return chunk.entries.isEmpty ? nil : chunk
    }

    private enum Found {
        case text(Range<Int>)
        case tooLong(length: Int)
    }

    /// The next line as a range of `buffer`. With `mayRefill` false, nil when the
    /// buffered bytes hold no whole line (a refill would move the lines found before).
    private mutating func nextRange(mayRefill: Bool) -> Found? {
        while true {
            if let newline = newlineIndex() {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = start ..< lineEnd
                start = newline + 1
                if skipping > 0 {
                    defer { skipping = 0 }
                    return .tooLong(length: skipping + line.count)
                }
                return .text(line)
            }
            guard mayRefill else { return nil }
            if end - start > maxLineLength {
                skipping += end - start
                start = 0
                end = 0
            }
            if atEnd {
                guard start < end || skipping > 0 else { return nil }
                let line = start ..< end
                start = end
                if skipping > 0 {
                    defer { skipping = 0 }
                    return .tooLong(length: skipping + line.count)
                }
                return .text(line)
            }
            fill()
        }
    }

    /// The index of the next `\n` at or after `start` (memchr: this runs over every byte of the input).
    private func newlineIndex() -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            guard start < end, let base = bytes.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), end - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Reads the next block onto the end of the buffer, after moving the bytes not yet
    /// taken to its front.
    private mutating func fill() {
        if buffer.isEmpty { buffer = Array(repeating: 0, count: maxLineLength + Self.blockSize) }
        var count = 0
        buffer.withUnsafeMutableBufferPointer { room in
            let base = room.baseAddress!
            if start > 0 { memmove(base, base + start, end - start) }
            end -= start
            start = 0
            repeat {
                count = read(descriptor, base + end, Self.blockSize)
            } while count < 0 && errno == EINTR
        }
        if count > 0 { end += count } else { atEnd = true }
    }
}
