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
/// whatever the input. The bound is checked on every line, however the bytes arrived,
/// so that a file and a pipe decide alike.
///
/// Input ends at the end of the descriptor, at a read error (`failure`), or when the
/// caller's `shouldStop` says so while the reader waits (`stopped`); in the last two
/// the bytes after the last line end are an unfinished line and are not handed out.
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
    /// Why input ended early: the read that failed.
    public private(set) var failure: IOFailure?
    /// Whether input ended because `shouldStop` said so.
    public private(set) var stopped = false
    private static let blockSize = 1 << 20

    public init(descriptor: Int32, maxLineLength: Int = ProfileDecoder.maxBytes) {
        self.descriptor = descriptor
        self.maxLineLength = maxLineLength
    }

    /// Up to `count` lines (fewer when the block read so far ends first), their bytes
    /// copied into the chunk in one piece; nil at the end of input. While it waits for
    /// input, `shouldStop` is asked every fraction of a second.
    public mutating func chunk(of count: Int, firstNumber: Int, shouldStop: () -> Bool = { false }) -> LineChunk? {
        var chunk = LineChunk(firstNumber: firstNumber)
        chunk.entries.reserveCapacity(count)
        // The chunk's bytes in `buffer` (ranges stay valid until the next fill).
        var first: Int?, last = 0
        while chunk.entries.count < count, let line = nextRange(mayRefill: chunk.entries.isEmpty, shouldStop: shouldStop) {
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

    /// Whether the next chunk would have to wait for input: no whole line is buffered,
    /// the input has not ended, and no bytes are waiting on the descriptor. (Batch mode
    /// writes the records it holds before such a wait, so that a consumer of a stream
    /// sees each record soon after its line arrives.)
    public func wouldWait() -> Bool {
        !atEnd && newlineIndex() == nil && !Descriptor.hasInput(descriptor)
    }

    /// The next line as a range of `buffer`. With `mayRefill` false, nil when the
    /// buffered bytes hold no whole line (a refill would move the lines found before).
    private mutating func nextRange(mayRefill: Bool, shouldStop: () -> Bool) -> Found? {
        while true {
            if let newline = newlineIndex() {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
                let line = start ..< lineEnd
                start = newline + 1
                return found(line)
            }
            guard mayRefill else { return nil }
            if end - start > maxLineLength {
                skipping += end - start
                start = 0
                end = 0
            }
            if atEnd {
                // After a failure or a stop, what follows the last line end is a line cut short: not a line.
                guard start < end || skipping > 0, failure == nil, !stopped else { return nil }
                let line = start ..< end
                start = end
                return found(line)
            }
            fill(shouldStop: shouldStop)
        }
    }

    /// A line found: its text, or its length when it is longer than the bound (some of
    /// its bytes skipped already, or all of them in the buffer: a line that came whole in
    /// one large read is refused as one that came in pieces is).
    private mutating func found(_ line: Range<Int>) -> Found {
        defer { skipping = 0 }
        let length = skipping + line.count
        return length > maxLineLength ? .tooLong(length: length) : .text(line)
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
    /// taken to its front. A failed read ends the input with `failure` set: it is never
    /// taken for the end of the input.
    private mutating func fill(shouldStop: () -> Bool) {
        if buffer.isEmpty {
            do { try Descriptor.checkReadable(descriptor) } catch {
                failure = error
                atEnd = true
                return
            }
            buffer = Array(repeating: 0, count: maxLineLength + Self.blockSize)
        }
        let descriptor = descriptor
        let result = buffer.withUnsafeMutableBufferPointer { (room) -> Result<Int?, IOFailure> in
            let base = room.baseAddress!
            if start > 0 { memmove(base, base + start, end - start) }
            end -= start
            start = 0
            return Result { () throws(IOFailure) in try Descriptor.read(descriptor, into: base + end, count: Self.blockSize, shouldStop: shouldStop) }
        }
        switch result {
        case .success(let count?) where count > 0: end += count
        case .success(let count):
            atEnd = true
            stopped = count == nil
        case .failure(let error):
            atEnd = true
            failure = error
        }
    }
}
