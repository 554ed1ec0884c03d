import Dispatch
import Foundation

/// Batch mode: reads NDJSON profiles, evaluates them on every core, and writes one
/// record per input line, in input order. Work goes in rounds of a bounded number of
/// chunks, so memory stays flat whatever the input size; the output of a round is
/// written before the next round is read.
public struct BatchRunner: Sendable {
    public let vocabulary: Vocabulary
    public let evaluator: Evaluator
    public let asOf: CivilDate
    public let threads: Int
    public var linesPerChunk = 2048

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
        let chunksPerRound = threads * 2
        var lineNumber = 0
        while !shouldStop() {
            var chunks: [[(Int, LineReader.Line)]] = []
            reading: while chunks.count < chunksPerRound {
                var chunk: [(Int, LineReader.Line)] = []
                chunk.reserveCapacity(linesPerChunk)
                while chunk.count < linesPerChunk {
                    guard let line = reader.next() else { break }
                    lineNumber += 1
                    chunk.append((lineNumber, line))
                }
                if chunk.isEmpty { break reading }
                chunks.append(chunk)
            }
            if chunks.isEmpty { return summary }
            let outputs = process(chunks)
            for output in outputs {
                summary.lines += output.lines
                summary.errors += output.errors
                summary.verdicts.merge(output.verdicts, uniquingKeysWith: +)
                if !write(output.bytes) {
                    summary.stopped = true
                    return summary
                }
            }
        }
        summary.stopped = true
        return summary
    }

    struct ChunkOutput: Sendable {
        var bytes: [UInt8] = []
        var lines = 0
        var errors = 0
        var verdicts: [Verdict: Int] = [:]
    }

    /// Evaluates the chunks in parallel; the result keeps their order.
    private func process(_ chunks: [[(Int, LineReader.Line)]]) -> [ChunkOutput] {
        if threads == 1 { return chunks.map(evaluate) }
        let results = ResultSlots<ChunkOutput>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            results[index] = evaluate(chunks[index])
        }
        return results.values
    }

    func evaluate(_ chunk: [(Int, LineReader.Line)]) -> ChunkOutput {
        var output = ChunkOutput()
        let decoder = ProfileDecoder(vocabulary: vocabulary, asOf: asOf)
        // Each chunk (each thread) has its own worker, decoder and writer: nothing they
        // read at every line is shared between cores.
        var worker = DecisionWorker(evaluator: evaluator, asOf: asOf)
        let cellDecoder = worker.decoder(vocabulary: vocabulary)
        let writer = DecisionWriter(evaluator: evaluator)
        // Verdicts counted by their place in `Verdict.allCases` (no hashing per line).
        var counts = [Int](repeating: 0, count: Verdict.allCases.count)
        for (number, line) in chunk {
            switch line {
            case .tooLong(let length):
                BatchRecord.error(line: number, code: "line-too-long", [
                    Diagnostic(code: "line-too-long", at: nil, "the line has \(length) bytes; a profile line may have at most 1 MiB"),
                ]).write(compactTo: &output.bytes)
                output.errors += 1
            case .text(let bytes):
                do throws(DiagnosticList) {
                    guard bytes.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
                        throw DiagnosticList([Diagnostic(code: "empty-line", at: nil, "the line is empty; expected one JSON profile per line")])
                    }
                    if try !worker.load(bytes, with: cellDecoder, source: { "line \(number)" }) {
                        worker.load(try decoder.decode(bytes, source: "line \(number)"))
                    }
                    let decision = worker.decide()
                    counts[Verdict.allCases.firstIndex(of: decision.verdict)!] += 1
                    writer.write(line: number, decision, to: &output.bytes)
                } catch {
                    output.errors += 1
                    BatchRecord.error(line: number, code: "bad-input", error.diagnostics).write(compactTo: &output.bytes)
                }
            }
            output.bytes.append(UInt8(ascii: "\n"))
            output.lines += 1
        }
        for (verdict, count) in zip(Verdict.allCases, counts) where count > 0 { output.verdicts[verdict] = count }
        return output
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
