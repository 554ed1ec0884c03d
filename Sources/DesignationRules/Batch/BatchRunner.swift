import Foundation

/// Batch mode: reads NDJSON profiles, evaluates them on every core, and writes one
/// record per input line, in input order. This thread reads chunks of lines and writes
/// their records; the lanes (one a thread) evaluate them, each taking the next chunk as
/// soon as it is free. At most a few chunks a lane are read and not yet written, so
/// memory stays flat whatever the input size.
public struct BatchRunner: Sendable {
    public let vocabulary: Vocabulary
    public let evaluator: Evaluator
    public let asOf: CivilDate
    public let threads: Int
    public var linesPerChunk = 1024
    /// Chunks read and not yet written, per lane: enough that no lane waits for the reader.
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
        /// The read that failed, if input ended with a failure rather than at its end.
        /// The lines read before it were all written.
        public var readFailure: IOFailure?
    }

    /// Runs until the input ends, `write` refuses more output, or `shouldStop` says so
    /// (asked also while a read waits for input, so that it ends a wait on a pipe that
    /// stays open). Chunks already read when it stops are still evaluated and written.
    ///
    /// Before waiting for input it writes every record of the lines read so far, so that
    /// a consumer of a stream (`tail -f log | evaluate --batch -`) sees each record soon
    /// after its line arrives. Input from a file or a busy pipe never waits, and keeps
    /// the lanes fed with several chunks each.
    public func run(reading descriptor: Int32, write: ([UInt8]) -> Bool, shouldStop: () -> Bool) -> Summary {
        // The chunks' arrays, read and written, go round rather than being made anew (see `BufferPool`).
        let inFlight = threads * chunksPerLane + 1
        let inputs = BufferPool(limit: inFlight), outputs = BufferPool(limit: inFlight)
        var reader = LineReader(descriptor: descriptor)
        reader.pool = inputs
        var summary = Summary()
        let pipeline = ChunkPipeline(lanes: threads, inputs: inputs) {
            LineEvaluator(vocabulary: vocabulary, evaluator: evaluator, asOf: asOf, outputs: outputs)
        }
        defer { pipeline.close() }
        var read = 0, written = 0, lineNumber = 1, inputEnded = false
        while true {
            while !inputEnded, read - written < threads * chunksPerLane {
                if read > written, reader.wouldWait() { break }
                if shouldStop() {
                    summary.stopped = true
                    inputEnded = true
                } else if let chunk = reader.chunk(of: linesPerChunk, firstNumber: lineNumber, shouldStop: shouldStop) {
                    lineNumber += chunk.entries.count
                    pipeline.submit(chunk, sequence: read)
                    read += 1
                } else {
                    inputEnded = true
                    summary.stopped = reader.stopped
                    summary.readFailure = reader.failure
                }
            }
            if written == read {
                if inputEnded { return summary }
                continue
            }
            var output = pipeline.output(sequence: written)
            written += 1
            summary.lines += output.lines
            summary.errors += output.errors
            for (verdict, count) in zip(Verdict.allCases, output.verdictCounts) where count > 0 {
                summary.verdicts[verdict, default: 0] += count
            }
            if !write(output.bytes) {
                summary.stopped = true
                return summary
            }
            outputs.give(&output.bytes)
        }
    }

    struct ChunkOutput: Sendable {
        var bytes: [UInt8] = []
        var lines = 0
        var errors = 0
        /// Counted by their place in `Verdict.allCases` (no hashing per line).
        var verdictCounts = [Int](repeating: 0, count: Verdict.allCases.count)
    }
}
