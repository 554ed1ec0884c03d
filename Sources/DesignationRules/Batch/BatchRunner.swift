import Dispatch
import Foundation

/// Batch mode: reads NDJSON profiles, evaluates them on every core, and writes one
/// record per input line, in input order. Work goes in rounds of a bounded number of
/// chunks, so memory stays flat whatever the input size. While the lanes evaluate a
/// round, this thread writes the round before and reads the round after.
public struct BatchRunner: Sendable {
    public let vocabulary: Vocabulary
    public let evaluator: Evaluator
    public let asOf: CivilDate
    public let threads: Int
    public var linesPerChunk = 1024
    /// Chunks a round gives each lane: several, so that a lane that finishes early
    /// takes another rather than waiting.
    public var chunksPerLane = 4

    public init(vocabulary: Vocabulary, evaluator: Evaluator, asOf: CivilDate, threads: Int) {
        self.vocabulary = vocabulary
        self.evaluator = evaluator
        self.asOf = asOf
        self.threads = max(1, threads)
    }

    /// Counts of what was written.
    public struct Summary: Sendable {
        public var lines = 0
        public var errors = 0
        public var verdicts: [Verdict: Int] = [:]
        /// Whether the run stopped early (interrupted, or the output was closed).
        public var stopped = false
    }

    /// Runs until the input ends, `write` refuses more output, or `shouldStop` says so.
    public func run(reading descriptor: Int32, write: ([UInt8]) -> Bool, shouldStop: () -> Bool) -> Summary {
        var reader = LineReader(descriptor: descriptor)
        var summary = Summary()
        var lineNumber = 1
        func readRound() -> [LineChunk] {
            var chunks: [LineChunk] = []
            while chunks.count < threads * chunksPerLane, let chunk = reader.chunk(of: linesPerChunk, firstNumber: lineNumber) {
                lineNumber += chunk.entries.count
                chunks.append(chunk)
            }
            return chunks
        }
        func deliver(_ outputs: [ChunkOutput]) -> Bool {
            for output in outputs {
                summary.lines += output.lines
                summary.errors += output.errors
                for (verdict, count) in zip(Verdict.allCases, output.verdictCounts) where count > 0 {
                    summary.verdicts[verdict, default: 0] += count
                }
                if !write(output.bytes) { return false }
            }
            return true
        }
        let lanes = Lanes(count: threads) { LineEvaluator(vocabulary: vocabulary, evaluator: evaluator, asOf: asOf) }
        var round = readRound()
        var finished: [ChunkOutput] = []
        while !round.isEmpty, !shouldStop() {
            let pending = lanes.start(round)
            guard deliver(finished) else {
                _ = pending.wait()
                summary.stopped = true
                return summary
            }
            round = readRound()
            finished = pending.wait()
        }
        guard deliver(finished) else {
            summary.stopped = true
            return summary
        }
        summary.stopped = !round.isEmpty
        return summary
    }

    struct ChunkOutput: Sendable {
        var bytes: [UInt8] = []
        var lines = 0
        var errors = 0
        /// Counted by their place in `Verdict.allCases` (no hashing per line).
        var verdictCounts = [Int](repeating: 0, count: Verdict.allCases.count)
    }
}

/// What one lane needs to evaluate lines, made once and kept for the whole run: its own
/// worker (with its own copy of the program), decoders and writer, so that nothing read
/// at every line is shared between cores.
struct LineEvaluator {
    private var worker: DecisionWorker
    private let cellDecoder: CellDecoder
    private let decoder: ProfileDecoder
    private let writer: DecisionWriter

    init(vocabulary: Vocabulary, evaluator: Evaluator, asOf: CivilDate) {
        worker = DecisionWorker(evaluator: evaluator, asOf: asOf)
        cellDecoder = worker.decoder(vocabulary: vocabulary)
        decoder = ProfileDecoder(vocabulary: vocabulary, asOf: asOf)
        writer = DecisionWriter(evaluator: evaluator)
    }

    mutating func evaluate(_ chunk: LineChunk) -> BatchRunner.ChunkOutput {
        var output = BatchRunner.ChunkOutput()
        output.bytes.reserveCapacity(chunk.entries.count * 256)
        chunk.bytes.withUnsafeBufferPointer { all in
            for (offset, entry) in chunk.entries.enumerated() {
                let number = chunk.firstNumber + offset
                switch entry {
                case .tooLong(let length):
                    BatchRecord.error(line: number, code: "line-too-long", [
                        Diagnostic(code: "line-too-long", at: nil, "the line has \(length) bytes; a profile line may have at most 1 MiB"),
                    ]).write(compactTo: &output.bytes)
                    output.errors += 1
                case .text(let start, let end):
                    evaluate(UnsafeBufferPointer(rebasing: all[start ..< end]), number: number, into: &output)
                }
                output.bytes.append(UInt8(ascii: "\n"))
                output.lines += 1
            }
        }
        return output
    }

    private mutating func evaluate(_ bytes: UnsafeBufferPointer<UInt8>, number: Int, into output: inout BatchRunner.ChunkOutput) {
        do throws(DiagnosticList) {
            guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
                throw DiagnosticList([Diagnostic(code: "empty-line", at: nil, "the line is empty; expected one JSON profile per line")])
            }
            if try !worker.load(bytes, with: cellDecoder, source: { "line \(number)" }) {
                worker.load(try decoder.decode(Array(bytes), source: "line \(number)"))
            }
            let decision = worker.decide()
            output.verdictCounts[Verdict.allCases.firstIndex(of: decision.verdict)!] += 1
            writer.write(line: number, decision, to: &output.bytes)
        } catch {
            output.errors += 1
            BatchRecord.error(line: number, code: "bad-input", error.diagnostics).write(compactTo: &output.bytes)
        }
    }
}

/// A fixed number of threads' worth of line evaluators. A round's chunks are taken one
/// at a time by whichever lane is free; their outputs keep the chunks' order.
final class Lanes: @unchecked Sendable {
    /// One evaluator a lane, at a fixed address: each lane's task mutates its own in place.
    private let evaluators: UnsafeMutableBufferPointer<LineEvaluator>
    private let queue = DispatchQueue(label: "batch.lanes", attributes: .concurrent)

    init(count: Int, make: () -> LineEvaluator) {
        evaluators = .allocate(capacity: count)
        for lane in 0 ..< count { (evaluators.baseAddress! + lane).initialize(to: make()) }
    }

    deinit {
        evaluators.deinitialize()
        evaluators.deallocate()
    }

    /// A round under way; `wait()` gives its outputs in order.
    struct Pending {
        fileprivate let group: DispatchGroup
        fileprivate let results: ResultSlots<BatchRunner.ChunkOutput>
        func wait() -> [BatchRunner.ChunkOutput] {
            group.wait()
            return results.values
        }
    }

    /// Starts evaluating `chunks` on every lane and returns at once. The lanes are busy
    /// until the round's `wait()` returns; start no other round before.
    func start(_ chunks: [LineChunk]) -> Pending {
        let results = ResultSlots<BatchRunner.ChunkOutput>(count: chunks.count)
        let group = DispatchGroup()
        let next = NextIndex()
        for lane in evaluators.indices {
            // Each task owns one lane's evaluator until the group is done.
            queue.async(group: group) { [self] in
                while let index = next.take(below: chunks.count) {
                    results[index] = evaluators[lane].evaluate(chunks[index])
                }
            }
        }
        return Pending(group: group, results: results)
    }
}

/// Hands out 0, 1, 2, … to whoever asks, once each.
private final class NextIndex: @unchecked Sendable {
    private var next = 0
    private let lock = NSLock()

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// Fixed slots that parallel workers fill, one each, without sharing anything else.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    subscript(index: Int) -> Value? {
        get { lock.withLock { slots[index] } }
        set { lock.withLock { slots[index] = newValue } }
    }

    var values: [Value] { lock.withLock { slots.map { $0! } } }
}
