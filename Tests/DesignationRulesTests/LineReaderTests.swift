import Foundation
import Testing
@testable import DesignationRules

/// `LineReader` hands out chunks of lines copied out of its buffer; these tests check
/// that every line comes out once, whole and in order, across block refills, CRLF line
/// ends, lines over the length bound and a last line without a line end.
struct LineReaderTests {
    /// A line as the reader gives it: its bytes, or the length of a line it skipped.
    enum Read: Equatable {
        case text([UInt8])
        case tooLong(Int)
    }

    /// With `recycling`, each chunk's array goes back to the reader's pool once read, as
    /// batch mode does, so later chunks are filled into arrays that held other lines.
    private static func readAll(_ text: [UInt8], bound: Int, linesPerChunk: Int, recycling: Bool = false) throws -> [Read] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).ndjson")
        try Data(text).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let descriptor = open(url.path, O_RDONLY)
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor, maxLineLength: bound)
        let pool = BufferPool(limit: 2)
        if recycling { reader.pool = pool }
        var lines: [Read] = []
        while case var chunk? = reader.chunk(of: linesPerChunk, firstNumber: lines.count + 1) {
            defer { if recycling { pool.give(&chunk.bytes) } }
            #expect(chunk.firstNumber == lines.count + 1)
            #expect(chunk.entries.count <= linesPerChunk)
            for entry in chunk.entries {
                switch entry {
                case .text(let start, let end): lines.append(.text(Array(chunk.bytes[start ..< end])))
                case .tooLong(let length): lines.append(.tooLong(length))
                }
            }
        }
        return lines
    }

    @Test(arguments: [(1, false), (7, false), (1024, false), (7, true), (1024, true)])
    func everyLineOnceInOrder(linesPerChunk: Int, recycling: Bool) throws {
        let bound = 3000
        // About 4 MB: several 1 MiB blocks, so lines straddle refills. Two lines are
        // longer than a block and must be skipped (a line over the bound that fits in a
        // block is refused too: `DescriptorInputTests.theBoundHoldsHoweverTheLineArrives`).
        var lines: [[UInt8]] = []
        var text: [UInt8] = []
        while text.count < 4 << 20 {
            let number = lines.count + 1
            let length = number == 900 || number == 1800 ? 1_200_000 : number * 7919 % 2001
            let line = Array("\(number):".utf8) + [UInt8](repeating: UInt8(0x20 + number % 95), count: length)
            lines.append(line)
            text += line + (number % 5 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        lines.append(Array("the last line, without a line end".utf8))
        text += lines.last!

        let read = try Self.readAll(text, bound: bound, linesPerChunk: linesPerChunk, recycling: recycling)
        #expect(read.count == lines.count)
        for (index, (got, line)) in zip(read, lines).enumerated() {
            switch got {
            case .text(let bytes): #expect(bytes == line && line.count <= bound, "line \(index + 1) differs")
            case .tooLong(let length): #expect(line.count > bound && length == line.count, "line \(index + 1) skipped wrongly")
            }
        }
        #expect(read[899] == .tooLong(lines[899].count))
        #expect(read[1799] == .tooLong(lines[1799].count))
    }

    @Test func emptyInputGivesNoChunk() throws {
        #expect(try Self.readAll([], bound: 100, linesPerChunk: 10).isEmpty)
    }

    @Test func blankLinesAreLines() throws {
        #expect(try Self.readAll(Array("\n\r\nx\n\n".utf8), bound: 100, linesPerChunk: 2) == [.text([]), .text([]), .text([UInt8(ascii: "x")]), .text([])])
    }
}
