import Foundation

/// Reads lines from a file descriptor in large blocks, with a bound on the length of
/// a line: a longer line is reported as such and skipped, so memory stays bounded
/// whatever the input.
public struct LineReader {
    public enum Line: Sendable {
        case text([UInt8])
        /// A line longer than the bound; its bytes were skipped.
        case tooLong(length: Int)
    }

    private let descriptor: Int32
    private let maxLineLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var skipping = 0
    /// The block `read` fills, allocated once.
    private var block: [UInt8] = []
    private static let blockSize = 1 << 20

    public init(descriptor: Int32, maxLineLength: Int = 1 << 20) {
        self.descriptor = descriptor
        self.maxLineLength = maxLineLength
    }

    /// The next line without its line end (`\n` or `\r\n`), or nil at the end of input.
    public mutating func next() -> Line? {
        while true {
            if let newline = newlineIndex() {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = Array(buffer[start..<end])
                start = newline + 1
                if skipping > 0 {
                    defer { skipping = 0 }
                    return .tooLong(length: skipping + line.count)
                }
                return .text(line)
            }
            if buffer.count - start > maxLineLength {
                skipping += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            if atEnd {
                guard start < buffer.count || skipping > 0 else { return nil }
                let line = Array(buffer[start...])
                buffer.removeAll()
                start = 0
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
            guard start < bytes.count, let base = bytes.baseAddress,
                  let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    private mutating func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        if block.isEmpty { block = [UInt8](repeating: 0, count: Self.blockSize) }
        var count = 0
        block.withUnsafeMutableBytes { raw in
            repeat {
                count = read(descriptor, raw.baseAddress!, raw.count)
            } while count < 0 && errno == EINTR
        }
        if count <= 0 {
            atEnd = true
        } else {
            buffer.append(contentsOf: block[0..<count])
        }
    }
}
